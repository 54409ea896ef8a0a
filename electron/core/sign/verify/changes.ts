// What changed after a signature, judged by what a viewer shows: the signed revision and the
// final one are each resolved from their own trailer (revisionView.ts) and compared part by
// part. Every difference gets a kind: validation data (DSS, document timestamps), a signature,
// form filling, harmless markup, an overlay (an annotation that can paint over the page), or
// anything else (pages, content, resources, catalog actions, replaced objects, cross-reference
// and object-stream tricks), which nothing permits. permissions.ts then weighs the kinds
// against the certification level and field locks.
import type { PdfDocument } from '../pdf/document';
import { PdfReadError, canonical } from '../pdf/values';
import { isMarkup, revisionView, type AnnotView, type RevisionView } from './revisionView';

export type ChangeClass = 'none' | 'signatures' | 'forms-annotations' | 'other';
export type ChangeKind = 'ltv' | 'signature' | 'form' | 'annotation' | 'overlay' | 'other';

export interface ChangeItem {
  kind: ChangeKind;
  what: string;
  /** The form field concerned, for field locks. */
  field?: string;
  /** A signature field that did not exist when this signature was made. */
  newField?: boolean;
  /** ... and whose widget paints on the page (a "sneaky signature" if the file is certified). */
  visible?: boolean;
}

export interface ChangeReport {
  change: ChangeClass;
  /** Short descriptions for the report. */
  details: string[];
  items: ChangeItem[];
}

const CLASS_OF: Record<ChangeKind, ChangeClass> = {
  ltv: 'signatures',
  signature: 'signatures',
  form: 'forms-annotations',
  annotation: 'forms-annotations',
  overlay: 'other',
  other: 'other',
};
const RANK: Record<ChangeClass, number> = {
  none: 0,
  signatures: 1,
  'forms-annotations': 2,
  other: 3,
};

export const worst = (a: ChangeClass, b: ChangeClass): ChangeClass => (RANK[a] >= RANK[b] ? a : b);

function diffKeys(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
}

const AcroFormKinds: Record<string, ChangeKind> = {
  SigFlags: 'signature',
  DR: 'form',
  DA: 'form',
  NeedAppearances: 'form',
};

function compareDocumentLevel(before: RevisionView, after: RevisionView, items: ChangeItem[]) {
  for (const key of diffKeys(before.catalog, after.catalog)) {
    items.push({ kind: 'other', what: `catalog entry /${key} changed` });
  }
  for (const key of diffKeys(before.names, after.names)) {
    // Named appearances come with stamps and the like; scripts, files, templates never pass.
    const kind = key === 'AP' ? 'annotation' : 'other';
    items.push({ kind, what: `name tree /${key} changed` });
  }
  for (const key of diffKeys(before.acroForm, after.acroForm)) {
    items.push({
      kind: AcroFormKinds[key] ?? 'other',
      what: `form dictionary entry /${key} changed`,
    });
  }
  if (before.dss !== after.dss) items.push({ kind: 'ltv', what: 'validation data (DSS) added' });
}

function comparePages(before: RevisionView, after: RevisionView, items: ChangeItem[]) {
  if (before.pages.length !== after.pages.length) {
    items.push({
      kind: 'other',
      what: `page count changed from ${before.pages.length} to ${after.pages.length}`,
    });
  }
  const fieldWidgets = new Set(
    [...before.fields.values(), ...after.fields.values()].flatMap((f) => f.widgets),
  );
  const n = Math.min(before.pages.length, after.pages.length);
  for (let i = 0; i < n; i++) {
    const b = before.pages[i]!;
    const a = after.pages[i]!;
    if (b.base !== a.base) items.push({ kind: 'other', what: `page ${i + 1}: content changed` });
    for (const [name, hash] of b.resources) {
      if (a.resources.get(name) !== hash) {
        items.push({ kind: 'other', what: `page ${i + 1}: resource ${name} replaced or removed` });
      }
    }
    const old = new Map(b.annots.map((x) => [x.id, x]));
    const now = new Map(a.annots.map((x) => [x.id, x]));
    for (const [id, x] of old) {
      if (!now.has(id)) items.push({ kind: 'other', what: `page ${i + 1}: ${x.subtype} removed` });
    }
    for (const [id, x] of now) {
      if (fieldWidgets.has(id)) continue; // judged with its field
      const was = old.get(id);
      if (was && was.hash === x.hash) continue;
      const verb = was ? 'changed' : 'added';
      const harmless = isMarkup(x) && (!was || isMarkup(was));
      items.push({
        kind: harmless ? 'annotation' : 'overlay',
        what: `page ${i + 1}: ${x.subtype} annotation ${verb}${harmless ? '' : ' (it can paint over the page)'}`,
      });
    }
  }
}

