// The clerk's workspace at the counter, as pure data: the pages (in order, each with the turn the
// clerk gave it) grouped into documents, each with its type and extracted fields. Every edit
// returns a new workspace; a document whose pages changed is marked for re-classification.
// `workspaceReducer` is the same edits as actions, for useReducer.
import type {
  Classification,
  DocumentType,
  ExtractedField,
} from '../../../../shared/classification';
import type { ReceptionPage, Rotation } from '../../../../shared/contracts/reception';
import type { ChecklistDocument } from '../../../../shared/procedures';

export interface WorkPage extends ReceptionPage {
  rotation: Rotation;
}

export interface WorkDocument {
  key: string;
  pageIds: string[];
  /** The type in force: the machine's (when sure) or the clerk's. */
  type: DocumentType | null;
  /** The clerk chose or corrected the type (the classifier will learn it). */
  confirmed: boolean;
  classification: Classification | null;
  fields: ExtractedField[];
  /** The pages changed since the last classification. */
  stale: boolean;
}

export interface Workspace {
  pages: Record<string, WorkPage>;
  docs: WorkDocument[];
}

export const EMPTY_WORKSPACE: Workspace = { pages: {}, docs: [] };

// Unique across reloads: a workspace restored from a draft keeps its keys beside new ones.
const newKey = () => `doc-${crypto.randomUUID()}`;

const doc = (pageIds: string[]): WorkDocument => ({
  key: newKey(),
  pageIds,
  type: null,
  confirmed: false,
  classification: null,
  fields: [],
  stale: true,
});

/** All pages in reading order. */
export function pageOrder(ws: Workspace): string[] {
  return ws.docs.flatMap((d) => d.pageIds);
}

/** The pages of one added file become one document (a multi-page PDF is usually one paper). */
export function addDocument(ws: Workspace, pages: readonly ReceptionPage[]): Workspace {
  if (pages.length === 0) return ws;
  const added = Object.fromEntries(
    pages.map((p): [string, WorkPage] => [p.id, { ...p, rotation: 0 }]),
  );
  return { pages: { ...ws.pages, ...added }, docs: [...ws.docs, doc(pages.map((p) => p.id))] };
}

/**
 * The pages of one file split into documents as separation planned (groups of indexes into
 * `pages`). A page the plan left out (a separator sheet) joins the document before it, or the
 * first one: the clerk sees every page and decides.
 */
export function addDocuments(
  ws: Workspace,
  pages: readonly ReceptionPage[],
  groups: readonly (readonly number[])[],
): Workspace {
  const owner = new Map<number, number>();
  groups.forEach((g, gi) => g.forEach((i) => owner.set(i, gi)));
  const ids: string[][] = groups.map(() => []);
  let current = 0;
  pages.forEach((p, i) => {
    current = owner.get(i) ?? current;
    (ids[current] ??= []).push(p.id);
  });
  const byId = new Map(pages.map((p) => [p.id, p]));
  return ids
    .filter((g) => g.length > 0)
    .reduce(
      (next, g) =>
        addDocument(
          next,
          g.map((id) => byId.get(id)!),
        ),
      ws,
    );
}

export function rotatePage(ws: Workspace, pageId: string, quarterTurns: 1 | -1): Workspace {
  const page = ws.pages[pageId];
  if (!page) return ws;
  const rotation = (((page.rotation + quarterTurns * 90) % 360) + 360) % 360;
  return { ...ws, pages: { ...ws.pages, [pageId]: { ...page, rotation: rotation as Rotation } } };
}

const touch = (d: WorkDocument, pageIds: string[]): WorkDocument => ({
  ...d,
  pageIds,
  stale: true,
});

/**
 * Moves a page one place earlier or later in reading order. At a document's edge it crosses into
 * the neighbouring document, so any order can be reached one step at a time.
 */
export function movePage(ws: Workspace, pageId: string, step: 1 | -1): Workspace {
  const di = ws.docs.findIndex((d) => d.pageIds.includes(pageId));
  if (di < 0) return ws;
  const docs = [...ws.docs];
  const d = docs[di]!;
  const pi = d.pageIds.indexOf(pageId);
  const target = pi + step;
  if (target >= 0 && target < d.pageIds.length) {
    const ids = [...d.pageIds];
    [ids[pi], ids[target]] = [ids[target]!, ids[pi]!];
    // Same pages, same text: only the order changed, the classification still holds.
    docs[di] = { ...d, pageIds: ids };
    return { ...ws, docs };
  }
  const ni = di + step;
  const neighbour = docs[ni];
  if (!neighbour) return ws;
  const remaining = d.pageIds.filter((id) => id !== pageId);
  docs[ni] = touch(
    neighbour,
    step === -1 ? [...neighbour.pageIds, pageId] : [pageId, ...neighbour.pageIds],
  );
  if (remaining.length === 0) docs.splice(di, 1);
  else docs[di] = touch(d, remaining);
  return { ...ws, docs };
}

export function deletePage(ws: Workspace, pageId: string): Workspace {
  if (!ws.pages[pageId]) return ws;
  const pages = { ...ws.pages };
  delete pages[pageId];
  const docs = ws.docs
    .map((d) =>
      d.pageIds.includes(pageId)
        ? touch(
            d,
            d.pageIds.filter((id) => id !== pageId),
          )
        : d,
    )
    .filter((d) => d.pageIds.length > 0);
  return { pages, docs };
}

