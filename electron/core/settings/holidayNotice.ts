// Loading a year's official holiday notice from a file IT gives (a path in the machine's
// configuration, or a file chosen in Cài đặt and sent as text): checked row by row
// (shared/workingDays parseHolidayNotice) and, when every row passes, saved as this machine's
// calendar of that year, so appointment dates in it stop being estimates. A file with any bad row
// changes nothing: the error carries the problems, each with its row, in Vietnamese and English.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { HolidayYearView } from '../../../shared/contracts/records';
import { SohoaError } from '../../../shared/errors';
import { parseHolidayNotice, type NoticeProblem } from '../../../shared/workingDays';
import { saveHolidayYear } from './holidays';

/** The problems a refused notice carries as the error's cause. */
export function noticeProblems(error: unknown): NoticeProblem[] {
  return error instanceof SohoaError && error.code === 'HOLIDAY_NOTICE_INVALID'
    ? ((error.cause ?? []) as NoticeProblem[])
    : [];
}

/** Checks `text` (the content of the file `name`) and saves the year it gives. */
export async function importHolidayNoticeText(
  dataDir: string,
  shippedDir: string,
  name: string,
  text: string,
): Promise<HolidayYearView> {
  const parsed = parseHolidayNotice(name, text);
  if (!parsed.ok) throw new SohoaError('HOLIDAY_NOTICE_INVALID', name, { cause: parsed.problems });
  return saveHolidayYear(dataDir, shippedDir, parsed.year);
}

/** Reads a notice file (CSV or JSON, by its extension) and saves the year it gives. */
export async function importHolidayNoticeFile(
  dataDir: string,
  shippedDir: string,
  file: string,
): Promise<HolidayYearView> {
  const text = await fs.readFile(file, 'utf8');
  return importHolidayNoticeText(dataDir, shippedDir, path.basename(file), text);
}
