// The background uploader: recovers items a dead uploader left half-sent, then sends whatever is
// due, and sleeps until the next item is due (or a short poll, for records archived meanwhile).
// It is the only sender of its data folder in the app: "send now" and a retry only wake it, so
// an item is never uploaded twice at once. The destination is read again at every round, so one
// configured (or changed) in Settings while the app runs is used without a restart; with none,
// the loop only waits.
import type { Archive } from '../archive/archive';
import type { BlobStore } from '../archive/blobStore';
import type { Connector } from './connector';
import { errorFields, log } from '../log/logger';
import { uploadBlocked } from '../policy/gate';
import { connectorFor, fileKeyProvider, loadDestination, type Destination } from './destination';
import { Outbox } from './outbox';

export interface UploaderLoop {
  /** Look at the queue now (call after archiving a record) instead of at the next poll. */
  nudge(): void;
  /** True while a round is sending (for the screen's "sending" state). */
  readonly busy: boolean;
  /**
   * Stops: an S3 write in flight is aborted (a folder write finishes), nothing further is sent;
   * the item cut off waits again (or stays `uploading` if the store hangs past the grace, which
   * the next start recovers) and is never marked done.
   */
  stop(): Promise<void>;
}

export interface UploaderLoopOptions {
  pollMs?: number;
  clock?: () => Date;
  /** How long stop() waits for the object being written before it lets go (default 5 s). */
  stopGraceMs?: number;
}

/** The connector for this round, or null when no destination is configured. */
export type ConnectorSource = Connector | (() => Connector | null);

export function startUploader(
  outbox: Outbox,
  connector: ConnectorSource,
  options: UploaderLoopOptions = {},
): UploaderLoop {
  const pollMs = options.pollMs ?? 15_000;
  const clock = options.clock ?? (() => new Date());
  const current = typeof connector === 'function' ? connector : () => connector;
  const stopping = new AbortController();
  let busy = false;
  let wake: (() => void) | undefined;
  // A nudge that comes while a drain runs must not be lost: the loop then skips its sleep.
  let nudged = false;
  outbox.recoverInterrupted();
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      nudged = false;
      let target: Connector | null = null;
      try {
        target = current();
        if (target) {
          busy = true;
          await outbox.drain(target, stopping.signal);
        }
      } catch (e) {
        // The archive itself failed (disk full, locked) or the destination is unreadable: keep
        // the loop alive, try at the next poll.
        log('outbox').warn('upload round failed', errorFields(e));
      } finally {
        busy = false;
      }
      if (nudged || stopping.signal.aborted) continue;
      const due = target ? outbox.nextDueAt() : null;
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
    get busy() {
      return busy;
    },
    async stop() {
      stopping.abort();
      wake?.();
      // A store that hangs must not hold the app's close: after the grace the item stays
      // `uploading` in the database, which the next start puts back in the queue.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        loop,
        new Promise<void>((r) => (timer = setTimeout(r, options.stopGraceMs ?? 5_000))),
      ]);
      clearTimeout(timer);
    },
  };
}

/**
 * The connector of the data folder's configured destination, made again only when the
 * destination changes; null while none is configured (or it cannot be read).
 */
export function configuredConnector(
  dataDir: string,
  keysDir: string,
): { current: () => Connector | null; close: () => void } {
  let made: { config: string; connector: Connector & { close?(): void } } | null = null;
  const drop = () => {
    made?.connector.close?.();
    made = null;
  };
  return {
    current() {
      let dest: Destination | null;
      try {
        // Nothing goes out while the machine's policy is invalid (policy/gate.ts).
        dest = uploadBlocked(dataDir) ? null : loadDestination(dataDir, fileKeyProvider(keysDir));
      } catch {
        dest = null;
      }
      if (!dest) {
        drop();
        return null;
      }
      const config = JSON.stringify(dest);
      if (made?.config !== config) {
        drop();
        made = { config, connector: connectorFor(dest) };
      }
      return made.connector;
    },
    close: drop,
  };
}

/**
 * Starts the uploader for a data folder if a destination is configured there; null otherwise.
 * Used by tests and tools that want a fixed destination; stop() it before closing the archive.
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
    get busy() {
      return loop.busy;
    },
    async stop() {
      await loop.stop();
      connector.close?.();
    },
  };
}
