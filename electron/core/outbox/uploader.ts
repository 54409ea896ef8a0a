// The background uploader: recovers items a dead uploader left half-sent, then sends whatever is
// due, and sleeps until the next item is due (or a short poll, for dossiers recorded meanwhile).
import type { Connector } from './connector';
import type { Outbox } from './outbox';

export interface UploaderLoop {
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
  outbox.recoverInterrupted();
  const loop = (async () => {
    while (!stopped) {
      await outbox.drain(connector);
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
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
