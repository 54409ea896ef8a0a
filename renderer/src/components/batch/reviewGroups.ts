// The review queue in groups: one per batch, reason and (for a document of undecided type) the
// machine's best guess, so ten identical "type undecided, could be a Decision" items are one
// decision, and items of different batches never sit under one batch's title.
import type { ReviewItem, ReviewReason } from '../../../../shared/contracts/batch';

export interface ReviewGroup {
  key: string;
  batchId: number;
  batchTitle: string;
  reason: ReviewReason;
  /** The best guess the group shares (a document type code), for undecided types. */
  guess: string | null;
  items: ReviewItem[];
}

/** Groups in the order their first item comes (newest batch first, then page order). */
export function groupReviewItems(items: readonly ReviewItem[]): ReviewGroup[] {
  const groups = new Map<string, ReviewGroup>();
  for (const item of items) {
    const guess = item.reason === 'unclassified' ? (item.candidates[0] ?? null) : null;
    const key = `${item.batchId}|${item.reason}|${guess ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        batchId: item.batchId,
        batchTitle: item.batchTitle,
        reason: item.reason,
        guess,
        items: [],
      };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

/** The groups under their batch, in the same order: the queue's headings. */
export function byBatch(
  groups: readonly ReviewGroup[],
): { batchId: number; title: string; groups: ReviewGroup[] }[] {
  const batches: { batchId: number; title: string; groups: ReviewGroup[] }[] = [];
  for (const g of groups) {
    const last = batches.find((b) => b.batchId === g.batchId);
    if (last) last.groups.push(g);
    else batches.push({ batchId: g.batchId, title: g.batchTitle, groups: [g] });
  }
  return batches;
}
