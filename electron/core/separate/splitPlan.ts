// A stack of pages becomes documents: where each one starts, and why. Pure functions over the
// pages' measured signals (blank flag, patch code, separator QR, classifier type), so the same
// plan can be built, shown, corrected by the clerk and re-derived anywhere.
//
// A plan is fully described by its pages' roles (content or separator) and its documents' start
// pages with their reasons; everything else (which pages each document holds, its type and
// dossier code) is derived from those, so an edit never leaves a plan half-consistent.
import {
  SeparationOptions,
  type PageSignals,
  type PageSignalsInput,
  type PlannedDocument,
  type PlannedPage,
  type SeparationOptionsInput,
  type SeparatorContent,
  type SplitEdit,
  type SplitPlan,
  type SplitReason,
} from '../../../shared/contracts/intake';
import { PageSignals as PageSignalsSchema } from '../../../shared/contracts/intake';
import type { DocumentType } from '../../../shared/classification';
import { SohoaError } from '../../../shared/errors';

interface Start {
  reasons: SplitReason[];
  type: DocumentType | null;
  dossierCode: string | null;
  startsDossier: boolean;
}

export function planSeparation(
  input: readonly PageSignalsInput[],
  optionsInput: SeparationOptionsInput = {},
): SplitPlan {
  const options = SeparationOptions.parse(optionsInput);
  const signals = input.map((s) => PageSignalsSchema.parse(s));
  const pages: PlannedPage[] = signals.map((s, index) => ({
    index,
    name: s.name,
    role: 'content',
    blank: s.blank,
    blankBack: false,
    docType: s.docType,
  }));
  const starts = new Map<number, Start>();
  let pending: Start | null = null;
  let firstContent = true;
  let inDoc = 0;
  let lastType: DocumentType | null = null;

  for (const sheet of sheetsOf(signals.length, options.duplex)) {
    const evidence = separatorEvidence(sheet, signals, options);
    if (evidence) {
      for (const i of sheet) pages[i]!.role = 'separator';
      pending = pending ? mergeStarts(pending, evidence) : evidence;
      continue;
    }
    for (const [side, i] of sheet.entries()) {
      const page = signals[i]!;
      if (options.duplex && side === 1 && page.blank && !signals[sheet[0]!]!.blank)
        pages[i]!.blankBack = true;
      let start: Start | null = null;
      if (pending) {
        start = pending;
        pending = null;
      } else if (firstContent) {
        start = plainStart({ method: 'start' });
      } else if (options.fixedCount && inDoc >= options.fixedCount) {
        start = plainStart({ method: 'count', detail: String(options.fixedCount) });
      } else if (
        options.classifier &&
        side === 0 &&
        page.docType &&
        lastType &&
        page.docType !== lastType
      ) {
        start = plainStart({
          method: 'classifier',
          evidencePage: i,
          detail: `${lastType} → ${page.docType}`,
        });
      }
      firstContent = false;
      if (start) {
        starts.set(i, start);
        inDoc = 0;
        lastType = null;
      }
      inDoc++;
      if (page.docType && !page.blank) lastType = page.docType;
    }
  }
  return assemble(options, pages, starts);
}

/** Applies one clerk's edit; throws SPLIT_INVALID when it does not fit the plan. */
export function adjustSplits(plan: SplitPlan, edit: SplitEdit): SplitPlan {
  const pages = plan.pages.map((p) => ({ ...p }));
  const starts = startsOf(plan);
  const isContent = (i: number) => pages[i]?.role === 'content';
  const first = pages.find((p) => p.role === 'content')?.index;
  const invalid = (what: string) => new SohoaError('SPLIT_INVALID', what);
  switch (edit.op) {
    case 'add': {
      if (!isContent(edit.at) || starts.has(edit.at)) throw invalid(`trang ${edit.at + 1}`);
      starts.set(edit.at, plainStart({ method: 'manual' }));
      break;
    }
    case 'remove': {
      if (!starts.has(edit.at) || edit.at === first) throw invalid(`trang ${edit.at + 1}`);
      starts.delete(edit.at);
      break;
    }
    case 'move': {
      const start = starts.get(edit.from);
      if (!start || edit.from === first || !isContent(edit.to) || starts.has(edit.to))
        throw invalid(`trang ${edit.to + 1}`);
      // A split moves within its neighbours: past them it would swallow another document.
      const keys = [...starts.keys()].sort((a, b) => a - b);
      const at = keys.indexOf(edit.from);
      const before = keys[at - 1] ?? -1;
      const after = keys[at + 1] ?? pages.length;
      if (edit.to <= before || edit.to >= after) throw invalid(`trang ${edit.to + 1}`);
      starts.delete(edit.from);
      starts.set(edit.to, {
        ...start,
        reasons: [...start.reasons, { method: 'manual', movedFrom: edit.from }],
      });
      break;
    }
    case 'role': {
      const page = pages[edit.at];
      if (!page) throw invalid(`trang ${edit.at + 1}`);
      page.role = edit.role;
      if (edit.role === 'separator' && starts.has(edit.at)) {
        // The document now starts at its next content page, if it has one of its own.
        const moved = starts.get(edit.at)!;
        starts.delete(edit.at);
        const next = pages.find((p) => p.index > edit.at && p.role === 'content');
        if (next && !starts.has(next.index)) starts.set(next.index, moved);
      }
      break;
    }
  }
  const firstNow = pages.find((p) => p.role === 'content')?.index;
  if (firstNow !== undefined && !starts.has(firstNow))
    starts.set(firstNow, plainStart({ method: 'start' }));
  for (const key of [...starts.keys()]) if (!isContent(key)) starts.delete(key);
  return assemble(plan.options, pages, starts);
}

