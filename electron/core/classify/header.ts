// The header of an administrative or legal document, as the formatting rules lay it out
// (Nghị định 30/2020/NĐ-CP, Phụ lục I): issuing body top left (the superior body's line above
// it), national motto top right, the number line under the body, the place-and-date line under
// the motto, then the type's title in capitals, the subject (trích yếu) under it, or for an
// official letter the "V/v …" block under the number. Each part is a list of page segments, so
// every field knows where on the page it was read.
import { foldVietnamese } from '../../../shared/text';
import type { DocumentType } from '../../../shared/classification';
import { catalogue, type Catalogue } from './catalogue';
import { datelineIncomplete } from './dates';
import type { TextLine } from './extract';
import { capitalShare, prefixDistance, squeeze } from './features';
import { segmentPage, type Segment } from './layout';
import { parseNumberLine, type NumberLine } from './notation';

export interface TitleMatch {
  type: DocumentType;
  /** The catalogue's title that matched. */
  title: string;
  segment: Segment;
  /** Printed in capitals, as titles are: a strong cue; a title-like sentence is a weak one. */
  capitals: boolean;
}

export interface Header {
  segments: Segment[];
  number: { line: NumberLine; segment: Segment } | null;
  /** The segment holding the place-and-date line (may be the number line's own segment). */
  dateline: Segment | null;
  title: TitleMatch | null;
  organ: Segment[];
  subject: Segment[];
  /** The "V/v …" block of an official letter (also in `subject`). */
  vv: Segment[];
}

/** Rows of the page searched for the header parts. */
const HEAD_ROWS = 16;

const isMotto = (s: Segment) =>
  /^(cong\s*hoa\s*xa\s*hoi|doc\s*lap\s*-?\s*tu\s*do)|hanh\s*phuc$/.test(foldVietnamese(s.text));
const isRule = (s: Segment) => !/[\p{L}\p{N}]/u.test(s.text);
/** A running header of the Official Gazette or a page number: not the issuing body. */
const isRunningHead = (s: Segment) =>
  /^\d+$/.test(s.text.trim()) || /cong\s*bao\s*\/|^-?\d+$/.test(foldVietnamese(s.text));
const isDateline = (s: Segment) =>
  /ng[aà]y\s*\S{0,3}\s*th[a-z]?ng\s*\S{0,3}\s*n[aă]m\s*\S{4}/.test(foldVietnamese(s.text)) ||
  datelineIncomplete(s.text);

/** First lines of the body: the header is over where these begin. */
const BODY_START =
  /^(-\s*)?(can cu|kinh gui|thuc hien|theo de nghi|xet de nghi|xet|trong (thoi gian|nam)|ngay \d|hom nay|duoc |dieu \d|chuong [ivx\d]|phan thu|nguon an le|i\.|1\.)/;

/**
 * The title the segment starts with: the fewest OCR slips first ("THÔNG BÁO" read right is not
 * "THÔNG CÁO" one slip away), then the longest ("THÔNG TƯ LIÊN TỊCH" over "THÔNG TƯ"). A title
 * line is short: "QUYẾT ĐỊNH" alone, not a sentence citing one.
 */
function bestTitle(s: Segment, cat: Catalogue): TitleMatch | null {
  const sq = squeeze(s.text);
  let best: { match: TitleMatch; slips: number; length: number } | null = null;
  for (const t of cat.types)
    for (const title of t.titles) {
      if (sq.length > title.squeezed.length + 60) continue;
      const slips = prefixDistance(sq, title.squeezed);
      if (slips === Infinity) continue;
      const length = title.squeezed.length;
      if (best && (slips > best.slips || (slips === best.slips && length <= best.length))) continue;
      const capitals = capitalShare(s.text) >= 0.6;
      best = { match: { type: t.type, title: title.text, segment: s, capitals }, slips, length };
    }
  return best?.match ?? null;
}