function widgetPaints(after: RevisionView, ids: string[]): boolean {
  const all = new Map<string, AnnotView>(
    after.pages.flatMap((p) => p.annots.map((a) => [a.id, a])),
  );
  return ids.some((id) => {
    const w = all.get(id);
    return w !== undefined && w.visible && w.paints;
  });
}

function compareFields(before: RevisionView, after: RevisionView, items: ChangeItem[]) {
  for (const [name] of before.fields) {
    if (!after.fields.has(name))
      items.push({ kind: 'other', what: `field "${name}" removed`, field: name });
  }
  for (const [name, f] of after.fields) {
    const was = before.fields.get(name);
    if (!was) {
      // A new signature field that stays unsigned yet paints on the page is an overlay (the
      // "sneaky signature"); a signed one is judged as the signature it is.
      const paints = widgetPaints(after, f.widgets);
      items.push(
        !f.isSignature
          ? { kind: 'other', what: `form field "${name}" added`, field: name }
          : f.value === '' && paints
            ? {
                kind: 'overlay',
                what: `unsigned signature field "${name}" added that paints on the page`,
                field: name,
              }
            : {
                kind: 'signature',
                what: `signature field "${name}" added`,
                field: name,
                newField: true,
                visible: paints,
              },
      );
      continue;
    }
    if (was.rest !== f.rest || was.type !== f.type) {
      items.push({ kind: 'other', what: `field "${name}": its properties changed`, field: name });
    }
    if (f.isSignature) {
      if (was.value === f.value && was.appearance === f.appearance) continue;
      const filled = was.value === '' && f.value !== '';
      items.push(
        filled
          ? { kind: 'signature', what: `signature field "${name}" signed`, field: name }
          : {
              kind: 'other',
              what: `signature field "${name}": its signature or look was replaced`,
              field: name,
            },
      );
    } else if (was.value !== f.value) {
      items.push({ kind: 'form', what: `field "${name}" filled in`, field: name });
    } else if (was.appearance !== f.appearance) {
      items.push({
        kind: 'other',
        what: `field "${name}": its look changed but its value did not`,
        field: name,
      });
    }
  }
}

/**
 * Objects written after signing whose last definition is not the one the final
 * cross-reference uses: a reader that rebuilds a broken table takes the last definition, so
 * such an object can show one thing to it and another to us (incremental-saving attacks).
 */
function unusedDefinitions(final: PdfDocument, signedEnd: number): string[] {
  const tail = final.buf.toString('latin1', signedEnd);
  const last = new Map<number, number>();
  const re = /(?:^|[\r\n])(\d{1,10})\s+(\d{1,5})\s+obj\b/g;
  for (let m = re.exec(tail); m; m = re.exec(tail)) {
    last.set(Number(m[1]), signedEnd + m.index + (m[0].length - m[0].trimStart().length));
  }
  const out: string[] = [];
  // A cross-reference stream need not list itself.
  const sections = new Set(final.sections.map((s) => s.offset));
  for (const [num, at] of last) {
    if (sections.has(at)) continue;
    const entry = final.entries.get(num);
    // Writers are often a byte or two off; what matters is whether both readings agree.
    if (entry?.type === 1 && Math.abs(entry.offset - at) <= 2) continue;
    let same = false;
    try {
      same = canonical(final.objectAt(at).value) === canonical(final.get(num) ?? null);
    } catch (e) {
      if (!(e instanceof PdfReadError)) throw e;
    }
    if (!same && out.length < 5) {
      out.push(`object ${num} is redefined after signing where the cross-reference does not look`);
    }
  }
  return out;
}

export function compareRevisions(
  signed: PdfDocument,
  final: PdfDocument,
  signedEnd = signed.buf.length,
): ChangeReport {
  const before = revisionView(signed);
  const after = revisionView(final);
  const items: ChangeItem[] = [];
  compareDocumentLevel(before, after, items);
  comparePages(before, after, items);
  compareFields(before, after, items);
  // A broken final cross-reference is read the way a repairing viewer reads it (the last
  // definition of each object wins), so the views above already compare what it would show.
  for (const num of final.misdirected) {
    if (!signed.misdirected.has(num)) {
      items.push({
        kind: 'other',
        what: `object ${num}: its cross-reference entry points at another object`,
      });
    }
  }
  for (const what of unusedDefinitions(final, signedEnd)) items.push({ kind: 'other', what });
  let change: ChangeClass = 'none';
  for (const item of items) change = worst(change, CLASS_OF[item.kind]);
  return { change, items, details: items.slice(0, 20).map((i) => `${i.kind}: ${i.what}`) };
}