/** Pages grouped by sheet: pairs (front, back) when duplex, else one page each. */
function sheetsOf(count: number, duplex: boolean): number[][] {
  const sheets: number[][] = [];
  const per = duplex ? 2 : 1;
  for (let i = 0; i < count; i += per)
    sheets.push(Array.from({ length: Math.min(per, count - i) }, (_, k) => i + k));
  return sheets;
}

/** Why a sheet is a separator sheet (null when it is not one) under the chosen methods. */
function separatorEvidence(
  sheet: number[],
  signals: PageSignals[],
  options: SeparationOptions,
): Start | null {
  const start = plainStart();
  for (const i of sheet) {
    const s = signals[i]!;
    if (s.patch && options.patchCodes.includes(s.patch)) {
      start.reasons.push({ method: 'patch', evidencePage: i, detail: `Patch ${s.patch}` });
      // Patch 2 marks the higher level in image-address counting: here, a new dossier.
      if (s.patch === '2') start.startsDossier = true;
    }
    if (s.separator && options.codes) {
      start.reasons.push({ method: 'code', evidencePage: i, detail: describe(s.separator) });
      start.type = s.separator.type ?? start.type;
      if (s.separator.dossierCode) {
        start.dossierCode = s.separator.dossierCode;
        start.startsDossier = true;
      }
    }
  }
  if (options.blank && sheet.every((i) => signals[i]!.blank))
    start.reasons.push({ method: 'blank', evidencePage: sheet[0]! });
  return start.reasons.length ? start : null;
}

function describe(c: SeparatorContent): string {
  return [c.type, c.dossierCode].filter(Boolean).join(' · ') || 'separator';
}

function plainStart(reason?: SplitReason): Start {
  return { reasons: reason ? [reason] : [], type: null, dossierCode: null, startsDossier: false };
}

function mergeStarts(a: Start, b: Start): Start {
  return {
    reasons: [...a.reasons, ...b.reasons],
    type: b.type ?? a.type,
    dossierCode: b.dossierCode ?? a.dossierCode,
    startsDossier: a.startsDossier || b.startsDossier,
  };
}

/** The starts a plan's documents stand for, keyed by their first content page. */
function startsOf(plan: SplitPlan): Map<number, Start> {
  const starts = new Map<number, Start>();
  let dossier: string | null = null;
  for (const doc of plan.documents) {
    const at = doc.pages.find((i) => plan.pages[i]?.role === 'content');
    if (at === undefined) continue;
    const own = doc.dossierCode !== dossier || doc.startsDossier ? doc.dossierCode : null;
    dossier = doc.dossierCode;
    starts.set(at, {
      reasons: doc.reasons,
      type: doc.typeFrom === 'separator' ? doc.type : null,
      dossierCode: own,
      startsDossier: doc.startsDossier,
    });
  }
  return starts;
}

/** Derives the documents from the pages' roles and the starts. */
function assemble(
  options: SeparationOptions,
  pages: PlannedPage[],
  starts: Map<number, Start>,
): SplitPlan {
  const documents: PlannedDocument[] = [];
  let pendingSeparators: number[] = [];
  let dossier: string | null = null;
  for (const page of pages) {
    if (page.role === 'separator') {
      if (options.keepSeparators) pendingSeparators.push(page.index);
      continue;
    }
    const start = starts.get(page.index);
    const current = documents.at(-1);
    if (start || !current) {
      const s = start ?? plainStart({ method: 'start' });
      if (s.dossierCode) dossier = s.dossierCode;
      else if (s.startsDossier) dossier = null;
      documents.push({
        pages: [...pendingSeparators, page.index],
        reasons: s.reasons,
        type: s.type,
        typeFrom: s.type ? 'separator' : null,
        dossierCode: dossier,
        startsDossier: s.startsDossier,
      });
    } else current.pages.push(...pendingSeparators, page.index);
    pendingSeparators = [];
  }
  if (pendingSeparators.length) documents.at(-1)?.pages.push(...pendingSeparators);
  for (const doc of documents) {
    if (doc.type) continue;
    const typed = doc.pages.map((i) => pages[i]!).find((p) => p.role === 'content' && p.docType);
    doc.type = typed?.docType ?? null;
    doc.typeFrom = doc.type ? 'pages' : null;
  }
  return { options, pages, documents };
}
