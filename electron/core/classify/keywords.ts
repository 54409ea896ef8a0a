// Keyword suggestions for a document: the phrases of its subject once the words that only
// frame a subject ("Về việc", "trên địa bàn", "năm 2024", "của") and the verbs that open one
// ("tăng cường", "phê duyệt") are cut away, and the places it names. Suggestions only: the
// archivist keeps, edits or drops them.
import { collapseWhitespace, foldVietnamese } from '../../../shared/text';
import type { Catalogue } from './catalogue';

/** Framing words (folded): the phrases worth keeping lie between them. */
const CUTS = [
  've viec',
  'v/v',
  've',
  'cua',
  'cho',
  'tai',
  'tren dia ban',
  'doi voi',
  'trong',
  'voi',
  'theo',
  'va',
  'cac',
  'mot so',
  'nam',
  'giai doan',
  'den',
  'tam nhin',
  'nhiem ky',
  'thoi gian',
  'tinh',
  'thanh pho',
].map((s) => s.split(' '));

/** Verbs that open a subject without saying what it is about. */
const OPENERS = [
  'tang cuong',
  'thuc hien',
  'trien khai',
  'de nghi',
  'phe duyet',
  'ban hanh',
  'cong nhan',
  'quy dinh',
  'huong dan',
].map((s) => s.split(' '));

const MAX_KEYWORDS = 5;

const startsWith = (folded: string[], at: number, words: string[]) =>
  words.every((w, k) => folded[at + k] === w);

export function keywordSuggestions(subject: string, organ: string, cat: Catalogue): string[] {
  const text = foldVietnamese(`${subject} ${organ}`);
  const places = cat.places.filter((p) => text.includes(foldVietnamese(p)));
  const placeWords = places.map((p) => foldVietnamese(p).split(' '));
  const words = collapseWhitespace(subject.replace(/([,;:()."“”])/g, ' | ')).split(' ');
  const folded = words.map((w) => foldVietnamese(w));
  const phrases: string[] = [];
  let current: string[] = [];
  const flush = () => {
    let start = 0;
    for (const o of OPENERS) if (startsWith(current.map(foldVietnamese), 0, o)) start = o.length;
    const phrase = current.slice(start);
    if (phrase.length >= 2 && phrase.length <= 6) phrases.push(phrase.join(' '));
    current = [];
  };
  for (let i = 0; i < words.length;) {
    const cut = [...CUTS, ...placeWords].find((c) => startsWith(folded, i, c));
    if (cut || words[i] === '|' || /^\d/.test(words[i]!)) {
      flush();
      i += cut?.length ?? 1;
      continue;
    }
    current.push(words[i]!);
    i++;
  }
  flush();
  const seen = new Set<string>();
  return [...phrases.map((p) => p.charAt(0).toUpperCase() + p.slice(1)), ...places]
    .filter((p) => {
      const key = foldVietnamese(p);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_KEYWORDS);
}