/** Starts a new document at this page (no change when it already starts one). */
export function splitAt(ws: Workspace, pageId: string): Workspace {
  const di = ws.docs.findIndex((d) => d.pageIds.includes(pageId));
  const d = ws.docs[di];
  if (!d) return ws;
  const pi = d.pageIds.indexOf(pageId);
  if (pi <= 0) return ws;
  const docs = [...ws.docs];
  docs.splice(di, 1, touch(d, d.pageIds.slice(0, pi)), doc(d.pageIds.slice(pi)));
  return { ...ws, docs };
}

/** Merges the document holding this page into the one before it. */
export function mergeWithPrevious(ws: Workspace, pageId: string): Workspace {
  const di = ws.docs.findIndex((d) => d.pageIds.includes(pageId));
  if (di <= 0) return ws;
  const docs = [...ws.docs];
  const prev = docs[di - 1]!;
  docs.splice(di - 1, 2, touch(prev, [...prev.pageIds, ...docs[di]!.pageIds]));
  return { ...ws, docs };
}

/** The classifier's answer for a document; a type the clerk confirmed stays. */
export function classified(
  ws: Workspace,
  key: string,
  classification: Classification,
  fields: ExtractedField[],
): Workspace {
  return {
    ...ws,
    docs: ws.docs.map((d) =>
      d.key === key
        ? {
            ...d,
            classification,
            fields,
            type: d.confirmed ? d.type : classification.needsReview ? null : classification.type,
            stale: false,
          }
        : d,
    ),
  };
}

/** The clerk chooses or corrects the type. */
export function setType(ws: Workspace, key: string, type: DocumentType): Workspace {
  return {
    ...ws,
    docs: ws.docs.map((d) => (d.key === key ? { ...d, type, confirmed: true } : d)),
  };
}

/** The clerk corrects an extracted value: it is then as sure as the clerk. */
export function setField(ws: Workspace, key: string, index: number, value: string): Workspace {
  return {
    ...ws,
    docs: ws.docs.map((d) =>
      d.key === key
        ? {
            ...d,
            fields: d.fields.map((f, i) => (i === index ? { ...f, value, confidence: 1 } : f)),
          }
        : d,
    ),
  };
}

/**
 * What a classification was asked for: the document and its set of pages. An answer applies only
 * while the document still has that set (the clerk may have moved pages meanwhile).
 */
export function docSignature(d: Pick<WorkDocument, 'key' | 'pageIds'>): string {
  return `${d.key}:${[...d.pageIds].sort().join(',')}`;
}

/** The clerk's edits of one page, from its keys or its buttons. */
export type PageAction =
  'rotateRight' | 'rotateLeft' | 'back' | 'forward' | 'delete' | 'split' | 'merge';

export function editPage(ws: Workspace, action: PageAction, pageId: string): Workspace {
  switch (action) {
    case 'rotateRight':
      return rotatePage(ws, pageId, 1);
    case 'rotateLeft':
      return rotatePage(ws, pageId, -1);
    case 'back':
      return movePage(ws, pageId, -1);
    case 'forward':
      return movePage(ws, pageId, 1);
    case 'delete':
      return deletePage(ws, pageId);
    case 'split':
      return splitAt(ws, pageId);
    case 'merge':
      return mergeWithPrevious(ws, pageId);
  }
}

export type WorkspaceAction =
  /** One stack read by the core, split into documents (groups of indexes into `pages`). */
  | { type: 'add'; pages: readonly ReceptionPage[]; groups: readonly (readonly number[])[] }
  | { type: 'page'; action: PageAction; pageId: string }
  /** The classifier's answer for the document as it was when asked (`signature`). */
  | {
      type: 'classified';
      key: string;
      signature: string;
      classification: Classification;
      fields: ExtractedField[];
    }
  | { type: 'setType'; key: string; docType: DocumentType }
  | { type: 'setField'; key: string; index: number; value: string };

export function workspaceReducer(ws: Workspace, action: WorkspaceAction): Workspace {
  switch (action.type) {
    case 'add':
      return addDocuments(ws, action.pages, action.groups);
    case 'page':
      return editPage(ws, action.action, action.pageId);
    case 'classified': {
      const d = ws.docs.find((x) => x.key === action.key);
      return d && docSignature(d) === action.signature
        ? classified(ws, action.key, action.classification, action.fields)
        : ws;
    }
    case 'setType':
      return setType(ws, action.key, action.docType);
    case 'setField':
      return setField(ws, action.key, action.index, action.value);
  }
}

/** What the checklist sees: a document the machine is unsure of counts only once confirmed. */
export function checklistDocuments(ws: Workspace): ChecklistDocument[] {
  return ws.docs.map((d) => ({ id: d.key, type: d.type }));
}

/** Extracted values below this confidence are highlighted for the clerk to check. */
export const LOW_FIELD_CONFIDENCE = 0.8;
/** Pages read below this mean OCR confidence (0–100) are flagged on their thumbnail. */
export const LOW_PAGE_CONFIDENCE = 60;
