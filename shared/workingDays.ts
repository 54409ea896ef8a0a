// Working days of Vietnamese state agencies, and the appointment date of a dossier. The
// statutory holidays are data (resources/holidays/statutory.json: Bộ luật Lao động 2019,
// Art. 112, each with its basis and the year it took effect); each year's notice (the Tết span,
// the day next to 2/9, compensatory days off and swapped working Saturdays) is data too
// (resources/holidays/<year>.json). A year without a notice is estimated from the statutory list,
// and every answer says whether it rests on an official notice or on an estimate. One module per
// concern under workingDays/; this file is what callers import.
export {
  IsoDate,
  dayToIso,
  isoToDay,
  isoToDmy,
  solarToIso,
  weekdayOf,
  type Day,
} from './workingDays/days';
export {
  Confidence,
  DayNote,
  HolidayNotice,
  HolidayYear,
  YearStatus,
  noticeLabel,
  type HolidayYearInput,
} from './workingDays/holidayYear';
export {
  HolidayRule,
  StatutoryHolidays,
  defaultDecisions,
  rulesInForce,
  type StatutoryHolidaysInput,
} from './workingDays/statutory';
export {
  WorkingCalendar,
  estimateHolidayYear,
  type DayInfo,
  type YearBasis,
} from './workingDays/calendar';
export { CutOff, DEFAULT_CUT_OFF, dueDate, type DueDate } from './workingDays/dueDate';
export {
  NOTICE_CSV_COLUMNS,
  noticeProblemText,
  parseHolidayNotice,
  type NoticeParse,
  type NoticeProblem,
} from './workingDays/noticeImport';
