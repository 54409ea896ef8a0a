// The card's data as extracted fields, so the UI shows QR, MRZ and OCR values side by side with
// their source. QR and MRZ values are machine-readable and self-checked: confidence reflects
// whether their checks passed, not a guess.
import type { ExtractedField } from '../../../shared/classification';
import type { CardHolder, IdentityCheck, MrzData } from '../../../shared/identity';

const passed = (checks: IdentityCheck[], prefix: string) =>
  checks.filter((c) => c.id.startsWith(prefix) && c.severity === 'error').every((c) => c.ok);

export function fieldsFromQr(
  h: CardHolder,
  checks: IdentityCheck[] = [],
  page = 1,
): ExtractedField[] {
  const idOk = passed(checks, 'id.');
  const f = (name: ExtractedField['name'], value: string, confidence: number): ExtractedField => ({
    name,
    value,
    raw: value,
    confidence,
    source: 'qr',
    page,
  });
  return [
    f('idNumber', h.idNumber, idOk ? 1 : 0.5),
    f('fullName', h.fullName, 1),
    f('dateOfBirth', h.dateOfBirth, idOk ? 1 : 0.5),
    f('address', h.address, 1),
    f('dateOfIssue', h.dateOfIssue, 1),
  ];
}

export function fieldsFromMrz(
  m: MrzData,
  checks: IdentityCheck[] = [],
  page = 1,
): ExtractedField[] {
  const ok = (id: string) => checks.find((c) => c.id === id)?.ok ?? false;
  const f = (name: ExtractedField['name'], value: string, confidence: number): ExtractedField => ({
    name,
    value,
    raw: value,
    confidence,
    source: 'mrz',
    page,
  });
  const out = [
    f('dateOfBirth', m.dateOfBirth, ok('mrz.check.birth') ? 1 : 0.3),
    // The MRZ spells names without diacritics: right, but not printable as is.
    f('fullName', `${m.surname} ${m.givenNames}`.trim(), 0.6),
  ];
  if (m.idNumber) out.unshift(f('idNumber', m.idNumber, ok('mrz.check.composite') ? 1 : 0.3));
  return out;
}
