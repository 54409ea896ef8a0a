// The holiday calendar in Settings: one year's decisions (Tết span, days off, swapped working
// days). A year saved here becomes `<data folder>/holidays/<year>.json`, the local file that the
// reception's working-day count already lets replace the shipped one (dossier/holidays.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { HolidayYearView } from '../../../shared/contracts/records';
import { HolidayYear } from '../../../shared/workingDays';
import { writeFileDurablySync } from '../archive/audit';
import { loadHolidayYears } from '../dossier/holidays';

export const localHolidayDir = (dataDir: string) => path.join(dataDir, 'holidays');

export async function holidayYear(
  dataDir: string,
  shippedDir: string,
  year: number,
): Promise<HolidayYearView> {
  const local = (await loadHolidayYears([localHolidayDir(dataDir)])).find((y) => y.year === year);
  if (local) return { year, data: local, origin: 'local' };
  const shipped = (await loadHolidayYears([shippedDir])).find((y) => y.year === year);
  if (shipped) return { year, data: shipped, origin: 'shipped' };
  return { year, data: HolidayYear.parse({ year }), origin: 'none' };
}

export async function saveHolidayYear(
  dataDir: string,
  shippedDir: string,
  data: HolidayYear,
): Promise<HolidayYearView> {
  const parsed = HolidayYear.parse(data);
  const dir = localHolidayDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  writeFileDurablySync(path.join(dir, `${parsed.year}.json`), JSON.stringify(parsed, null, 2));
  return holidayYear(dataDir, shippedDir, parsed.year);
}
