// What each signature permits after it, and whether the later revisions kept to it. A
// certification signature's DocMDP level (ISO 32000-2 12.8.2.2): 1 nothing but validation data
// and document timestamps, 2 also form filling and signing, 3 also annotations. An approval
// signature's FieldMDP (its /Reference, or its field's /Lock) freezes the fields it names.
// Whatever the level, an overlay (an annotation, or an unsigned signature field, whose
// appearance can paint over the page: "evil annotation", "sneaky signature") and any other
// change fail every signature made before it.
import type { PdfDocument } from '../pdf/document';
import { PdfString, isName, type PdfDict, type PdfValue } from '../pdf/values';
import type { ChangeItem } from './changes';

export interface Permissions {
  /** DocMDP level when this signature certifies the file. */
  certification?: 1 | 2 | 3;
  /** Field names this signature locks (undefined: none; 'all': every field). */
  locked?: Set<string> | 'all';
  /** For Action Exclude: every field but these. */
  unlocked?: Set<string>;
}

function names(doc: PdfDocument, value: PdfValue | undefined): Set<string> {
  const list = doc.resolve(value);
  const out = new Set<string>();
  for (const item of Array.isArray(list) ? list : []) {
    const s = doc.resolve(item);
    if (s instanceof PdfString) out.add(s.text());
  }
  return out;
}

function applyFieldMdp(doc: PdfDocument, params: PdfDict | undefined, into: Permissions): void {
  if (!params) return;
  const action = params.get('Action');
  if (isName(action, 'All')) into.locked = 'all';
  else if (isName(action, 'Include')) into.locked = names(doc, params.get('Fields'));
  else if (isName(action, 'Exclude')) {
    into.locked = 'all';
    into.unlocked = names(doc, params.get('Fields'));
  }
}

export function readPermissions(
  doc: PdfDocument,
  sigDict: PdfDict,
  fieldDict: PdfDict | undefined,
): Permissions {
  const out: Permissions = {};
  const references = doc.resolve(sigDict.get('Reference'));
  for (const item of Array.isArray(references) ? references : []) {
    const reference = doc.dict(item);
    const params = doc.dict(reference?.get('TransformParams'));
    if (isName(reference?.get('TransformMethod'), 'DocMDP')) {
      const p = params?.get('P');
      out.certification = p === 1 || p === 3 ? p : 2;
    }
    if (isName(reference?.get('TransformMethod'), 'FieldMDP')) applyFieldMdp(doc, params, out);
  }
  if (!out.locked) applyFieldMdp(doc, doc.dict(fieldDict?.get('Lock')), out);
  return out;
}

const isLocked = (p: Permissions, field: string | undefined): boolean => {
  if (!field || !p.locked) return false;
  if (p.locked === 'all') return !p.unlocked?.has(field);
  return p.locked.has(field) || [...p.locked].some((l) => field.startsWith(`${l}.`));
};

export interface Judgement {
  errors: string[];
  warnings: string[];
}

/** The reason codes the changes after one signature give it. */
export function judgeChanges(items: ChangeItem[], own: Permissions, ownField: string): Judgement {
  const out: Judgement = { errors: [], warnings: [] };
  const add = (list: string[], code: string) => list.includes(code) || list.push(code);
  for (const item of items) {
    if (item.kind === 'other') add(out.errors, 'modified-after-signing');
    if (item.kind === 'overlay') add(out.errors, 'annotation-overlay');
    if (item.kind === 'form') add(out.warnings, 'form-filled-after-signing');
    if (item.kind === 'annotation') add(out.warnings, 'annotations-after-signing');
    if (item.field !== ownField && isLocked(own, item.field) && item.kind !== 'signature') {
      add(out.errors, 'field-lock-violated');
    }
    const level = own.certification;
    if (!level) continue;
    const allowed =
      item.kind === 'ltv' ||
      (level !== 1 && item.kind === 'signature') ||
      (level !== 1 && item.kind === 'form') ||
      (level === 3 && item.kind === 'annotation');
    if (!allowed) add(out.errors, 'certification-violated');
  }
  return out;
}
