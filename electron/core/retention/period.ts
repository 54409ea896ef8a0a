// When a dossier's retention period ends, so its applicant's personal data may be erased. An
// archived record keeps the period the archive metadata gives it (thời hạn lưu trữ, TT 05/2025:
// permanent, 70, 50, 30, 20 or 10 years, or "other"); the longest of the record's and its
// documents' periods applies. As the archives rules count it, the period runs from the year after
// the file was closed: a record closed on 15/06/2016 kept 10 years may go from 01/01/2027. A
// dossier that never became a record (refused, never completed) keeps the years the desk's
// settings give such dossiers, counted the same way from its last change.
import type { MaintenanceCode } from '../../../shared/archiveMetadata';

export type RetentionEnd =
  | { kind: 'permanent' }
  /** "Khác" (other) or an unreadable date: nobody can say when it ends. */
  | { kind: 'unknown' }
  /** The first moment the data may go (00:00 Vietnam time, 1 January). */
  | { kind: 'ends'; at: Date };

const YEARS: Partial<Record<MaintenanceCode, number>> = {
  '02': 70,
  '03': 50,
  '04': 30,
  '05': 20,
  '06': 10,
};

/** 00:00 in Vietnam (UTC+7, no daylight saving) on 1 January of `year`. */
function vietnamNewYear(year: number): Date {
  return new Date(Date.UTC(year - 1, 11, 31, 17, 0, 0));
}

/** The year of a DD/MM/YYYY date, or null. */
function yearOfVnDate(date: string): number | null {
  const m = /^\d{2}\/\d{2}\/(\d{4})$/.exec(date);
  return m ? Number(m[1]) : null;
}

/** The year of an instant in Vietnam time. */
function vietnamYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
}

/**
 * The end of an archived record's retention: its own period and its documents', the longest
 * winning, counted from the year after its end date.
 */
export function recordRetentionEnd(
  record: { maintenance: MaintenanceCode; endDate: string },
  documents: readonly { maintenance: MaintenanceCode }[] = [],
): RetentionEnd {
  const codes = [record.maintenance, ...documents.map((d) => d.maintenance)];
  if (codes.includes('01')) return { kind: 'permanent' };
  const years = codes.map((c) => YEARS[c]);
  const closed = yearOfVnDate(record.endDate);
  if (closed === null || years.some((y) => y === undefined)) return { kind: 'unknown' };
  return { kind: 'ends', at: vietnamNewYear(closed + 1 + Math.max(...(years as number[]))) };
}

/** The end of a dossier that never became a record: `years` from the year after its last change. */
export function unarchivedRetentionEnd(lastChange: Date, years: number): RetentionEnd {
  if (Number.isNaN(lastChange.getTime())) return { kind: 'unknown' };
  return { kind: 'ends', at: vietnamNewYear(vietnamYear(lastChange) + 1 + years) };
}
