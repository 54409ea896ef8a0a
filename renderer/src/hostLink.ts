// The page's link to the desk in a plain browser (the loopback web host). Each run of the host
// has its own token, written into index.html; when the host stops and starts again the page's
// token is no longer valid. Instead of leaving the page refused ("not allowed") for good, the
// link notices, waits for the host to answer again (`GET /api/alive`), reads the new run's token
// from index.html (same origin: only this page can read it) and carries on; what the clerk had
// on screen stays. Screens show the link's state (ConnectionBanner) and stop showing progress
// of work they can no longer see. In Electron the preload's IPC has no such gap: the link stays
// online.

export type LinkState =
  | { kind: 'online' }
  /** The host does not answer (stopped, restarting, or started at another address). */
  | { kind: 'lost'; since: number }
  /** It answers again: the page carried on by itself. */
  | { kind: 'back'; at: number }
  /** It answers but refuses this page even with the current run's token: reload the page. */
  | { kind: 'refused' };

const PROBE_MS = 2000;
const TOKEN_META = 'meta[name="sohoa-token"]';

export class HostLink {
  private state: LinkState = { kind: 'online' };
  private readonly listeners = new Set<() => void>();
  private probing = false;

  constructor(
    private token: string,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): LinkState => this.state;

  /**
   * One call of the contract. Resolves with the host's response (the caller reads its envelope),
   * or null when the host cannot be reached (the link is then lost and probing).
   */
  async post(channel: string, body: string): Promise<Response | null> {
    let res = await this.send(channel, body);
    if (res?.status === 401 && (await this.renewToken())) res = await this.send(channel, body);
    if (!res) {
      this.lose();
      return null;
    }
    if (res.status === 401) this.set({ kind: 'refused' });
    else if (this.state.kind !== 'online' && this.state.kind !== 'back')
      this.set({ kind: 'back', at: Date.now() });
    return res;
  }

  private async send(channel: string, body: string): Promise<Response | null> {
    try {
      return await this.fetcher(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sohoa-token': this.token },
        body,
      });
    } catch {
      return null;
    }
  }

  /** Reads the token of the run now serving this address; true when it is a new one. */
  private async renewToken(): Promise<boolean> {
    try {
      const res = await this.fetcher('/', { cache: 'no-store' });
      if (!res.ok) return false;
      const html = await res.text();
      const meta = new DOMParser().parseFromString(html, 'text/html').querySelector(TOKEN_META);
      const token = meta?.getAttribute('content') ?? '';
      if (!token || token === this.token) return false;
      this.token = token;
      return true;
    } catch {
      return false;
    }
  }

  private lose(): void {
    if (this.state.kind !== 'lost') this.set({ kind: 'lost', since: Date.now() });
    if (this.probing) return;
    this.probing = true;
    const probe = async () => {
      try {
        const res = await this.fetcher('/api/alive', { cache: 'no-store' });
        if (res.ok) {
          await this.renewToken();
          this.probing = false;
          this.set({ kind: 'back', at: Date.now() });
          return;
        }
      } catch {
        // Still gone: ask again.
      }
      setTimeout(() => void probe(), PROBE_MS);
    };
    setTimeout(() => void probe(), PROBE_MS);
  }

  private set(next: LinkState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
