// The computer's clock against the time-stamping authority's: a signature's signing time comes
// from this computer, and a clock far off makes every signature's time wrong (a receipt dated
// tomorrow, a certificate that looks expired). The TSA is the one trusted clock the desk already
// talks to, so its answer is the reference; the round trip's midpoint is compared with its time.
import { randomBytes } from 'node:crypto';
import { SohoaError } from '../../../shared/errors';
import { parseDer } from '../sign/certificate';
import { readTstInfo, requestTimestamp } from '../sign/tsa';

export interface ClockOffset {
  /** The computer's clock minus the TSA's, in milliseconds (positive: this clock is ahead). */
  offsetMs: number;
  roundTripMs: number;
  /** The TSA's time when it answered. */
  tsaTime: Date;
}

export async function measureClockOffset(
  tsaUrl: string,
  clock: () => Date = () => new Date(),
): Promise<ClockOffset> {
  const before = clock().getTime();
  const token = await requestTimestamp(tsaUrl, randomBytes(32), 'sha256');
  const after = clock().getTime();
  const tsaTime = readTstInfo(parseDer(token)).genTime;
  return {
    offsetMs: Math.round((before + after) / 2 - tsaTime.getTime()),
    roundTripMs: after - before,
    tsaTime,
  };
}

/** "3 phút 5 giây" / "3 min 5 s": how far off, for the refusal and the health panel. */
export function describeOffset(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', `${s % 60} s`].filter(Boolean);
  return `${ms >= 0 ? '+' : '−'}${parts.join(' ')}`;
}

const REMEASURE_MS = 10 * 60 * 1000;

export interface ClockGuard {
  /** Throws CLOCK_OFFSET when the clock is off the TSA's beyond the allowed offset. */
  check(): Promise<void>;
  /** The last measurement, if any (for the health panel). */
  last(): ClockOffset | null;
}

/**
 * Measures at most every ten minutes before signing; without a TSA there is nothing to compare
 * with (the health check warns about that). A TSA that does not answer does not stop signing
 * here: the signing itself then fails on the TSA with its own error.
 */
export function clockGuard(options: {
  tsaUrl: () => string | undefined;
  maxOffsetSeconds: () => number;
  clock?: () => Date;
}): ClockGuard {
  const clock = options.clock ?? (() => new Date());
  let measured: { at: number; url: string; offset: ClockOffset } | null = null;
  return {
    last: () => measured?.offset ?? null,
    async check() {
      const url = options.tsaUrl();
      if (!url) return;
      const now = clock().getTime();
      if (!measured || measured.url !== url || now - measured.at > REMEASURE_MS) {
        try {
          measured = { at: now, url, offset: await measureClockOffset(url, clock) };
        } catch {
          return;
        }
      }
      if (Math.abs(measured.offset.offsetMs) > options.maxOffsetSeconds() * 1000)
        throw new SohoaError('CLOCK_OFFSET', describeOffset(measured.offset.offsetMs));
    },
  };
}
