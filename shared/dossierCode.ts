// Dossier codes, by default in the format of the former TT 01/2018/TT-VPCP Art. 19 (the one-stop
// decree ND 118/2025/NĐ-CP that replaced it names no other): <agency id>-<YYMMDD>-<NNNN>,
// with the receipt date taken in Vietnam time (UTC+7) whatever the PC's time zone.
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** YYMMDD of the given instant in Vietnam time. */
export function vietnamDayKey(at: Date): string {
  const d = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

export function formatDossierCode(agencyId: string, day: string, sequence: number): string {
  return `${agencyId}-${day}-${String(sequence).padStart(4, '0')}`;
}

/** Agency identifiers are dotted codes like H49.64.33; ND 30/2020 allows up to 13 characters. */
export const AGENCY_ID_PATTERN = /^[A-Z0-9]+(\.[A-Z0-9]+)*$/;

// ---- configurable format -----------------------------------------------------------------

/** The default pattern: the former TT 01/2018/TT-VPCP Art. 19; a setting, as ND 118/2025 fixes none. */
export const DEFAULT_CODE_PATTERN = '{AGENCY}-{YYMMDD}-{NNNN}';

const TOKEN = /\{(AGENCY|YYMMDD|YYYYMMDD|N+)\}/g;

/** A pattern needs the agency, a date (the sequence restarts daily) and a sequence of 3–6 digits. */
export function isValidCodePattern(pattern: string): boolean {
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1]!);
  const seq = tokens.filter((t) => t.startsWith('N'));
  const literal = pattern.replace(TOKEN, '');
  return (
    tokens.filter((t) => t === 'AGENCY').length === 1 &&
    tokens.filter((t) => t === 'YYMMDD' || t === 'YYYYMMDD').length === 1 &&
    seq.length === 1 &&
    seq[0]!.length >= 3 &&
    seq[0]!.length <= 6 &&
    /^[A-Za-z0-9.\-_/]*$/.test(literal)
  );
}

/** Formats a code; `day` is the YYMMDD key of the receipt day in Vietnam time. */
export function formatCodeWithPattern(
  pattern: string,
  agencyId: string,
  day: string,
  sequence: number,
): string {
  return pattern.replace(TOKEN, (_, token: string) => {
    if (token === 'AGENCY') return agencyId;
    if (token === 'YYMMDD') return day;
    // Years 2000–2099: the YYMMDD key is unambiguous within the desk's lifetime.
    if (token === 'YYYYMMDD') return `20${day}`;
    return String(sequence).padStart(token.length, '0');
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** A regular expression that recognises codes of the pattern (for typed or scanned codes). */
export function codePatternRegExp(pattern: string): RegExp {
  let source = '';
  let last = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    source += escapeRegExp(pattern.slice(last, m.index));
    const token = m[1]!;
    source +=
      token === 'AGENCY'
        ? '([A-Z0-9]+(?:\\.[A-Z0-9]+)*)'
        : token === 'YYMMDD'
          ? '(\\d{6})'
          : token === 'YYYYMMDD'
            ? '(\\d{8})'
            : `(\\d{${token.length}})`;
    last = m.index + m[0].length;
  }
  source += escapeRegExp(pattern.slice(last));
  return new RegExp(`^${source}$`);
}

/**
 * A code handed over by the provincial system (typed or scanned): letters, digits and . - _ /,
 * 4–64 characters. Its structure is the province's business; we only refuse what cannot be one.
 */
export const EXTERNAL_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.\-_/]{3,63}$/;
