// The holiday calendar of one year: the Tết span and the extra days off and swapped working days
// (with their reasons), edited here and saved as this machine's calendar for that year.
import { useEffect, useState } from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import type { HolidayYearView } from '../../../../shared/contracts/records';
import type { ErrorInfo } from '../../../../shared/errors';
import { HolidayYear, noticeLabel, type DayNote } from '../../../../shared/workingDays';
import { toErrorInfo } from '../../api';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { HolidayNoticeFile } from './HolidayNoticeFile';
import { DateField } from '../desk/DateField';

type Kind = 'daysOff' | 'workingDays';

/** One year's calendar as loaded, edited and saved (`notice` says it was saved). */
function useHolidayYear(api: SohoaApi, year: number) {
  const s = useI18n().t.settings;
  const [view, setView] = useState<HolidayYearView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setNotice(null);
    api.holidaysGet({ year }).then(
      (v) => current && (setView(v), setError(null)),
      (e: unknown) => current && setError(toErrorInfo(e)),
    );
    return () => {
      current = false;
    };
  }, [api, year]);

  const withDays = (v: HolidayYearView, kind: Kind, list: DayNote[]) =>
    setView({ ...v, data: { ...v.data, [kind]: list } });
  /** Adds a day (or replaces that date's reason), keeping the list in date order. */
  const add = (kind: Kind, note: DayNote) =>
    view &&
    withDays(
      view,
      kind,
      [...view.data[kind].filter((d) => d.date !== note.date), note].sort((a, b) =>
        a.date.localeCompare(b.date),
      ),
    );
  const remove = (kind: Kind, date: string) =>
    view &&
    withDays(
      view,
      kind,
      view.data[kind].filter((x) => x.date !== date),
    );
  const save = async () => {
    if (!view) return;
    try {
      const saved = await api.holidaysSave({ data: HolidayYear.parse(view.data) });
      setView(saved);
      setNotice(s.holidaysSaved(saved.year));
      setError(null);
    } catch (e) {
      setError(toErrorInfo(e));
    }
  };
  /** A year saved elsewhere (a notice loaded from a file) shown as this one. */
  const loaded = (v: HolidayYearView) => (
    setView(v),
    setNotice(s.holidaysSaved(v.year)),
    setError(null)
  );
  return { view, error, notice, add, remove, save, loaded };
}

function DayList({
  title,
  days,
  onRemove,
}: {
  title: string;
  days: DayNote[];
  onRemove: (date: string) => void;
}) {
  const s = useI18n().t.settings;
  return (
    <div>
      <h3 className="settings-subhead">{title}</h3>
      {days.length === 0 ? (
        <p className="muted">{s.none}</p>
      ) : (
        <ul>
          {days.map((d) => (
            <li key={d.date}>
              <time dateTime={d.date}>{formatDate(d.date)}</time> · {d.reason}{' '}
              <button type="button" className="secondary small" onClick={() => onRemove(d.date)}>
                {s.removeDay(formatDate(d.date))}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A new day off or working day of `year`, with its reason; both are needed. */
function NewDay({
  year,
  onAdd,
  onSave,
}: {
  year: number;
  onAdd: (kind: Kind, note: DayNote) => void;
  onSave: () => void;
}) {
  const s = useI18n().t.settings;
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [incomplete, setIncomplete] = useState(false);
  const add = (kind: Kind) => {
    if (!date.startsWith(`${year}-`) || !reason.trim()) {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    onAdd(kind, { date, reason: reason.trim() });
    setDate('');
    setReason('');
  };
  const invalid = {
    'aria-invalid': incomplete || undefined,
    'aria-describedby': incomplete ? 'holiday-incomplete' : undefined,
  } as const;
  return (
    <>
      <div className="rec-grid">
        <div className="rec-field">
          <label htmlFor="holiday-date">{s.holidayDate}</label>
          <DateField id="holiday-date" value={date} onChange={setDate} {...invalid} />
        </div>
        <div className="rec-field">
          <label htmlFor="holiday-reason">{s.holidayReason}</label>
          <input
            id="holiday-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...invalid}
          />
        </div>
      </div>
      {incomplete && (
        <p id="holiday-incomplete" className="field-error" role="alert">
          {s.holidayIncomplete}
        </p>
      )}
      <div className="rec-choices">
        <button type="button" className="secondary small" onClick={() => add('daysOff')}>
          {s.addDayOff}
        </button>
        <button type="button" className="secondary small" onClick={() => add('workingDays')}>
          {s.addWorkingDay}
        </button>
        <button type="button" className="secondary small" onClick={onSave}>
          {s.saveHolidays}
        </button>
      </div>
    </>
  );
}

/** A year without any calendar counts only the statutory holidays: an estimate too. */
const yearStatus = (v: HolidayYearView) => (v.origin === 'none' ? 'estimated' : v.data.status);

export function HolidaysEditor({ api }: { api: SohoaApi }) {
  const { t, pick } = useI18n();
  const s = t.settings;
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const { view, error, notice, add, remove, save, loaded } = useHolidayYear(api, year);

  return (
    <fieldset>
      <legend>{s.holidays}</legend>
      <p className="rec-hint">{s.holidaysHint}</p>
      <div className="rec-field">
        <label htmlFor="holiday-year">{s.holidayYear}</label>
        <select id="holiday-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {view && (
        <>
          <p className="muted">{s.holidayOrigin[view.origin]}</p>
          <p className="year-status" data-year-status={yearStatus(view)}>
            {yearStatus(view) === 'estimated'
              ? s.yearEstimated(view.year)
              : s.yearOfficial(view.year, noticeLabel(view.data))}
          </p>
          {view.data.tet && (
            <p>{s.tet(formatDate(view.data.tet.from), formatDate(view.data.tet.to))}</p>
          )}
          <DayList
            title={s.daysOff}
            days={view.data.daysOff}
            onRemove={(d) => remove('daysOff', d)}
          />
          <DayList
            title={s.workingDays}
            days={view.data.workingDays}
            onRemove={(d) => remove('workingDays', d)}
          />
          <NewDay year={year} onAdd={add} onSave={() => void save()} />
        </>
      )}
      <HolidayNoticeFile
        api={api}
        onSaved={(v) => {
          setYear(v.year);
          loaded(v);
        }}
      />
      <div role="status" aria-live="polite">
        {notice && <p className="ok">{notice}</p>}
      </div>
      {error && (
        <p role="alert" className="error">
          {pick(error.message)}
        </p>
      )}
    </fieldset>
  );
}
