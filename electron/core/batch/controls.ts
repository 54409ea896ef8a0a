// The archivist's hands on a batch: pause (the next file's read waits), resume, cancel (nothing
// archived; a separated batch keeps the documents already made), retry; and on a separated
// batch's plan: the defaults new batches get, one edit at a time, accept.
import type { SeparationOptions, SplitEdit, SplitPlan } from '../../../shared/contracts/intake';
import { SohoaError, errorInfo } from '../../../shared/errors';
import { adjustSplits } from '../separate/splitPlan';
import type { BatchRunner } from './runner';
import type { QueueContext } from './types';

export type BatchAction = 'pause' | 'resume' | 'cancel' | 'retry';

export function control(
  ctx: QueueContext,
  runner: BatchRunner,
  id: number,
  action: BatchAction,
): void {
  const { batches } = ctx.store;
  const batch = ctx.mustGet(id);
  const running = runner.running(id);
  const refuse = () => {
    throw new SohoaError('BAD_REQUEST', `${action}: ${batch.title} (${batch.state})`);
  };
  switch (action) {
    case 'pause':
      if (running && batch.state === 'running') {
        running.gate.close();
        running.stopClock();
        running.saveProgress(true);
      } else if (batch.state !== 'queued') refuse();
      batches.setState(id, 'paused');
      break;
    case 'resume':
      if (batch.state !== 'paused') refuse();
      if (running) {
        running.startClock();
        batches.setState(id, 'running');
        running.gate.release();
      } else {
        batches.setState(id, 'queued');
        ctx.kick();
      }
      break;
    case 'cancel':
      if (running) {
        running.cancelled = true;
        running.controller.abort(new SohoaError('CANCELLED', batch.title));
        running.gate.release();
      } else if (['queued', 'paused', 'uploading', 'awaiting-split'].includes(batch.state)) {
        batches.setState(id, 'cancelled', errorInfo('CANCELLED', batch.title));
      } else refuse();
      break;
    case 'retry': {
      // A separated batch done with failed documents: the rest are archived (found by their
      // key), the second pass makes only the failed ones.
      const failedDocs = batch.state === 'done' && batch.separation && batch.recordsFailed > 0;
      if (batch.state !== 'failed' && batch.state !== 'cancelled' && !failedDocs) refuse();
      batches.setState(id, 'queued');
      ctx.kick();
      break;
    }
  }
}

/** The options new batches get; `set` saves new ones first (null: no separation). */
export function separationDefaults(
  ctx: QueueContext,
  set?: SeparationOptions | null,
): SeparationOptions | null {
  if (set !== undefined) ctx.store.batches.setSeparationDefaults(set);
  return ctx.store.batches.separationDefaults();
}

function awaitingSplit(ctx: QueueContext, id: number, what: string) {
  const batch = ctx.mustGet(id);
  if (batch.state !== 'awaiting-split' || !batch.plan)
    throw new SohoaError('BAD_REQUEST', `${what}: ${batch.title} (${batch.state})`);
  return { batch, plan: batch.plan };
}

/** One archivist's edit of a plan that waits for review (the core's adjustSplits), saved. */
export function editSplits(ctx: QueueContext, id: number, edit: SplitEdit): SplitPlan {
  const plan = adjustSplits(awaitingSplit(ctx, id, 'adjustSplits').plan, edit);
  ctx.store.runs.setPlan(id, plan);
  return plan;
}

/** The archivist accepts the plan: the second pass is queued. */
export function acceptSplits(ctx: QueueContext, id: number): void {
  awaitingSplit(ctx, id, 'acceptSplits');
  ctx.store.runs.acceptPlan(id);
  ctx.kick();
}
