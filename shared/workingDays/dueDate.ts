// The appointment date of a dossier: working days counted from the receipt, with the cut-off
// hour after which a dossier counts as received the next working day.
import { z } from 'zod';
import { dayToIso, mustDay, solarToIso, yearOfDay, type IsoDate } from './days';
import type { WorkingCalendar, YearBasis } from './calendar';

export const CutOff = z.object({
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59).default(0),
});
export type CutOff = z.infer<typeof CutOff>;

/**
 * Default cut-off: 15:00, the hour after which ND 23/2015 Art. 7 lets a same-day certification be
 * returned on the next working day; agencies configure their own.
 */
export const DEFAULT_CUT_OFF: CutOff = { hour: 15, minute: 0 };

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

export interface DueDate {
  /** The day counting starts from (the receipt day, or the next working day after a late or
   * non-working-day receipt). */
  countedFrom: IsoDate;
  /** The appointment date. */
  due: IsoDate;
  workingDays: number;
  /** True when a day in the span came from an estimate rather than a published notice. */
  estimated: boolean;
  /** Whether the appointment's year follows an official notice or an estimate. */
  dueYear: YearBasis;
}

/**
 * Appointment date: `workingDays` working days after the receipt day, the receipt day itself not
 * counted (Bộ luật Dân sự 2015, Art. 147: a period in days starts the day after the event).
 * A dossier received on a non-working day, or at or after the cut-off, counts as received on the
 * next working day. `workingDays = 0` (same-day procedures) gives the effective receipt day.
 */
export function dueDate(
  calendar: WorkingCalendar,
  receivedAt: Date,
  workingDays: number,
  cutOff: CutOff = DEFAULT_CUT_OFF,
): DueDate {
  if (Number.isNaN(receivedAt.getTime())) throw new RangeError('Invalid receipt time');
  const local = new Date(receivedAt.getTime() + VIETNAM_OFFSET_MS);
  let day = mustDay(
    solarToIso({
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
    }),
  );
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const late = minutes >= cutOff.hour * 60 + cutOff.minute;
  let estimated = calendar.info(day).estimated;
  if (late || !calendar.isWorkingDay(day)) {
    day++;
    while (!calendar.isWorkingDay(day)) day++;
  }
  const countedFrom = dayToIso(day);
  const due = calendar.addWorkingDays(countedFrom, workingDays);
  for (let d = day; d <= mustDay(due); d++) estimated ||= calendar.info(d).estimated;
  const dueYear = calendar.yearBasis(yearOfDay(mustDay(due)));
  return { countedFrom, due, workingDays, estimated, dueYear };
}
