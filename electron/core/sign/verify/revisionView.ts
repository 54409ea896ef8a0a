// What a viewer shows in one revision of a PDF, resolved from that revision's own trailer:
// trailer -> Root -> Pages -> each page's content, resources and annotations (with their
// appearance streams), and the AcroForm's fields with their values and widgets. Each part is a
// Merkle-style hash of everything it reaches, following references the way a viewer does, so
// two revisions compare by what they display, not by object numbers: moving content to new
// objects, swapping an object that an unchanged dictionary points to, or re-pointing the
// trailer all show up as the part they change.
import { createHash } from 'node:crypto';
import type { PdfDocument } from '../pdf/document';
import { decodeStream } from '../pdf/streams';
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  isName,
  type PdfValue,
} from '../pdf/values';

export interface AnnotView {
  /** Identity across revisions: the object number, else page and position. */
  id: string;
  subtype: string;
  hash: string;
  /** Hash of the normal appearance (what is painted), '' when none. */
  appearance: string;
  /** The annotation is displayed: not hidden, not zero-sized. */
  visible: boolean;
  /** Its appearance paints text, images or opaque areas (could change what the page says). */
  paints: boolean;
  /** Width and height of /Rect in points. */
  size: [number, number];
  /** The field it is the widget of, if any. */
  field?: string;
}

export interface PageView {
  /** The page as drawn without its annotations and resources (contents, boxes, rotation). */
  base: string;
  /** `Category/Name` -> hash of each resource. */
  resources: Map<string, string>;
  annots: AnnotView[];
}

export interface FieldView {
  name: string;
  type: string;
  /** Hash of /V (a signature's dictionary for signature fields), '' when empty. */
  value: string;
  /** Hash of the field's own entries other than its value, kids and widgets' appearance. */
  rest: string;
  /** Widget ids (see AnnotView.id). */
  widgets: string[];
  /** Hash of the widgets' appearances and states. */
  appearance: string;
  isSignature: boolean;
}

export interface RevisionView {
  /** Catalog entries that change what is shown or done, by key. */
  catalog: Map<string, string>;
  names: Map<string, string>;
  acroForm: Map<string, string>;
  dss: string;
  pages: PageView[];
  fields: Map<string, FieldView>;
}

/**
 * Keys that never change what is shown: the tree's back-pointers (which would otherwise pull
 * the whole document into every hash) and bookkeeping.
 */
const SKIP_KEYS = new Set([
  'Parent',
  'StructParent',
  'StructParents',
  'PieceInfo',
  'LastModified',
  'Metadata',
  'Thumb',
  'B',
  'ID',
  'PZ',
]);
const PAGE_SKIP = new Set([
  ...SKIP_KEYS,
  'Annots',
  'Resources',
  'Dur',
  'Trans',
  'Tabs',
  'SeparationInfo',
]);
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];
/** Annotation kinds that mark up without painting over the page. */
const MARKUP = new Set([
  'Text',
  'Link',
  'Popup',
  'Highlight',
  'Underline',
  'Squiggly',
  'StrikeOut',
  'Caret',
]);
/** A note icon is about this size; a bigger "note" could cover text. */
const ICON_POINTS = 40;

export class Hasher {
  private readonly memo = new Map<number, string>();
  private readonly streamMemo = new Map<number, string>();
  private readonly active = new Set<number>();

  constructor(readonly doc: PdfDocument) {}

  value(v: PdfValue | undefined, skip: Set<string> = SKIP_KEYS, depth = 0): string {
    if (depth > 200) return 'deep';
    if (v === undefined || v === null) return 'null';
    if (typeof v === 'boolean' || typeof v === 'number') return String(v);
    if (v instanceof PdfName) return `/${v.name}`;
    if (v instanceof PdfString) return `(${v.bytes.toString('hex')})`;
    if (v instanceof PdfRef) return this.ref(v, depth);
    const h = createHash('sha256');
    if (Array.isArray(v)) {
      h.update('[');
      for (const item of v.slice(0, 100_000))
        h.update(this.value(item, SKIP_KEYS, depth + 1)).update(',');
    } else if (v instanceof PdfStream) {
      h.update('stream')
        .update(this.value(v.dict, skip, depth + 1))
        .update(this.data(v));
    } else {
      h.update('<<');
      // An annotation's /P points back at its page, which lists the annotations: not content.
      const annot = v.has('Rect') || v.has('FT');
      // A signature reference's /Data points at the catalog: what it signed, not what it is.
      const reference = v.has('TransformMethod');
      for (const key of [...v.entries.keys()].sort()) {
        if (skip.has(key) || (annot && key === 'P') || (reference && key === 'Data')) continue;
        h.update(`/${key} `)
          .update(this.value(v.entries.get(key), SKIP_KEYS, depth + 1))
          .update(';');
      }
    }
    return h.digest('base64url');
  }

