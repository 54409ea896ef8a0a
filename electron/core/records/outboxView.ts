// The outbox for the screen: each item with its failure as a typed, bilingual error (the outbox
// stores "CODE: detail"), and a "send now" that drains the queue once in the background through
// the configured connector, while the screen polls the rows for progress.
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
      sending: this.sending !== null,
    };
  }

  retry(code: string, actor: string): OutboxItemView {
    if (!this.outbox.get(code)) throw new SohoaError('OUTBOX_ITEM_NOT_FOUND', code);
    this.outbox.retry(code, actor);
    return itemView(this.outbox.get(code)!);
  }

  /** Starts one drain unless one runs; false when one was already running. */
  send(): boolean {
    if (this.sending) return false;
    const dest = loadDestination(this.dataDir, fileKeyProvider(this.keysDir));
    if (!dest) throw new SohoaError('CONNECTOR_NOT_CONFIGURED');
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
