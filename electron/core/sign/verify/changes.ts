// What changed in a PDF after a signature: the objects of the final revision compared with the
// revision the signature covers, each change put in one of the classes the clerk is shown.
// Unchanged objects are recognised by their unchanged cross-reference entry, so the comparison
// costs little on large files; anything we cannot explain counts as "other" (a possible shadow
// attack), never as harmless.
import type { PdfDocument } from '../pdf/document';
import { PdfDict, PdfRef, PdfStream, canonical, isName, type PdfValue } from '../pdf/values';

export type ChangeClass = 'none' | 'signatures' | 'forms-annotations' | 'other';
const RANK: Record<ChangeClass, number> = {
  none: 0,
  signatures: 1,
  'forms-annotations': 2,
  other: 3,
};
type Kind = ChangeClass | 'neutral';

export const worst = (a: ChangeClass, b: ChangeClass): ChangeClass => (RANK[a] >= RANK[b] ? a : b);

export interface ChangeReport {
  change: ChangeClass;
  /** Short descriptions: "object 12 (Page) modified: Contents". */
  details: string[];
}

const typeName = (v: PdfValue | undefined): string | undefined => {
  const dict = v instanceof PdfStream ? v.dict : v instanceof PdfDict ? v : undefined;
  const t = dict?.get('Type');
  return isName(t) ? t.name : undefined;
};

function isSignatureField(doc: PdfDocument, dict: PdfDict): boolean {
  let d: PdfDict | undefined = dict;
  for (let i = 0; d && i < 8; i++) {
    if (isName(d.get('FT'), 'Sig')) return true;
    d = doc.dict(d.get('Parent'));
  }
  return false;
}

/** What an object newly referenced from an array (Annots, Fields) is. */
function classifyMember(doc: PdfDocument, value: PdfValue): Kind {
  const dict = doc.dict(value);
  if (!dict) return 'other';
  if (isSignatureField(doc, dict)) return 'signatures';
  if (dict.has('FT') || isName(dict.get('Subtype'), 'Widget')) return 'forms-annotations';
  if (isName(dict.get('Type'), 'Annot') || dict.has('Subtype')) return 'forms-annotations';
  return 'other';
}

function arrayChange(doc: PdfDocument, before: PdfValue[], after: PdfValue[]): Kind {
  const key = (v: PdfValue) => canonical(v);
  const old = new Set(before.map(key));
  const kept = after.filter((v) => old.has(key(v)));
  if (kept.length !== before.length) return 'other'; // something was removed or replaced
  let kind: Kind = 'neutral';
  for (const v of after) if (!old.has(key(v))) kind = maxKind(kind, classifyMember(doc, v));
  return kind;
}

function maxKind(a: Kind, b: Kind): Kind {
  if (a === 'neutral') return b;
  if (b === 'neutral') return a;
  return worst(a, b);
}

/** Keys writers touch on every save that change nothing visible. */
const BOOKKEEPING_KEYS = new Set(['ITXT', 'PieceInfo', 'LastModified']);

/** Resources may gain entries (a new signature's font) but existing ones must stay. */
function additiveResources(
  signed: PdfDocument,
  final: PdfDocument,
  before: PdfDict,
  after: PdfDict,
): boolean {
  const b = signed.dict(before.get('Resources'));
  const a = final.dict(after.get('Resources'));
  if (!b || !a) return false;
  for (const [key, value] of b.entries) {
    const bSub = signed.dict(value);
    const aSub = final.dict(a.get(key));
    if (bSub && aSub) {
      for (const [name, entry] of bSub.entries) {
        if (canonical(entry) !== canonical(aSub.get(name))) return false;
      }
    } else if (canonical(value) !== canonical(a.get(key))) return false;
  }
  return true;
}

