// Manual duplex on a simplex feeder: the clerk feeds the stack (all fronts), turns it over and
// feeds it again (all backs, now last sheet first). Interleaving puts each back after its front.
import { SohoaError } from '../../../shared/errors';

export interface Sided<T> {
  page: T;
  side: 'front' | 'back';
  /** 0-based sheet number in the original stack. */
  sheet: number;
}

/** Fronts in feed order, backs in feed order (i.e. reversed): one page list, front then back. */
export function interleaveManualDuplex<T>(fronts: readonly T[], backs: readonly T[]): Sided<T>[] {
  if (fronts.length !== backs.length)
    throw new SohoaError('DUPLEX_COUNT_MISMATCH', `${fronts.length} / ${backs.length}`);
  const out: Sided<T>[] = [];
  for (let sheet = 0; sheet < fronts.length; sheet++) {
    out.push({ page: fronts[sheet]!, side: 'front', sheet });
    out.push({ page: backs[backs.length - 1 - sheet]!, side: 'back', sheet });
  }
  return out;
}

/** The same, for one acquisition holding both passes: the first half fronts, the second backs. */
export function interleaveStack<T>(pages: readonly T[]): Sided<T>[] {
  if (pages.length % 2 !== 0) throw new SohoaError('DUPLEX_COUNT_MISMATCH', `${pages.length}`);
  const half = pages.length / 2;
  return interleaveManualDuplex(pages.slice(0, half), pages.slice(half));
}

/** Backs that are blank (fronts that are not): flagged for the clerk, never dropped. */
export function blankBacks<T>(sided: readonly Sided<T>[], isBlank: (page: T) => boolean): number[] {
  const flagged: number[] = [];
  sided.forEach((p, i) => {
    if (p.side !== 'back' || !isBlank(p.page)) return;
    const front = sided[i - 1];
    if (front && !isBlank(front.page)) flagged.push(i);
  });
  return flagged;
}
