// Loading a year's official holiday notice from a file IT gives (CSV or JSON): every row is
// checked here with the rules the core uses, the problems listed with their row in the chosen
// language, and only a file without any is saved as that year's calendar.
import { useState } from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import type { HolidayYearView } from '../../../../shared/contracts/records';
import { noticeProblemText, parseHolidayNotice } from '../../../../shared/workingDays';
import { toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';

export function HolidayNoticeFile({
  api,
  onSaved,
}: {
  api: SohoaApi;
  onSaved: (view: HolidayYearView) => void;
}) {
  const { t, pick } = useI18n();
  const s = t.settings;
  const [problems, setProblems] = useState<{ vi: string; en: string }[]>([]);
  const load = async (file: File) => {
    const parsed = parseHolidayNotice(file.name, await file.text());
    if (!parsed.ok) {
      setProblems(parsed.problems.map(noticeProblemText));
      return;
    }
    try {
      setProblems([]);
      onSaved(await api.holidaysSave({ data: parsed.year }));
    } catch (e) {
      setProblems([toErrorInfo(e).message]);
    }
  };
  return (
    <div className="rec-field holiday-notice-file">
      <label htmlFor="holiday-notice-file">{s.noticeFile}</label>
      <input
        id="holiday-notice-file"
        type="file"
        accept=".csv,.json,text/csv,application/json"
        aria-describedby="holiday-notice-hint"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void load(file);
        }}
      />
      <p id="holiday-notice-hint" className="rec-hint">
        {s.noticeFileHint}
      </p>
      {problems.length > 0 && (
        <div role="alert" className="error">
          <p>{s.noticeFileRefused}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{pick(p)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
