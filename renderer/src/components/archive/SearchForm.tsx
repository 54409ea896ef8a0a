// The archive's search box and filters. Searching is diacritic-insensitive in the core, so the
// clerk types without accents; the filters narrow by day, procedure, document type, issuing body,
// year of issue, upload state.
import { useEffect, useEffectEvent, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ArchiveFilters } from '../../../../shared/contracts/records';
import {
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  type DocumentType,
} from '../../../../shared/classification';
import type { SohoaApi } from '../../../../shared/contract';
import type { Messages } from '../../i18n/vi';
import type { OutboxState } from '../../../../shared/contracts/records';
import { useI18n } from '../../i18n';
import { DateField } from '../desk/DateField';
import { DocumentFilters } from './DocumentFilters';
import { UPLOAD_STATES, uploadStateLabel } from './uploadState';

export interface SearchRequest {
  query: string;
  filters: ArchiveFilters;
}

/** The filters as the form holds them ('' for any). */
interface Filters {
  from: string;
  to: string;
  procedure: string;
  docType: string;
  status: string;
  organName: string;
  year: string;
}

const ANY: Filters = {
  from: '',
  to: '',
  procedure: '',
  docType: '',
  status: '',
  organName: '',
  year: '',
};

function filtersOf(f: Filters): ArchiveFilters {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.procedure ? { procedure: f.procedure } : {}),
    ...(f.docType ? { docType: f.docType as DocumentType } : {}),
    ...(f.status ? { status: f.status as OutboxState } : {}),
    ...(f.organName ? { organName: f.organName } : {}),
    ...(f.year ? { year: Number(f.year) } : {}),
  };
}

/** The procedure catalogue for its filter; without it the other filters still work. */
function useProcedureChoices(api: SohoaApi) {
  const [procedures, setProcedures] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    api.listProcedures({}).then(
      (r) => setProcedures(r.procedures.map((p) => ({ code: p.code, name: p.name }))),
      () => setProcedures([]),
    );
  }, [api]);
  return procedures;
}

/** One filter: a label over its control (named by `htmlFor` when the control is not a child). */
function Filter({
  label,
  htmlFor,
  children,
}: {
  label: string;
  htmlFor?: string;
  children: ReactNode;
}) {
  if (htmlFor) {
    return (
      <div className="filter">
        <label htmlFor={htmlFor}>{label}</label>
        {children}
      </div>
    );
  }
  return (
    <label>
      <span>{label}</span>
      {children}
    </label>
  );
}

function FilterFields({
  filters,
  set,
  reversed,
  procedures,
  t,
  api,
}: {
  api: SohoaApi;
  filters: Filters;
  set: (patch: Partial<Filters>) => void;
  /** "From" is after "to": both dates are marked and the error says so. */
  reversed: boolean;
  procedures: { code: string; name: string }[];
  t: Messages;
}) {
  const { pick } = useI18n();
  const dateError = {
    'aria-invalid': reversed || undefined,
    describedBy: reversed ? 'filter-dates-error' : undefined,
  } as const;
  return (
    <fieldset className="filters">
      <legend>{t.filtersLegend}</legend>
      <Filter label={t.filterFrom} htmlFor="filter-from">
        <DateField
          id="filter-from"
          value={filters.from}
          onChange={(from) => set({ from })}
          {...dateError}
        />
      </Filter>
      <Filter label={t.filterTo} htmlFor="filter-to">
        <DateField
          id="filter-to"
          value={filters.to}
          onChange={(to) => set({ to })}
          {...dateError}
        />
      </Filter>
      <Filter label={t.filterProcedure}>
        <select value={filters.procedure} onChange={(e) => set({ procedure: e.target.value })}>
          <option value="">{t.filterAny}</option>
          {procedures.map((p) => (
            <option key={p.code} value={p.code}>
              {p.code} · {p.name}
            </option>
          ))}
        </select>
      </Filter>
      <Filter label={t.filterDocType}>
        <select value={filters.docType} onChange={(e) => set({ docType: e.target.value })}>
          <option value="">{t.filterAny}</option>
          {DOCUMENT_TYPES.map((d) => (
            <option key={d} value={d}>
              {pick(DOCUMENT_TYPE_LABELS[d])}
            </option>
          ))}
        </select>
      </Filter>
      <DocumentFilters api={api} organName={filters.organName} year={filters.year} set={set} />
      <Filter label={t.filterStatus}>
        <select value={filters.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t.filterAny}</option>
          {UPLOAD_STATES.map((s) => (
            <option key={s} value={s}>
              {uploadStateLabel(s, t)}
            </option>
          ))}
        </select>
      </Filter>
      {reversed && (
        <p id="filter-dates-error" role="alert" className="field-error">
          {t.filterDatesReversed}
        </p>
      )}
    </fieldset>
  );
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
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>(ANY);
  const procedures = useProcedureChoices(api);
  const reversed = filters.from !== '' && filters.to !== '' && filters.from > filters.to;
  /** After the first search, a changed filter searches again at once (one click less). */
  const searched = useRef(false);
  const run = () => {
    if (reversed) return;
    searched.current = true;
    onSearch({ query: query.trim(), filters: filtersOf(filters) });
  };
  const rerun = useEffectEvent(run);
  const { from, to, procedure, docType, status, organName, year } = filters;
  useEffect(() => {
    if (searched.current) rerun();
  }, [from, to, procedure, docType, status, organName, year]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run();
  };
  const clear = () => {
    searched.current = false;
    setQuery('');
    setFilters(ANY);
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
      <FilterFields
        api={api}
        filters={filters}
        set={(patch) => setFilters((f) => ({ ...f, ...patch }))}
        reversed={reversed}
        procedures={procedures}
        t={t}
      />
    </form>
  );
}
