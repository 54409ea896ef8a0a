// Ranking procedures for the search box: every word of the query must appear in the folded name,
// code or field (so "khai sinh", "khai sinh" typed without marks and "1.001193" all work);
// recent procedures come first, then matches at the start of a word, then catalog order.
import type { Procedure } from '../../../../shared/procedures';
import { foldVietnamese } from '../../../../shared/text';

export interface ProcedureHit {
  procedure: Procedure;
  recent: boolean;
}

export function rankProcedures(
  procedures: readonly Procedure[],
  query: string,
  recent: readonly string[],
): ProcedureHit[] {
  const words = foldVietnamese(query).split(' ').filter(Boolean);
  const scored: { hit: ProcedureHit; score: number; order: number }[] = [];
  procedures.forEach((procedure, order) => {
    const name = foldVietnamese(procedure.name);
    const haystack = `${name} ${procedure.code.toLowerCase()} ${foldVietnamese(procedure.field)}`;
    if (!words.every((w) => haystack.includes(w))) return;
    const recentAt = recent.indexOf(procedure.code);
    const wordStarts = words.filter((w) => ` ${name}`.includes(` ${w}`)).length;
    const exactCode = words.length === 1 && procedure.code.toLowerCase() === words[0];
    const score = (exactCode ? 1000 : 0) + (recentAt >= 0 ? 100 - recentAt : 0) + wordStarts * 10;
    scored.push({ hit: { procedure, recent: recentAt >= 0 }, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.hit);
}
