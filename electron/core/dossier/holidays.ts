// Loads the yearly holiday decisions (resources/holidays/<year>.json), letting files in a local
// folder (the province's corrections) replace the shipped file of the same year.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { HolidayYear, WorkingCalendar } from '../../../shared/workingDays';

async function readYearFiles(dir: string): Promise<HolidayYear[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const years: HolidayYear[] = [];
  for (const name of names.filter((n) => /^\d{4}\.json$/.test(n)).sort()) {
    const file = path.join(dir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await fs.readFile(file, 'utf8'));
    } catch (cause) {
      throw new SohoaError('HOLIDAY_FILE_INVALID', name, { cause });
    }
    const result = HolidayYear.safeParse(parsed);
    if (!result.success || String(result.data.year) !== name.slice(0, 4)) {
      throw new SohoaError('HOLIDAY_FILE_INVALID', name, { cause: result.error });
    }
    years.push(result.data);
  }
  return years;
}

/** Holiday data from each folder in order; a later folder's year replaces an earlier one's. */
export async function loadHolidayYears(dirs: readonly string[]): Promise<HolidayYear[]> {
  const byYear = new Map<number, HolidayYear>();
  for (const dir of dirs) for (const year of await readYearFiles(dir)) byYear.set(year.year, year);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export async function loadWorkingCalendar(dirs: readonly string[]): Promise<WorkingCalendar> {
  return new WorkingCalendar(await loadHolidayYears(dirs));
}