  private ref(r: PdfRef, depth: number): string {
    const cached = this.memo.get(r.num);
    if (cached) return cached;
    // A cycle that does not pass through a skipped key: name it by position, not content.
    if (this.active.has(r.num)) return `cycle:${r.num}`;
    this.active.add(r.num);
    try {
      const out = this.value(this.doc.get(r.num), SKIP_KEYS, depth + 1);
      this.memo.set(r.num, out);
      return out;
    } finally {
      this.active.delete(r.num);
    }
  }

  /** Stream data by content; identical bytes at one offset are hashed once. */
  private data(s: PdfStream): string {
    const at = s.raw.byteOffset;
    const cached = this.streamMemo.get(at);
    if (cached && s.raw.length === Number(cached.split(':')[0])) return cached;
    const out = `${s.raw.length}:${createHash('sha256').update(s.raw).digest('base64url')}`;
    this.streamMemo.set(at, out);
    return out;
  }
}

/** Does an appearance stream paint text, images, or an opaque area? */
function appearancePaints(doc: PdfDocument, ap: PdfValue | undefined, depth = 0): boolean {
  const resolved = doc.resolve(ap);
  if (resolved instanceof PdfDict) {
    // An appearance sub-dictionary: one stream per state.
    return [...resolved.entries.values()].some((s) => appearancePaints(doc, s, depth + 1));
  }
  if (!(resolved instanceof PdfStream) || depth > 4) return false;
  let text: string;
  try {
    text = decodeStream(resolved).toString('latin1');
  } catch {
    return true; // what cannot be read may paint anything
  }
  if (/(^|\s)(Tj|TJ|'|"|Do|BI|sh)(\s|$)/.test(text)) return true;
  if (!/(^|\s)(f\*?|F|B\*?|b\*?)(\s|$)/.test(text)) return false;
  // A fill that multiplies or is translucent (a highlighter) leaves the text readable.
  const gs = doc.dict(doc.dict(resolved.dict.get('Resources'))?.get('ExtGState'));
  return ![...(gs?.entries.values() ?? [])].some((v) => {
    const d = doc.dict(v);
    const alpha = d?.get('ca');
    return isName(d?.get('BM'), 'Multiply') || (typeof alpha === 'number' && alpha < 0.7);
  });
}

function rectSize(doc: PdfDocument, rect: PdfValue | undefined): [number, number] {
  const r = doc.resolve(rect);
  if (!Array.isArray(r) || r.length !== 4 || !r.every((n) => typeof n === 'number')) return [0, 0];
  const [x1, y1, x2, y2] = r;
  return [Math.abs(x2! - x1!), Math.abs(y2! - y1!)];
}

function annotView(h: Hasher, item: PdfValue, id: string, fieldOf: Map<string, string>): AnnotView {
  const doc = h.doc;
  const dict = doc.dict(item) ?? new PdfDict(new Map());
  const st = dict.get('Subtype');
  const subtype = isName(st) ? st.name : '?';
  const flags = dict.get('F');
  const hidden = typeof flags === 'number' && (flags & (2 | 32)) !== 0;
  const size = rectSize(doc, dict.get('Rect'));
  const ap = doc.dict(dict.get('AP'));
  const normal = ap?.get('N');
  const visible = !hidden && size[0] > 0.5 && size[1] > 0.5;
  // Without an appearance a viewer draws FreeText and the like from their entries.
  const paints =
    normal === undefined
      ? !MARKUP.has(subtype) && subtype !== 'Widget'
      : appearancePaints(doc, normal);
  const field = fieldOf.get(id);
  return {
    id,
    subtype,
    hash: h.value(item),
    appearance: normal === undefined ? '' : h.value(normal),
    visible,
    paints,
    size,
    ...(field ? { field } : {}),
  };
}

/** Is an added or changed annotation harmless markup (a note, a highlight), not an overlay? */
export function isMarkup(a: AnnotView): boolean {
  if (!a.visible) return true;
  if (!MARKUP.has(a.subtype)) return false;
  if (a.subtype === 'Text' || a.subtype === 'Caret') {
    return a.size[0] <= ICON_POINTS && a.size[1] <= ICON_POINTS;
  }
  return !a.paints;
}

function pageList(
  doc: PdfDocument,
): { page: PdfDict; inherited: Map<string, PdfValue>; ref?: PdfRef }[] {
  const out: { page: PdfDict; inherited: Map<string, PdfValue>; ref?: PdfRef }[] = [];
  const seen = new Set<number>();
  const walk = (node: PdfValue | undefined, inherited: Map<string, PdfValue>, depth: number) => {
    if (depth > 64 || out.length > 100_000) return;
    if (node instanceof PdfRef) {
      if (seen.has(node.num)) return;
      seen.add(node.num);
    }
    const dict = doc.dict(node);
    if (!dict) return;
    const mine = new Map(inherited);
    for (const key of INHERITED) if (dict.has(key)) mine.set(key, dict.get(key)!);
    const kids = doc.resolve(dict.get('Kids'));
    if (
      isName(dict.get('Type'), 'Pages') ||
      (Array.isArray(kids) && !isName(dict.get('Type'), 'Page'))
    ) {
      for (const kid of Array.isArray(kids) ? kids : []) walk(kid, mine, depth + 1);
    } else
      out.push({ page: dict, inherited: mine, ...(node instanceof PdfRef ? { ref: node } : {}) });
  };
  walk(doc.catalog?.get('Pages'), new Map(), 0);
  return out;
}

function resourcesOf(h: Hasher, value: PdfValue | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const res = h.doc.dict(value);
  for (const [category, sub] of res?.entries ?? []) {
    const dict = h.doc.dict(sub);
    if (dict && category !== 'ProcSet') {
      for (const [name, entry] of dict.entries) out.set(`${category}/${name}`, h.value(entry));
    } else out.set(category, h.value(sub));
  }
  return out;
}

/** Signing a field locks its widget (flags Locked, LockedContents): that is not an edit. */
function lockFree(dict: PdfDict, signature: boolean): PdfDict {
  const flags = dict.get('F');
  if (!signature || typeof flags !== 'number') return dict;
  return new PdfDict(new Map([...dict.entries, ['F', flags & ~(128 | 512)]]));
}

function fieldViews(h: Hasher): {
  fields: Map<string, FieldView>;
  widgetField: Map<string, string>;
} {
  const doc = h.doc;
  const fields = new Map<string, FieldView>();
  const widgetField = new Map<string, string>();
  const seen = new Set<number>();
  const fieldSkip = new Set([...SKIP_KEYS, 'V', 'Kids', 'AP', 'AS']);
  const walk = (items: PdfValue[], prefix: string, ft: string, depth: number) => {
    if (depth > 16) return;
    for (const [i, item] of items.slice(0, 10_000).entries()) {
      if (item instanceof PdfRef) {
        if (seen.has(item.num)) continue;
        seen.add(item.num);
      }
      const dict = doc.dict(item);
      if (!dict) continue;
      const t = dict.get('T');
      const part = t instanceof PdfString ? t.text() : '';
      const name = prefix && part ? `${prefix}.${part}` : part || prefix || `#${i}`;
      const type = isName(dict.get('FT')) ? (dict.get('FT') as PdfName).name : ft;
      const kids = doc.resolve(dict.get('Kids'));
      const kidFields = Array.isArray(kids) ? kids.filter((k) => doc.dict(k)?.has('T')) : [];
      if (kidFields.length) walk(kidFields, name, type, depth + 1);
      const widgets = [
        item,
        ...(Array.isArray(kids) ? kids.filter((k) => !doc.dict(k)?.has('T')) : []),
      ].filter((w) => doc.dict(w)?.has('AP') || isName(doc.dict(w)?.get('Subtype'), 'Widget'));
      const ids = widgets.map((w) => (w instanceof PdfRef ? `obj:${w.num}` : `field:${name}`));
      for (const id of ids) widgetField.set(id, name);
      const appearance = createHash('sha256');
      const sig = type === 'Sig';
      const rest = createHash('sha256').update(h.value(lockFree(dict, sig), fieldSkip));
      for (const w of widgets) {
        const wd = doc.dict(w);
        appearance.update(h.value(wd?.get('AP'))).update(h.value(wd?.get('AS')));
        // Where and whether the widget shows (Rect, F, MK…) is not filling the form.
        if (w !== item) rest.update(h.value(wd && lockFree(wd, sig), fieldSkip));
      }
      if (!part && !dict.has('FT') && kidFields.length) continue;
      fields.set(name, {
        name,
        type,
        value: dict.has('V') ? h.value(dict.get('V')) : '',
        rest: rest.digest('base64url'),
        widgets: ids,
        appearance: appearance.digest('base64url'),
        isSignature: type === 'Sig',
      });
    }
  };
  const list = doc.resolve(doc.dict(doc.catalog?.get('AcroForm'))?.get('Fields'));
  if (Array.isArray(list)) walk(list, '', '', 0);
  return { fields, widgetField };
}

function entriesOf(h: Hasher, dict: PdfDict | undefined, skip: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of dict?.entries ?? []) if (!skip.has(key)) out.set(key, h.value(value));
  return out;
}

/** Catalog entries that do not change what is shown (or that are compared on their own). */
const CATALOG_SKIP = new Set([
  'Type',
  'Pages',
  'AcroForm',
  'DSS',
  'Names',
  'Metadata',
  'StructTreeRoot',
  'MarkInfo',
  'Lang',
  'PieceInfo',
  'LastModified',
  'Outlines',
  'PageLabels',
  'ViewerPreferences',
  'PageMode',
  'PageLayout',
  'Threads',
  'Dests',
  'URI',
  'SpiderInfo',
  'Version',
  'Extensions',
]);

/** /OpenAction that only opens at a place (a destination or a GoTo) changes nothing shown. */
function harmlessOpenAction(doc: PdfDocument, value: PdfValue | undefined): boolean {
  const v = doc.resolve(value);
  if (Array.isArray(v)) return true;
  const d = doc.dict(v);
  return d !== undefined && isName(d.get('S'), 'GoTo') && !d.has('Next');
}

export function revisionView(doc: PdfDocument): RevisionView {
  const h = new Hasher(doc);
  const catalog = doc.catalog;
  const catalogMap = entriesOf(h, catalog, CATALOG_SKIP);
  if (harmlessOpenAction(doc, catalog?.get('OpenAction'))) catalogMap.delete('OpenAction');
  const { fields, widgetField } = fieldViews(h);
  const pages = pageList(doc).map(({ page, inherited }, index) => {
    const merged = new PdfDict(new Map([...inherited, ...page.entries]));
    const contents = merged.get('Contents');
    // `/Contents 5 0 R` and `/Contents [5 0 R]` draw the same page.
    const drawn = new PdfDict(
      new Map([
        ...merged.entries,
        [
          'Contents',
          Array.isArray(doc.resolve(contents)) ? doc.resolve(contents)! : [contents ?? null],
        ],
      ]),
    );
    const annots = doc.resolve(page.get('Annots'));
    return {
      base: h.value(drawn, PAGE_SKIP),
      resources: resourcesOf(h, merged.get('Resources')),
      annots: (Array.isArray(annots) ? annots.slice(0, 5000) : []).map((a, i) =>
        annotView(h, a, a instanceof PdfRef ? `obj:${a.num}` : `page${index}:${i}`, widgetField),
      ),
    };
  });
  return {
    catalog: catalogMap,
    names: entriesOf(h, doc.dict(catalog?.get('Names')), new Set(['Dests'])),
    acroForm: entriesOf(h, doc.dict(catalog?.get('AcroForm')), new Set(['Fields'])),
    dss: catalog?.has('DSS') ? h.value(catalog.get('DSS')) : '',
    pages,
    fields,
  };
}
