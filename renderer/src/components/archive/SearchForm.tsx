// The archive's search box and filters. Searching is diacritic-insensitive in the core, so the
// clerk types without accents; the filters narrow by day, procedure, document type, upload state.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ArchiveFilters } from '../../../../shared/contracts/records';
import {
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  type DocumentType,
} from '../../../../shared/classification';
import type { SohoaApi } from '../../../../shared/contract';
import type { OutboxState } from '../../../../shared/contracts/records';
import { useI18n } from '../../i18n';
import { UPLOAD_STATES, uploadStateLabel } from './uploadState';

export interface SearchRequest {
  query: string;
  filters: ArchiveFilters;
}

export function SearchForm({
  api,
  onSearch,
  onClear,
}: {
  api: SohoaApi;
  onSearch: (request: SearchRequest) => void;
  onClear: () => void;
}) {
  const { t, pick } = useI18n();
  const [query, setQuery] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [procedure, setProcedure] = useState('');
  const [docType, setDocType] = useState('');
  const [status, setStatus] = useState('');
  const [procedures, setProcedures] = useState<{ code: string; name: string }[]>([]);

  useEffect(() => {
    // The catalog only fills the procedure filter; without it the other filters still work.
    api.listProcedures({}).then(
      (r) => setProcedures(r.procedures.map((p) => ({ code: p.code, name: p.name }))),
      () => setProcedures([]),
    );
  }, [api]);

  const reversed = from !== '' && to !== '' && from > to;
  /** After the first search, a changed filter searches again at once (one click less). */
  const searched = useRef(false);
  const run = () => {
    if (reversed) return;
    searched.current = true;
    onSearch({
      query: query.trim(),
      filters: {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(procedure ? { procedure } : {}),
        ...(docType ? { docType: docType as DocumentType } : {}),
        ...(status ? { status: status as OutboxState } : {}),
      },
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run();
  };
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    if (searched.current) latest.current();
  }, [from, to, procedure, docType, status]);
  const clear = () => {
    searched.current = false;
    setQuery('');
    setFrom('');
    setTo('');
    setProcedure('');
    setDocType('');
    setStatus('');
    onClear();
  };

  return (
    <form role="search" className="archive-search" onSubmit={submit}>
      <div className="search-row">
        <label htmlFor="archive-query">{t.searchLabel}</label>
        <input
          id="archive-query"
          type="search"
          value={query}
          placeholder={t.searchPlaceholder}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="primary">
          {t.searchButton}
        </button>
        <button type="button" className="secondary" onClick={clear}>
          {t.searchClear}
        </button>
      </div>
      <fieldset className="filters">
        <legend>{t.filtersLegend}</legend>
        <label>
          <span>{t.filterFrom}</span>
          <input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-invalid={reversed || undefined}
            aria-describedby={reversed ? 'filter-dates-error' : undefined}
          />
        </label>
        <label>
          <span>{t.filterTo}</span>
          <input
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-invalid={reversed || undefined}
            aria-describedby={reversed ? 'filter-dates-error' : undefined}
          />
        </label>
        <label>
          <span>{t.filterProcedure}</span>
          <select value={procedure} onChange={(e) => setProcedure(e.target.value)}>
            <option value="">{t.filterAny}</option>
            {procedures.map((p) => (
              <option key={p.code} value={p.code}>
                {p.code} · {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t.filterDocType}</span>
          <select value={docType} onChange={(e) => setDocType(e.target.value)}>
            <option value="">{t.filterAny}</option>
            {DOCUMENT_TYPES.map((d) => (
              <option key={d} value={d}>
                {pick(DOCUMENT_TYPE_LABELS[d])}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t.filterStatus}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t.filterAny}</option>
            {UPLOAD_STATES.map((s) => (
              <option key={s} value={s}>
                {uploadStateLabel(s, t)}
              </option>
            ))}
          </select>
        </label>
        {reversed && (
          <p id="filter-dates-error" role="alert" className="field-error">
            {t.filterDatesReversed}
          </p>
        )}
      </fieldset>
    </form>
  );
}
