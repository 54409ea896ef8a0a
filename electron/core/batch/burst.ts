// A source that never ends (a hot folder whose target is the batch queue) cut into batches by
// bursts: pages go into a batch as they arrive; after `quietMs` without a new page that batch is
// queued, and the next page starts another. Each burst is keyed by its content, so the same scans
// delivered again map onto the record they made and are never archived twice.
import { createHash } from 'node:crypto';
import { asErrorInfo } from '../../../shared/errors';
import type { PageSource } from '../pipeline/types';
import { inputsDir } from './intake';
import { displayName, storeUploads } from './inputs';
import type { QueueContext } from './types';

/** A hot folder burst's archive key: its scans' sha256s, in any order (the same scans, the same key). */
export function burstSourceRef(sha256s: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...sha256s].sort().join('\n'))
    .digest('hex');
  return `hotfolder:${digest}`;
}

interface Burst {
  id: number;
  names: string[];
  sha256s: string[];
}

/** Runs until `signal` aborts (the queue closes); what arrived by then is queued. */
export async function collectBursts(
  ctx: QueueContext,
  title: string,
  source: (signal: AbortSignal) => AsyncIterable<PageSource>,
  quietMs: number,
  signal: AbortSignal,
): Promise<void> {
  const { store } = ctx;
  let current: Burst | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The archivist may cancel a burst while its files are still arriving: it stays cancelled.
  const stillArriving = (id: number) => store.batches.get(id)?.state === 'uploading';
  const seal = () => {
    clearTimeout(timer);
    if (!current) return;
    if (stillArriving(current.id)) {
      store.batches.setState(current.id, 'queued');
      ctx.kick();
    }
    current = null;
  };
  const open = (): Burst => ({
    id: store.batches.create({
      title: `${title} ${ctx.now().toISOString().slice(0, 16).replace('T', ' ')}`,
      state: 'uploading',
      source: 'files',
      // A hot folder's burst gets the batch screen's separation options, as a scan does.
      separation: store.batches.separationDefaults(),
    }),
    names: [],
    sha256s: [],
  });
  try {
    for await (const page of source(signal)) {
      clearTimeout(timer);
      const bytes = await page.read();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // Handed over again after a crash (stored in a batch, not yet noted done by the hot
      // folder's ledger): that batch holds it and is not archived yet, so it is not added twice.
      if (store.files.unfinishedHolding(sha256)) {
        if (current) timer = setTimeout(seal, quietMs);
        continue;
      }
      // Files after a cancel start a batch of their own: a page is never dropped unseen.
      if (current && !stillArriving(current.id)) current = null;
      const burst: Burst = (current ??= open());
      const stored = await storeUploads(
        inputsDir(ctx, burst.id),
        [{ name: displayName(page.name), bytes }],
        burst.names,
        burst.names.length + 1,
      );
      burst.sha256s.push(sha256);
      // The burst's key so far, saved with each file: the same scans delivered again (the
      // ledger lost, another hot folder) map onto the record they made, never archived twice.
      store.files.add(
        burst.id,
        stored.map((f) => ({ ...f, sha256 })),
        burstSourceRef(burst.sha256s),
      );
      burst.names.push(...stored.map((f) => f.name));
      timer = setTimeout(seal, quietMs);
    }
  } catch (e) {
    // The source failed (folder gone, unreadable): keep what arrived, say why on the batch.
    if (current && !signal.aborted && stillArriving(current.id))
      store.batches.setState(current.id, 'paused', asErrorInfo(e, 'INTERNAL', title));
    current = null;
  } finally {
    seal();
  }
}