/** Appearance streams of form fields: filling a field legitimately rewrites them. */
export function widgetAppearances(doc: PdfDocument): Set<number> {
  const out = new Set<number>();
  const seen = new Set<string>();
  const addAp = (ap: PdfDict | undefined) => {
    for (const state of ['N', 'D', 'R']) {
      const v = ap?.get(state);
      if (v instanceof PdfRef) out.add(v.num);
      const sub = v instanceof PdfDict ? v : undefined;
      for (const x of sub?.entries.values() ?? []) if (x instanceof PdfRef) out.add(x.num);
    }
  };
  const walk = (items: PdfValue[], depth: number) => {
    if (depth > 16) return;
    for (const item of items.slice(0, 5000)) {
      if (item instanceof PdfRef) {
        if (seen.has(item.key)) continue;
        seen.add(item.key);
      }
      const field = doc.dict(item);
      if (!field) continue;
      addAp(doc.dict(field.get('AP')));
      const kids = doc.resolve(field.get('Kids'));
      if (Array.isArray(kids)) walk(kids, depth + 1);
    }
  };
  const fields = doc.resolve(doc.dict(doc.catalog?.get('AcroForm'))?.get('Fields'));
  if (Array.isArray(fields)) walk(fields, 0);
  return out;
}

function changedKeys(before: PdfDict, after: PdfDict): string[] {
  const keys = new Set([...before.entries.keys(), ...after.entries.keys()]);
  return [...keys].filter((k) => canonical(before.get(k)) !== canonical(after.get(k)));
}

