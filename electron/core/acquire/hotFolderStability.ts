// When a file in the inbox is completely written: its size and mtime have not changed across
// `stablePolls` polls spanning at least `stableMs`. An empty file is only a failure after a long
// wait, since scanners often create the file first and write it later.
import type { WaitingFile } from './hotFolderTypes';

export interface Seen {
  size: number;
  mtimeMs: number;
  sinceMs: number;
  polls: number;
}

export interface StabilityRules {
  stablePolls: number;
  stableMs: number;
  /** An empty file still empty after this long is given up on. */
  emptyTimeoutMs: number;
}

/**
 * What one poll says of a file: it `changed` (or is new) and the count starts again; it is still
 * `empty`, or empty for too long (`abandoned`); it is `settling`; or it is `ready` to be claimed.
 */
export type Observation = 'changed' | 'empty' | 'abandoned' | 'settling' | 'ready';

/** The files of the inbox seen so far, with since when each has looked as it does now. */
export class StabilityWatch {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly rules: StabilityRules) {}

  get size(): number {
    return this.seen.size;
  }

  get(name: string): Seen | undefined {
    return this.seen.get(name);
  }

  forget(name: string): void {
    this.seen.delete(name);
  }

  /** Forgets the files no longer in the inbox. */
  keepOnly(names: readonly string[]): void {
    for (const name of [...this.seen.keys()]) if (!names.includes(name)) this.seen.delete(name);
  }

  /** Starts counting again from `st` (a file put back because it was still being written). */
  restart(name: string, st: { size: number; mtimeMs: number }, nowMs = Date.now()): void {
    this.seen.set(name, { size: st.size, mtimeMs: st.mtimeMs, sinceMs: nowMs, polls: 0 });
  }

  observe(name: string, st: { size: number; mtimeMs: number }, nowMs: number): Observation {
    const prev = this.seen.get(name);
    if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
      this.restart(name, st, nowMs);
      return 'changed';
    }
    prev.polls++;
    if (prev.size === 0)
      return nowMs - prev.sinceMs >= this.rules.emptyTimeoutMs ? 'abandoned' : 'empty';
    if (prev.polls < this.rules.stablePolls || nowMs - prev.sinceMs < this.rules.stableMs)
      return 'settling';
    return 'ready';
  }

  waiting(): WaitingFile[] {
    return [...this.seen.entries()].map(([name, s]) => ({
      name,
      size: s.size,
      stableSinceMs: s.sinceMs,
    }));
  }
}
