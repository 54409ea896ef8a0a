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

/** What precedes "ngày" on a date line is a place name, short and without a citation. */
function placeBefore(text: string): boolean {
  const before = foldVietnamese(text).split(/ng[aà]y/)[0] ?? '';
  return before.length <= 40 && !/can cu|luat|quyet dinh|nghi dinh|\bso\b|\d\//.test(before);
}

/** First lines of the body: the header is over where these begin. */
const BODY_START =
  /^(-\s*)?(?:(?:can cu|kinh gui|thuc hien|theo de nghi|xet de nghi|xet|trong (?:thoi gian|nam)|ngay \d+(?!\s*thang)|hom nay|duoc|dieu \d+|chuong [ivx\d]+|phan thu|nguon an le)\b|[i1]\.\s)/;

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
      // Out of capitals only a line that is nearly the title alone counts (OCR may lower a
      // letter or two); "Quyết định số 12/QĐ-UBND về" in a sentence does not.
      const capitals = capitalShare(s.text) >= 0.6;
      if (!capitals && sq.length > title.squeezed.length + 4) continue;
      const length = title.squeezed.length;
      if (best && (slips > best.slips || (slips === best.slips && length <= best.length))) continue;
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

const centre = (s: Segment) => (s.box ? (s.box.x0 + s.box.x1) / 2 : 0);

/** Whether, in a text without boxes, line `s` is already the body rather than the subject. */
function bodyByWording(s: Segment): boolean {
  const text = s.text.trim();
  // A sentence (ending in a full stop or a colon), a "Label: value" line, or the note under
  // a regulation's title ("(Ban hành kèm theo Quyết định …)").
  return (
    /[.:;!]$/.test(text) ||
    /^[^:]{2,40}:\s*\S/.test(text) ||
    /^\(\s*(ban hanh )?kem theo/.test(foldVietnamese(text))
  );
}

/**
 * Subject lines from `start`: until the body begins, the text leaves the subject's block (a gap,
 * another column, off the title's centre line), or the signer's line in capitals. `anchor` is
 * the segment the subject hangs from (the title, or the V/v line).
 */
function findSubject(
  segments: Segment[],
  start: number,
  anchor: Segment,
  vvBlock: boolean,
  width: number,
): Segment[] {
  const out: Segment[] = [];
  const boxed = !!anchor.box && width > 0;
  for (let i = start; i < segments.length && out.length < 6; i++) {
    const s = segments[i]!;
    const folded = foldVietnamese(s.text);
    if (out.length > 0 && BODY_START.test(folded)) break;
    if (vvBlock && /^kinh gui/.test(folded)) break;
    if (vvBlock && s.column !== anchor.column && s.column !== 'full') continue;
    // A title's subject is centred under it: stamps and marginal notes beside it are not.
    if (!vvBlock && boxed && s.box && Math.abs(centre(s) - centre(anchor)) > 0.15 * width) continue;
    if (isMotto(s) || isRule(s) || isDateline(s)) {
      if (out.length > 0) break;
      continue;
    }
    const prev = out.at(-1) ?? (vvBlock ? undefined : anchor);
    if (prev && boxed && vGap(prev, s) > 1.2) break;
    if (out.length > 0 && !boxed && bodyByWording(s)) break;
    // After a subject in ordinary case, a line in capitals is the signer's title.
    const last = out.at(-1);
    if (last && capitalShare(last.text) < 0.6 && capitalShare(s.text) >= 0.8) break;
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
  // The date line is in the header: a date in the body ("Căn cứ Luật … ngày 19 tháng 6 năm
  // 2015") is a cited document's.
  const bodyAt = head.findIndex((s) => BODY_START.test(foldVietnamese(s.text)));
  const header = bodyAt < 0 ? head : head.slice(0, bodyAt);
  const dateline =
    header.find((s) => s !== number?.segment && isDateline(s) && placeBefore(s.text)) ??
    (number && isDateline({ ...number.segment, text: number.line.rest }) ? number.segment : null);
  // The "V/v" block of an official letter: its lines ("… Quyết định số 12/QĐ-UBND về …") are
  // the subject, never a title.
  const vvStart = head.find((s) => /^v\s*[/.]\s*v\b/.test(foldVietnamese(s.text)));
  const width = pageWidth || Math.max(0, ...segments.map((x) => x.box?.x1 ?? 0));
  const vv = vvStart ? findSubject(segments, segments.indexOf(vvStart), vvStart, true, width) : [];
  let title: TitleMatch | null = null;
  for (const s of head) {
    if (BODY_START.test(foldVietnamese(s.text))) break;
    if (s === number?.segment || isMotto(s) || vv.includes(s)) continue;
    title = bestTitle(s, cat);
    if (title) break;
  }
  // "ÁN LỆ SỐ 49/2021/AL" is both the number and the title.
  if (!title && number?.line.prefixTypes.length) title = bestTitle(number.segment, cat);
  const organ = findOrgan(head, number?.segment ?? title?.segment ?? null).filter(
    (s) => s !== title?.segment,
  );
  const subject =
    title && !vv.length
      ? findSubject(segments, segments.indexOf(title.segment) + 1, title.segment, false, width)
      : vv;
  return { segments, number, dateline, title, organ, subject, vv };
}