function classify(
  signed: PdfDocument,
  final: PdfDocument,
  num: number,
  before: PdfValue | undefined,
  after: PdfValue,
  appearances: Set<number>,
): { kind: Kind; what: string } {
  const type = typeName(after) ?? typeName(before);
  const label = `${num} (${type ?? (Array.isArray(after) ? 'array' : after instanceof PdfStream ? 'stream' : 'dict')})`;
  const infoRef = final.trailer.get('Info');
  if (infoRef instanceof PdfRef && infoRef.num === num) return { kind: 'neutral', what: label };
  if (type === 'XRef' || type === 'ObjStm') return { kind: 'neutral', what: label };
  if (before === undefined) {
    // A new object matters only through what refers to it, except these.
    if (type === 'Sig' || type === 'DocTimeStamp')
      return { kind: 'signatures', what: `${label} added` };
    if (type === 'Page' || type === 'Pages') return { kind: 'other', what: `${label} added` };
    if (after instanceof PdfDict && (type === 'Annot' || after.has('FT'))) {
      return { kind: classifyMember(final, after), what: `${label} added` };
    }
    return { kind: 'neutral', what: `${label} added` };
  }
  if (final.misdirected.has(num)) {
    return { kind: 'other', what: `${label}: its cross-reference entry points at another object` };
  }
  if (after instanceof PdfStream) {
    if (type === 'Metadata' && typeName(before) === 'Metadata') {
      return { kind: 'neutral', what: `${label} modified` };
    }
    if (appearances.has(num)) return { kind: 'forms-annotations', what: `${label} modified` };
    return { kind: 'other', what: `${label} modified` };
  }
  if (Array.isArray(after) && Array.isArray(before)) {
    return { kind: arrayChange(final, before, after), what: `${label} modified` };
  }
  if (!(after instanceof PdfDict) || !(before instanceof PdfDict)) {
    return { kind: typeof after === 'number' ? 'neutral' : 'other', what: `${label} modified` };
  }
  const keys = changedKeys(before, after);
  const what = `${label} modified: ${keys.join(', ')}`;
  if (type === 'Sig' || type === 'DocTimeStamp') return { kind: 'other', what };
  if (type === 'Catalog') {
    let kind: Kind = 'neutral';
    for (const k of keys) {
      if (k === 'AcroForm' || k === 'DSS' || k === 'Extensions') kind = maxKind(kind, 'signatures');
      else if (k === 'Metadata' || BOOKKEEPING_KEYS.has(k)) kind = maxKind(kind, 'neutral');
      else if (k === 'Names' && !final.dict(after.get('Names'))?.has('JavaScript')) {
        // Named destinations and the like come with annotations; scripts never pass.
        kind = maxKind(kind, 'forms-annotations');
      } else kind = 'other';
      if (kind === 'other') break;
    }
    return { kind, what };
  }
  if (type === 'Page' || type === 'Pages') {
    const significant = keys.filter((k) => !BOOKKEEPING_KEYS.has(k));
    if (significant.includes('Resources') && additiveResources(signed, final, before, after)) {
      significant.splice(significant.indexOf('Resources'), 1);
    }
    // `/Contents 5 0 R` and `/Contents [5 0 R]` are the same page (pdf-lib writes the latter).
    const asList = (v: PdfValue | undefined) => canonical(Array.isArray(v) ? v : [v ?? null]);
    if (
      significant.includes('Contents') &&
      asList(before.get('Contents')) === asList(after.get('Contents'))
    ) {
      significant.splice(significant.indexOf('Contents'), 1);
    }
    if (significant.length === 0) return { kind: 'neutral', what };
    if (type === 'Pages' || significant.some((k) => k !== 'Annots')) return { kind: 'other', what };
    const b = signed.resolve(before.get('Annots'));
    const a = final.resolve(after.get('Annots'));
    return { kind: arrayChange(final, Array.isArray(b) ? b : [], Array.isArray(a) ? a : []), what };
  }
  if (after.has('Fields') && before.has('Fields')) {
    let kind: Kind = 'neutral';
    for (const k of keys) {
      if (k === 'Fields') {
        const b = signed.resolve(before.get('Fields'));
        const a = final.resolve(after.get('Fields'));
        kind = maxKind(
          kind,
          arrayChange(final, Array.isArray(b) ? b : [], Array.isArray(a) ? a : []),
        );
      } else if (k === 'SigFlags' || k === 'DR' || k === 'DA' || k === 'NeedAppearances') {
        kind = maxKind(kind, 'signatures');
      } else kind = 'other';
    }
    return { kind, what };
  }
  if (after.has('VRI') || after.has('Certs') || after.has('OCSPs') || after.has('CRLs')) {
    return { kind: 'signatures', what };
  }
  if (type === 'Annot' || after.has('FT') || after.has('Subtype')) {
    if (
      isSignatureField(final, after) &&
      keys.every((k) => k === 'AP' || k === 'V' || k === 'Kids')
    ) {
      // Filling an empty signature field (its /V) is how a later signature is added.
      return {
        kind: isName(before.get('FT'), 'Sig') && before.has('V') ? 'other' : 'signatures',
        what,
      };
    }
    const isField =
      after.has('FT') || after.has('Parent') || isName(after.get('Subtype'), 'Widget');
    if (keys.includes('AP')) {
      // A plain annotation whose appearance is swapped can paint anything over the page (the
      // "replace" shadow attack); a field's look may change only with its value.
      if (!isField) return { kind: 'other', what };
      const parentV = (doc: PdfDocument, d: PdfDict) =>
        canonical(doc.dict(d.get('Parent'))?.get('V'));
      const valueChanged = keys.includes('V') || parentV(signed, before) !== parentV(final, after);
      if (!valueChanged) {
        return { kind: 'other', what: `${what} (appearance changed, value did not)` };
      }
    }
    return { kind: 'forms-annotations', what };
  }
  return { kind: 'other', what };
}

export function compareRevisions(signed: PdfDocument, final: PdfDocument): ChangeReport {
  let change: ChangeClass = 'none';
  const details: string[] = [];
  const appearances = widgetAppearances(final);
  for (const num of final.objectNumbers()) {
    const a = final.entries.get(num)!;
    const b = signed.entries.get(num);
    if (b && a.type === 1 && b.type === 1 && a.offset === b.offset) continue;
    if (b && a.type === 2 && b.type === 2 && a.stream === b.stream && a.index === b.index) {
      const sa = final.entries.get(a.stream);
      const sb = signed.entries.get(b.stream);
      if (sa?.type === 1 && sb?.type === 1 && sa.offset === sb.offset) continue;
    }
    const after = final.get(num);
    const before = b ? signed.get(num) : undefined;
    if (before !== undefined && canonical(before) === canonical(after)) continue;
    const { kind, what } = classify(signed, final, num, before, after, appearances);
    if (kind === 'neutral') continue;
    change = worst(change, kind);
    if (details.length < 20) details.push(`${kind}: object ${what}`);
  }
  return { change, details };
}
