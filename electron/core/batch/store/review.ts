// The review queue on disk: what the machine was unsure about, per batch, with the archivist's
// decision. Each item names the archived record its page is in (its own, or the batch's one).
import type Database from 'better-sqlite3';
import type { ReviewItem } from '../../../../shared/contracts/batch';
import { toReview, type Raw } from './rows';

const ITEM_SELECT =
  'SELECT r.*, coalesce(r.record_id, b.dossier_id) AS dossier_id, b.title AS batch_title FROM review_items r JOIN batches b ON b.id = r.batch_id';

export class ReviewTable {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
  ) {}

  list(options: { batchId?: number; openOnly: boolean }): ReviewItem[] {
    const where = [
      ...(options.batchId ? ['r.batch_id = @batchId'] : []),
      ...(options.openOnly ? ["r.state = 'open'"] : []),
    ];
    const sql = `${ITEM_SELECT}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.batch_id DESC, r.ordinal, r.id LIMIT 2000`;
    return (
      this.db.prepare(sql).all(options.batchId ? { batchId: options.batchId } : {}) as Raw[]
    ).map(toReview);
  }

  openTotal(): number {
    return (
      this.db.prepare("SELECT count(*) AS n FROM review_items WHERE state = 'open'").get() as {
        n: number;
      }
    ).n;
  }

  decide(itemId: number, decision: 'accepted' | 'dismissed'): ReviewItem | null {
    this.db
      .prepare('UPDATE review_items SET state = ?, decided_at = ? WHERE id = ?')
      .run(decision, this.clock().toISOString(), itemId);
    const r = this.db.prepare(`${ITEM_SELECT} WHERE r.id = ?`).get(itemId) as Raw | undefined;
    return r ? toReview(r) : null;
  }

  /**
   * One decision for many items, all or none: null when an id names no item. An item decided
   * already (by another window) keeps its decision.
   */
  decideMany(itemIds: number[], decision: 'accepted' | 'dismissed'): ReviewItem[] | null {
    const at = this.clock().toISOString();
    const update = this.db.prepare(
      "UPDATE review_items SET state = ?, decided_at = ? WHERE id = ? AND state = 'open'",
    );
    const read = this.db.prepare(`${ITEM_SELECT} WHERE r.id = ?`);
    return this.db
      .transaction(() => {
        if (itemIds.some((id) => read.get(id) === undefined)) return null;
        for (const id of itemIds) update.run(decision, at, id);
        return itemIds.map((id) => toReview(read.get(id) as Raw));
      })
      .immediate();
  }
}
