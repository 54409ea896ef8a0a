// Finding the procedure: by name with or without diacritics, or by code; the desk's recent
// procedures first. Enter in the search box takes the first result; ↓ walks the results.
import { useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Procedure } from '../../../../shared/procedures';
import { useI18n } from '../../i18n';
import { rankProcedures } from './procedureSearch';
import { titled } from './shortcuts';

export function ProcedurePicker({
  procedures,
  recent,
  selected,
  onSelect,
  searchRef,
}: {
  procedures: Procedure[] | null;
  recent: string[];
  selected: Procedure | null;
  onSelect: (p: Procedure | null) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  const r = t.reception;
  const [query, setQuery] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const results = useMemo(
    () => (procedures ? rankProcedures(procedures, query, recent).slice(0, 8) : []),
    [procedures, query, recent],
  );

  const focusResult = (i: number) =>
    list.current?.querySelectorAll<HTMLButtonElement>('button')[i]?.focus();
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && results[0]) {
      e.preventDefault();
      onSelect(results[0].procedure);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusResult(0);
    }
  };
  const onResultKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusResult(Math.min(results.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i === 0) searchRef.current?.focus();
      else focusResult(i - 1);
    }
  };

  if (selected) {
    return (
      <section className="reception-panel procedure" aria-labelledby="procedure-title">
        <h3 id="procedure-title">{r.procedureTitle}</h3>
        <p className="procedure-chosen" data-code={selected.code}>
          <span className="muted">{r.procedureSelected}: </span>
          <strong>{selected.name}</strong> <span className="code">{selected.code}</span>
          <span className="muted"> · {r.processingDays(selected.processingDays)}</span>
        </p>
        <button
          type="button"
          className="secondary small"
          title={titled(r.procedureChange, 'procedure')}
          aria-keyshortcuts="Alt+P"
          onClick={() => {
            onSelect(null);
            setTimeout(() => searchRef.current?.focus(), 0);
          }}
        >
          {r.procedureChange}
        </button>
      </section>
    );
  }
  return (
    <section className="reception-panel procedure" aria-labelledby="procedure-title">
      <h3 id="procedure-title">{r.procedureTitle}</h3>
      <label htmlFor="procedure-search">{r.procedureSearch}</label>
      <input
        id="procedure-search"
        ref={searchRef}
        type="search"
        autoComplete="off"
        value={query}
        title={titled(r.procedureSearch, 'procedure')}
        aria-keyshortcuts="Alt+P"
        aria-describedby="procedure-hint"
        aria-controls="procedure-results"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onSearchKey}
      />
      <p id="procedure-hint" className="muted small">
        {r.procedureSearchHint}
      </p>
      {!procedures && <p className="muted">{r.procedureLoading}</p>}
      {procedures && results.length === 0 && <p className="muted">{r.procedureNone}</p>}
      <ul id="procedure-results" ref={list} className="procedure-results">
        {results.map((hit, i) => (
          <li key={hit.procedure.code}>
            <button
              type="button"
              className="procedure-option"
              data-code={hit.procedure.code}
              onClick={() => onSelect(hit.procedure)}
              onKeyDown={(e) => onResultKey(e, i)}
            >
              <span className="procedure-name">{hit.procedure.name}</span>
              <span className="code">{hit.procedure.code}</span>
              {hit.recent && <span className="badge">{r.procedureRecent}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
