// Pause for a running batch: the pipeline asks each file for its bytes when it is about to open
// it, so holding that read stops new pages from being fed while the pages in flight finish.
export class Gate {
  private waiters: (() => void)[] = [];
  private isOpen = true;

  get open(): boolean {
    return this.isOpen;
  }

  close(): void {
    this.isOpen = false;
  }

  release(): void {
    this.isOpen = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves when the gate is open; rejects when `signal` aborts first. */
  async pass(signal?: AbortSignal): Promise<void> {
    while (!this.isOpen) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal?.reason as Error);
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiters.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
    signal?.throwIfAborted();
  }
}
