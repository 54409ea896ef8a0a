// The background uploader: recovers items a dead uploader left half-sent, then sends whatever is
// due, and sleeps until the next item is due (or a short poll, for dossiers recorded meanwhile).
import type { Archive } from '../archive/archive';
import type { BlobStore } from '../archive/blobStore';
import type { Connector } from './connector';
import { connectorFor, fileKeyProvider, loadDestination } from './destination';
import { Outbox } from './outbox';

export interface UploaderLoop {
  /** Look at the queue now (call after recording a dossier) instead of at the next poll. */
  nudge(): void;
  stop(): Promise<void>;
}

export function startUploader(
  outbox: Outbox,
  connector: Connector,
  options: { pollMs?: number; clock?: () => Date } = {},
): UploaderLoop {
  const pollMs = options.pollMs ?? 15_000;
  const clock = options.clock ?? (() => new Date());
  let stopped = false;
  let wake: (() => void) | undefined;
  // A nudge that comes while a drain runs must not be lost: the loop then skips its sleep.
  let nudged = false;
  outbox.recoverInterrupted();
  const loop = (async () => {
    while (!stopped) {
      nudged = false;
      try {
        await outbox.drain(connector);
      } catch {
        // The archive itself failed (disk full, locked): keep the loop alive, try at the next poll.
      }
      if (nudged || stopped) continue;
      const due = outbox.nextDueAt();
      const wait = due ? Math.min(pollMs, Math.max(0, due.getTime() - clock().getTime())) : pollMs;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  })();
  return {
    nudge: () => {
      nudged = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/**
 * Starts the uploader for a data folder if a destination is configured there; null otherwise.
 * This is the one call the app (or openCore) needs; stop() it before closing the archive.
 */
export function startConfiguredUploader(
  dataDir: string,
  keysDir: string,
  archive: Archive,
  blobs: BlobStore,
): (UploaderLoop & { outbox: Outbox }) | null {
  const dest = loadDestination(dataDir, fileKeyProvider(keysDir));
  if (!dest) return null;
  const connector = connectorFor(dest);
  const outbox = new Outbox(archive, blobs);
  const loop = startUploader(outbox, connector);
  return {
    outbox,
    nudge: () => loop.nudge(),
    async stop() {
      await loop.stop();
      connector.close?.();
    },
  };
}
