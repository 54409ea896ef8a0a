// Loads the holiday data: the statutory list (statutory.json) and each year's notice or estimate
// (<year>.json), from the shipped folder (resources/holidays) and then the province's own
// (<data folder>/holidays), whose files replace the shipped ones of the same name.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { HolidayYear, StatutoryHolidays, WorkingCalendar } from '../../../shared/workingDays';

export const STATUTORY_FILE = 'statutory.json';

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (cause) {
    throw new SohoaError('HOLIDAY_FILE_INVALID', path.basename(file), { cause });
  }
}

async function readYearFiles(dir: string): Promise<HolidayYear[]> {
  const years: HolidayYear[] = [];
  for (const name of (await listDir(dir)).filter((n) => /^\d{4}\.json$/.test(n)).sort()) {
    const result = HolidayYear.safeParse(await readJson(path.join(dir, name)));
    if (!result.success || String(result.data.year) !== name.slice(0, 4)) {
      throw new SohoaError('HOLIDAY_FILE_INVALID', name, { cause: result.error });
    }
    years.push(result.data);
  }
  return years;
}

/** Holiday years from each folder in order; a later folder's year replaces an earlier one's. */
export async function loadHolidayYears(dirs: readonly string[]): Promise<HolidayYear[]> {
  const byYear = new Map<number, HolidayYear>();
  for (const dir of dirs) for (const year of await readYearFiles(dir)) byYear.set(year.year, year);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The statutory list of the last folder that has one (a province may add an enacted holiday). */
export async function loadStatutoryHolidays(dirs: readonly string[]): Promise<StatutoryHolidays> {
  let found: StatutoryHolidays | null = null;
  for (const dir of dirs) {
    if (!(await listDir(dir)).includes(STATUTORY_FILE)) continue;
    const result = StatutoryHolidays.safeParse(await readJson(path.join(dir, STATUTORY_FILE)));
    if (!result.success) {
      throw new SohoaError('HOLIDAY_FILE_INVALID', STATUTORY_FILE, { cause: result.error });
    }
    found = result.data;
  }
  if (!found) throw new SohoaError('HOLIDAY_FILE_INVALID', STATUTORY_FILE);
  return found;
}

export async function loadWorkingCalendar(dirs: readonly string[]): Promise<WorkingCalendar> {
  const [statutory, years] = await Promise.all([
    loadStatutoryHolidays(dirs),
    loadHolidayYears(dirs),
  ]);
  return new WorkingCalendar({ statutory, years });
}
