// Keyword suggestions for a document: the phrases of its subject once the words that only
// frame a subject ("Về việc", "trên địa bàn", "năm 2024") are cut away, and the place it is
// about. Suggestions only: the archivist keeps, edits or drops them.
import { collapseWhitespace, foldVietnamese } from '../../../shared/text';
import type { Catalogue } from './catalogue';

/** Framing words: cut points between the phrases worth keeping (folded). */
const STOP = new Set(
  [
    've viec',
    'v/v',
    've',
    'viec',
    'cua',
    'va',
    'cho',
    'cac',
    'mot so',
    'tai',
    'theo',
    'voi',
    'trong',
    'duoc',
    'doi voi',
    'tren dia ban',
    'dia ban',
    'nam',
    'giai doan',
    'den',
    'tu',
    'nhung',
    'thuc hien',
    'tinh',
    'thanh pho',
    'xa',
    'phuong',
    'huyen',
  ].map((s) => s.split(' ')),
);

const MAX_KEYWORDS = 5;

export function keywordSuggestions(subject: string, organ: string, cat: Catalogue): string[] {
  const words = collapseWhitespace(subject.replace(/[(),;:."“”]/g, ' ')).split(' ');
  const folded = words.map((w) => foldVietnamese(w));
  const phrases: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length >= 2 && current.length <= 6) phrases.push(current.join(' '));
    current = [];
  };
  for (let i = 0; i < words.length;) {
    const stop = [...STOP].find((s) => s.every((w, k) => folded[i + k] === w));
    if (stop || /^\d/.test(words[i]!)) {
      flush();
      i += stop?.length ?? 1;
      continue;
    }
    current.push(words[i]!);
    i++;
  }
  flush();
  const text = foldVietnamese(`${subject} ${organ}`);
  const places = cat.places.filter((p) => text.includes(foldVietnamese(p)));
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
