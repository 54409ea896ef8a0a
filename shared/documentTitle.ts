// A record's title from its document's TT 05/2025 fields, the way an archivist writes a
// document's heading in a list: "Quyết định 1009/QĐ-TTg ngày 19/09/2024 của Thủ tướng Chính phủ
// – Phê duyệt nhiệm vụ …". Parts that were not read are left out; without a type or a subject
// there is no title worth giving (the caller keeps its own).
import type { DocumentMetadataInput } from './archiveMetadata';
import { collapseWhitespace } from './text';

type TitleFields = Pick<
  DocumentMetadataInput,
  'typeName' | 'codeNumber' | 'codeNotation' | 'issuedDate' | 'organName' | 'subject'
>;

/** The most a title carries of the subject (trích yếu); the whole subject stays in its field. */
const SUBJECT_MAX = 300;

/** "1009/QĐ-TTg", "QĐ-TTg" (number unread), "1009" (notation unread), or ''. */
export function numberAndNotation(f: Pick<TitleFields, 'codeNumber' | 'codeNotation'>): string {
  const n = f.codeNumber?.trim() ?? '';
  const k = f.codeNotation?.trim() ?? '';
  return n && k ? `${n}/${k}` : n || k;
}

/** A name printed all in capitals reads in sentence case ("ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân");
 * proper nouns inside it are not guessed. Any other text keeps its capitals as read. */
function readable(s: string): string {
  const t = collapseWhitespace(s);
  if (t !== t.toLocaleUpperCase('vi') || !/\p{L}/u.test(t)) return t;
  const lower = t.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

export function documentTitle(f: TitleFields): string | null {
  const type = f.typeName ? collapseWhitespace(f.typeName) : '';
  const subject = f.subject ? collapseWhitespace(f.subject) : '';
  if (!type && !subject) return null;
  const head = [
    type,
    numberAndNotation(f),
    f.issuedDate ? `ngày ${f.issuedDate}` : '',
    f.organName ? `của ${readable(f.organName)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const cut =
    subject.length > SUBJECT_MAX
      ? `${subject.slice(0, subject.lastIndexOf(' ', SUBJECT_MAX) || SUBJECT_MAX)} …`
      : subject;
  return [head, cut].filter(Boolean).join(' – ');
}
