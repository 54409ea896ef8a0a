// The outbox for the screen: each item with its failure as a typed, bilingual error (the outbox
// stores "CODE: detail"), and a "send now". In the app the background uploader runs
// (startBackground): it sends whatever is due through the configured connector by itself, and
// "send now" / a retry only make items due and wake it, so there is one sender and an item is
// never sent twice at once. Without it (tools, tests), "send now" drains the queue once.
import type { OutboxItemView } from '../../../shared/contracts/records';
import { ERROR_CODES, errorInfo, SohoaError, type ErrorCode } from '../../../shared/errors';
import type { Archive } from '../archive/archive';
import type { BlobStore } from '../archive/blobStore';
import {
  connectorFor,
  describeDestination,
  fileKeyProvider,
  loadDestination,
} from '../outbox/destination';
import { Outbox, type OutboxItem, type RetryPolicy } from '../outbox/outbox';
import { assertUploadAllowed } from '../policy/gate';
import {
  configuredConnector,
  startUploader,
  type UploaderLoop,
  type UploaderLoopOptions,
} from '../outbox/uploader';

export function errorOfLastError(lastError: string | null) {
  if (!lastError) return null;
  const m = /^([A-Z_]+): ?(.*)$/s.exec(lastError);
  if (m && (ERROR_CODES as readonly string[]).includes(m[1]!))
    return errorInfo(m[1] as ErrorCode, m[2]!.slice(0, 200));
  return errorInfo('STORE_UNREACHABLE', lastError.slice(0, 200));
}

export function itemView(i: OutboxItem): OutboxItemView {
  return {
    dossierCode: i.dossierCode,
    state: i.state,
    attempts: i.attempts,
    nextAttemptAt: i.nextAttemptAt,
    lastError: errorOfLastError(i.lastError),
    bytesTotal: i.bytesTotal,
    bytesDone: i.bytesDone,
    doneAt: i.doneAt,
  };
}

export class OutboxDesk {
  readonly outbox: Outbox;
  private sending: Promise<unknown> | null = null;
  private background: { loop: UploaderLoop; close: () => void } | null = null;

  constructor(
    archive: Archive,
    blobs: BlobStore,
    private readonly dataDir: string,
    private readonly keysDir: string,
    policy?: RetryPolicy,
  ) {
    this.outbox = new Outbox(archive, blobs, policy ? { policy } : {});
  }

  private destination() {
    try {
      return loadDestination(this.dataDir, fileKeyProvider(this.keysDir));
    } catch {
      return null;
    }
  }

  list() {
    const dest = this.destination();
    return {
      items: this.outbox.list().map(itemView),
      counts: this.outbox.counts(),
      destination: dest ? describeDestination(dest) : null,
      sending: this.sending !== null || Boolean(this.background?.loop.busy),
    };
  }

  /** Starts the background uploader on the configured destination (read again every round). */
  startBackground(options: UploaderLoopOptions = {}): void {
    if (this.background) return;
    const connector = configuredConnector(this.dataDir, this.keysDir);
    this.background = {
      loop: startUploader(this.outbox, connector.current, options),
      close: connector.close,
    };
  }

  /** Wakes the background uploader (a destination was just saved). */
  wake(): void {
    this.background?.loop.nudge();
  }

  /** Stops the background uploader (before the archive closes); an item cut off stays queued. */
  async stop(): Promise<void> {
    const bg = this.background;
    this.background = null;
    await bg?.loop.stop();
    bg?.close();
    await this.idle();
  }

  retry(code: string, actor: string): OutboxItemView {
    if (!this.outbox.get(code)) throw new SohoaError('OUTBOX_ITEM_NOT_FOUND', code);
    this.outbox.retry(code, actor);
    this.background?.loop.nudge();
    return itemView(this.outbox.get(code)!);
  }

  /** Starts sending unless a send runs; false when one was already running. */
  send(): boolean {
    assertUploadAllowed(this.dataDir);
    const dest = loadDestination(this.dataDir, fileKeyProvider(this.keysDir));
    if (!dest) throw new SohoaError('CONNECTOR_NOT_CONFIGURED');
    if (this.background) {
      // Items waiting out a backoff go now too: the clerk asked.
      this.outbox.expedite();
      const idle = !this.background.loop.busy;
      this.background.loop.nudge();
      return idle;
    }
    if (this.sending) return false;
    const connector = connectorFor(dest);
    this.sending = this.outbox
      .drain(connector)
      .catch(() => undefined)
      .finally(() => {
        connector.close?.();
        this.sending = null;
      });
    return true;
  }

  /** Waits for a running drain (before the archive closes). */
  async idle(): Promise<void> {
    await this.sending;
  }
}