/** The issuing body: capital lines of the left column above the number line (or the title). */
function findOrgan(head: Segment[], limit: Segment | null): Segment[] {
  if (!limit) return [];
  const above = head.filter((s) => s.row < limit.row && s.column !== 'right');
  const out: Segment[] = [];
  for (const s of above) {
    if (isMotto(s) || isRule(s) || isRunningHead(s) || isDateline(s)) continue;
    // The body's name is printed in capitals; stray OCR marks are not.
    if (capitalShare(s.text) < 0.6 || squeeze(s.text).length < 2) continue;
    out.push(s);
  }
  return out;
}

const vGap = (a: Segment, b: Segment) =>
  a.box && b.box ? (b.box.y0 - a.box.y1) / Math.max(1, a.box.y1 - a.box.y0) : 0;

/** Subject lines after `start`: until the body begins, a gap, or the signer's capitals line. */
function findSubject(segments: Segment[], start: number, vvBlock: boolean): Segment[] {
  const out: Segment[] = [];
  const first = segments[start];
  for (let i = start; i < segments.length && out.length < 6; i++) {
    const s = segments[i]!;
    const folded = foldVietnamese(s.text);
    if (out.length > 0 && BODY_START.test(folded)) break;
    if (vvBlock && first && s.column !== first.column && s.column !== 'full') continue;
    if (vvBlock && /^kinh gui/.test(folded)) break;
    if (isMotto(s) || isRule(s) || isDateline(s)) {
      if (out.length > 0) break;
      continue;
    }
    const prev = out.at(-1);
    if (prev && vGap(prev, s) > 1.2) break;
    // A subject is a phrase: a sentence (ending in a full stop or a colon), a "Label: value"
    // line or a bracketed note ("(Ban hành kèm theo …)") is already the body.
    if (prev && (/^\(/.test(s.text.trim()) || /^[^:]{2,40}:\s*\S/.test(s.text))) break;
    if (prev && /[.:;!]$/.test(s.text.trim())) break;
    // After a subject in ordinary case, a line in capitals is the signer's title.
    if (prev && capitalShare(prev.text) < 0.6 && capitalShare(s.text) >= 0.8) break;
    out.push(s);
  }
  return out;
}

export function analyseHeader(
  lines: readonly TextLine[],
  pageWidth = 0,
  cat: Catalogue = catalogue(),
): Header {
  const segments = segmentPage(lines, pageWidth);
  const head = segments.filter((s) => s.row < HEAD_ROWS);
  let number: Header['number'] = null;
  for (const s of head) {
    const line = parseNumberLine(s.text, cat);
    if (line) {
      number = { line, segment: s };
      break;
    }
  }
  const dateline =
    head.find((s) => s !== number?.segment && isDateline(s)) ??
    (number && isDateline({ ...number.segment, text: number.line.rest }) ? number.segment : null);
  let title: TitleMatch | null = null;
  for (const s of head) {
    if (BODY_START.test(foldVietnamese(s.text))) break;
    if (s === number?.segment || isMotto(s)) continue;
    title = bestTitle(s, cat);
    if (title) break;
  }
  // "ÁN LỆ SỐ 49/2021/AL" is both the number and the title.
  if (!title && number?.line.prefixTypes.length) title = bestTitle(number.segment, cat);
  const organ = findOrgan(head, number?.segment ?? title?.segment ?? null).filter(
    (s) => s !== title?.segment,
  );
  const vvStart = head.findIndex((s) => /^v\s*[/.]\s*v\b/.test(foldVietnamese(s.text)));
  const vv =
    vvStart >= 0 && !title ? findSubject(segments, segments.indexOf(head[vvStart]!), true) : [];
  let subject: Segment[] = vv;
  if (title) {
    const at = segments.indexOf(title.segment);
    const sameLine = title.segment === number?.segment;
    subject = findSubject(segments, sameLine || at < 0 ? at + 1 : at + 1, false);
  }
  return { segments, number, dateline, title, organ, subject, vv };
}
