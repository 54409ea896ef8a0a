// The rule layer: evidence for a type read from the document's own header, weighed. Strong: the
// title line under the national motto ("QUYẾT ĐỊNH"), the type abbreviation in the notation
// ("…/QĐ-TTg"), the word before "số" of a law ("Luật số:"), the "V/v" block of an official
// letter (whose notation carries only the issuer's code). Weak: phrases of the body. Rules are
// cheap, explainable and right on clean papers; the learned layer (model.ts) covers what they
// miss on damaged or unusual ones. All of it comes from the catalogue (catalogue.ts).
import type { DocumentType } from '../../../shared/classification';
import { catalogue, upperCode, type Catalogue } from './catalogue';
import { linesOf, type TextLine } from './extract';
import { containsLoosely, squeeze } from './features';
import { analyseHeader, type Header } from './header';

export const TITLE_WEIGHT = 6;
/** A title-like line not in capitals: maybe a sentence that starts like a title. */
const LOWERCASE_TITLE_WEIGHT = 3;
const CODE_WEIGHT = 5;
const PREFIX_WEIGHT = 5;
const VV_WEIGHT = 5;
/** A notation of issuer codes only (299/UBND-TTHC): how official letters are numbered. */
const ISSUER_ONLY_WEIGHT = 3;
/** A normative issuer without a type code (41/2024/QH15): a law, or an ordinance of UBTVQH. */
const NORMATIVE_ISSUER_WEIGHT = 2.5;
const KEYWORD_WEIGHT = 1.2;

export interface RuleResult {
  scores: Map<DocumentType, number>;
  evidence: Map<DocumentType, string[]>;
  header: Header;
}

function notationEvidence(header: Header, cat: Catalogue, add: Adder): void {
  const n = header.number?.line;
  if (!n) return;
  const shown = `số ký hiệu: ${header.number!.segment.text.trim()}`;
  // A code two types share once OCR lost Đ (HD: Hướng dẫn or Hợp đồng) is settled by the title.
  const byTitle = header.title?.type;
  const codeTypes = byTitle && n.codeTypes.includes(byTitle) ? [byTitle] : n.codeTypes;
  for (const type of codeTypes) add(type, CODE_WEIGHT / codeTypes.length, shown);
  for (const type of n.prefixTypes) add(type, PREFIX_WEIGHT, `${shown} (tên loại trước "số")`);
  if (n.codeTypes.length || n.prefixTypes.length) return;
  const issuers = n.issuers.map((c) => upperCode(c).replace(/\d+$/, ''));
  const normative = cat.types.filter((t) => t.issuers.some((i) => issuers.includes(i)));
  for (const t of normative) add(t.type, NORMATIVE_ISSUER_WEIGHT, `${shown} (cơ quan ban hành)`);
  // Letters first: "1523/2025" (a birth-notice number) is no notation at all. An official letter
  // has no title: under a title in capitals, an issuer-only notation says nothing of the type.
  const titled = header.title?.capitals;
  if (!normative.length && !titled && /\p{L}/u.test(n.codes[0] ?? '') && !n.year)
    add('official_letter', ISSUER_ONLY_WEIGHT, `${shown} (chỉ có mã cơ quan)`);
}

type Adder = (type: DocumentType, weight: number, why: string) => void;

/** Evidence from an analysed page: its header and its whole text. */
export function applyRulesToHeader(
  header: Header,
  text: string,
  cat: Catalogue = catalogue(),
): RuleResult {
  const scores = new Map<DocumentType, number>();
  const evidence = new Map<DocumentType, string[]>();
  const add: Adder = (type, weight, why) => {
    scores.set(type, (scores.get(type) ?? 0) + weight);
    evidence.set(type, [...(evidence.get(type) ?? []), why]);
  };
  const title = header.title;
  if (title) {
    add(
      title.type,
      title.capitals ? TITLE_WEIGHT : LOWERCASE_TITLE_WEIGHT,
      `tiêu đề: ${title.segment.text.trim()}`,
    );
  }
  notationEvidence(header, cat, add);
  if (header.vv.length) add('official_letter', VV_WEIGHT, `V/v: ${header.vv[0]!.text}`);
  const all = squeeze(text);
  for (const t of cat.types)
    for (const k of t.keywords)
      if (k.squeezed.length >= 2 && containsLoosely(all, k.squeezed))
        add(t.type, KEYWORD_WEIGHT, `từ khóa: ${k.text}`);
  return { scores, evidence, header };
}

export function applyRulesToLines(lines: readonly TextLine[], pageWidth = 0): RuleResult {
  const text = lines.map((l) => l.text).join('\n');
  return applyRulesToHeader(analyseHeader(lines, pageWidth), text);
}

export function applyRules(text: string): RuleResult {
  return applyRulesToLines(linesOf(text));
}
