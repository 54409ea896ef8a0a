// Time as Vietnamese documents print it. Vietnam has used UTC+07:00 all year since 1975 (no
// daylight saving), so a fixed offset is exact and we need no time-zone database: the result is
// the same whatever time zone the workstation is set to.

/** Vietnam's offset from UTC, in minutes. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

export interface VietnamTimeParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall-clock fields of `date` in Vietnam, zero-padded. */
export function vietnamTimeParts(date: Date): VietnamTimeParts {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
  // Shifting the instant and reading it back as UTC gives the Vietnamese wall clock without
  // depending on the host's local zone.
  const shifted = new Date(date.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  return {
    year: pad(shifted.getUTCFullYear(), 4),
    month: pad(shifted.getUTCMonth() + 1),
    day: pad(shifted.getUTCDate()),
    hour: pad(shifted.getUTCHours()),
    minute: pad(shifted.getUTCMinutes()),
    second: pad(shifted.getUTCSeconds()),
  };
}

/**
 * ISO 8601 with the Vietnam offset and whole seconds, as ND 30/2020 prints the signing time:
 * `2026-11-22T09:15:03+07:00`.
 */
export function formatVietnamTime(date: Date): string {
  const p = vietnamTimeParts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+07:00`;
}
