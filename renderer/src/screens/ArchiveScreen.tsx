// Kho lưu trữ: digitize files, search the archive (unaccented, with filters), and one record's
// detail with its page viewer, signature report and package export. Without a search the list
// shows the newest records with their signature state.
import { useMemo, useState } from 'react';
import { SearchForm } from '../components/archive/SearchForm';
import { SearchResults } from '../components/archive/SearchResults';
import { useArchiveSearch, useRecordList } from '../components/archive/useArchiveSearch';
import { useDigitize, type Digitizing } from '../components/archive/useDigitize';
import { DigitizeButton } from '../components/DigitizeButton';
import { RecordList } from '../components/RecordList';
import { RecordView } from '../components/RecordView';
import { getApi } from '../api';
import { useI18n } from '../i18n';
import '../styles/records.css';

/** What digitizing is doing or did: busy with the seconds, the new record, the files refused. */
function DigitizeNotices({ d }: { d: Digitizing }) {
  const { t, pick } = useI18n();
  const { busy, elapsed, doneCode, noRecord, fileErrors } = d;
  const hasNotice = doneCode !== null || noRecord || fileErrors.length > 0;
  return (
    <div className="notices">
      <div role="status" aria-live="polite" className="status">
        {busy && (
          <div className="busy">
            <progress aria-label={t.digitizeBusy(busy.files, elapsed)} />
            <span>{t.digitizeBusy(busy.files, elapsed)}</span>
          </div>
        )}
        {!busy && doneCode && <p className="ok">{t.digitizeDone(doneCode)}</p>}
        {!busy && noRecord && <p className="error">{t.digitizeNoDossier}</p>}
      </div>
      {fileErrors.length > 0 && (
        <div role="alert" className="file-errors">
          <h2>{t.fileErrorsTitle}</h2>
          <ul>
            {fileErrors.map((e, i) => (
              <li key={`${e.code}-${e.subject ?? ''}-${i}`} data-error-code={e.code}>
                {pick(e.message)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {hasNotice && !busy && (
        <button type="button" className="secondary small" onClick={d.dismiss}>
          {t.dismiss}
        </button>
      )}
    </div>
  );
}

export function ArchiveScreen() {
  const api = useMemo(getApi, []);
  const { t, pick } = useI18n();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [selectedPage, setSelectedPage] = useState(1);
  const { records, listError, refresh } = useRecordList(api);
  const found = useArchiveSearch(api);
  const { search, hits, searchError } = found;
  const open = (id: number, page: number | null = null) => {
    setSelectedId(id);
    setSelectedPage(page ?? 1);
  };
  const digitizing = useDigitize(api, open, async () => {
    await refresh();
    if (search) await found.runSearch(search);
  });

  return (
    <div className="screen">
      <div className="screen-actions">
        <DigitizeButton
          busy={digitizing.busy !== null}
          onFiles={(files) => void digitizing.digitize(files)}
        />
      </div>
      <DigitizeNotices d={digitizing} />
      <div className="layout">
        <section className="panel" aria-labelledby="list-title">
          <SearchForm
            api={api}
            onSearch={(r) => void found.runSearch(r)}
            onClear={found.clearSearch}
          />
          {search ? (
            <>
              <div className="panel-head">
                <h2 id="list-title">{t.resultsTitle}</h2>
                <p role="status" className="muted small">
                  {hits ? t.resultsCount(hits.length) : ''}
                </p>
              </div>
              {searchError && (
                <p role="alert" className="error">
                  {pick(searchError.message)}
                </p>
              )}
              {hits && <SearchResults hits={hits} selectedId={selectedId} onOpen={open} />}
            </>
          ) : (
            <>
              <div className="panel-head">
                <h2 id="list-title">{t.listTitle}</h2>
                <button type="button" className="secondary small" onClick={() => void refresh()}>
                  {t.listRefresh}
                </button>
              </div>
              {listError && (
                <p role="alert" className="error">
                  {pick(listError.message)}
                </p>
              )}
              {records === null && !listError && <p className="muted">{t.listLoading}</p>}
              {records && (
                <RecordList records={records} selectedId={selectedId} onOpen={(id) => open(id)} />
              )}
            </>
          )}
        </section>
        <section className="panel" aria-label={t.viewPages}>
          {selectedId === null ? (
            <p className="muted">{t.viewEmpty}</p>
          ) : (
            <RecordView
              key={selectedId}
              api={api}
              id={selectedId}
              initialPage={selectedPage}
              searchWords={found.searchWords}
            />
          )}
        </section>
      </div>
    </div>
  );
}
