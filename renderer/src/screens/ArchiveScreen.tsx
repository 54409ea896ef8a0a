import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RecordSummary, InputFile } from '../../../shared/contract';
import type { ArchiveHit } from '../../../shared/contracts/records';
import { errorInfo, type ErrorInfo } from '../../../shared/errors';
import { foldVietnamese } from '../../../shared/text';
import { getApi, toErrorInfo } from '../api';
import { SearchForm, type SearchRequest } from '../components/archive/SearchForm';
import { SearchResults } from '../components/archive/SearchResults';
import { DigitizeButton } from '../components/DigitizeButton';
import { RecordList } from '../components/RecordList';
import { RecordView } from '../components/RecordView';
import { readAsBase64 } from '../format';
import { useI18n } from '../i18n';
import '../styles/records.css';

/** The contract caps one file at 200 MB of base64, i.e. 150 MB of image. */
const MAX_FILE_BYTES = 150 * 1024 * 1024;

type Busy = { files: number; startedAt: number } | null;

/**
 * Kho lưu trữ: digitize files, search the archive (unaccented, with filters), and one dossier's
 * detail with its page viewer, signature report and package export. Without a search the list
 * shows the newest records with their signature state.
 */
export function ArchiveScreen() {
  const api = useMemo(getApi, []);
  const { t, pick } = useI18n();
  const [records, setRecords] = useState<RecordSummary[] | null>(null);
  const [listError, setListError] = useState<ErrorInfo | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [selectedPage, setSelectedPage] = useState(1);
  const [search, setSearch] = useState<SearchRequest | null>(null);
  const [hits, setHits] = useState<ArchiveHit[] | null>(null);
  const [searchError, setSearchError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [elapsed, setElapsed] = useState(0);
  const [doneCode, setDoneCode] = useState<string | null>(null);
  const [noRecord, setNoRecord] = useState(false);
  const [fileErrors, setFileErrors] = useState<ErrorInfo[]>([]);

  const refresh = useCallback(async () => {
    try {
      const { records } = await api.listRecords({ limit: 200 });
      setRecords(records);
      setListError(null);
    } catch (e) {
      setListError(toErrorInfo(e));
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const runSearch = useCallback(
    async (request: SearchRequest) => {
      setSearch(request);
      setSearchError(null);
      try {
        const { hits } = await api.archiveSearch({ ...request, limit: 100 });
        setHits(hits);
      } catch (e) {
        setHits(null);
        setSearchError(toErrorInfo(e));
      }
    },
    [api],
  );
  const clearSearch = () => {
    setSearch(null);
    setHits(null);
    setSearchError(null);
  };
  const searchWords = useMemo(
    () => (search ? (foldVietnamese(search.query).match(/[\p{L}\p{N}]+/gu) ?? []) : []),
    [search],
  );
  const open = (id: number, page: number | null = null) => {
    setSelectedId(id);
    setSelectedPage(page ?? 1);
  };

  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(
      () => setElapsed(Math.round((Date.now() - busy.startedAt) / 1000)),
      1000,
    );
    return () => clearInterval(timer);
  }, [busy]);

  const digitize = async (picked: File[]) => {
    setDoneCode(null);
    setNoRecord(false);
    setElapsed(0);
    setBusy({ files: picked.length, startedAt: Date.now() });
    // Files we can refuse here are reported like the core's per-file errors; the rest go on.
    const local: ErrorInfo[] = [];
    const files: InputFile[] = [];
    try {
      for (const file of picked) {
        if (file.size === 0) local.push(errorInfo('FILE_EMPTY', file.name));
        else if (file.size > MAX_FILE_BYTES) local.push(errorInfo('IMAGE_TOO_LARGE', file.name));
        else files.push({ name: file.name, dataBase64: await readAsBase64(file) });
      }
      if (files.length === 0) {
        setFileErrors(local);
        setNoRecord(true);
        return;
      }
      const result = await api.digitize({ files });
      setFileErrors([...local, ...result.fileErrors]);
      if (result.record) {
        setDoneCode(result.record.code);
        open(result.record.id);
      } else {
        setNoRecord(true);
      }
      await refresh();
      if (search) await runSearch(search);
    } catch (e) {
      setFileErrors([...local, toErrorInfo(e)]);
    } finally {
      setBusy(null);
    }
  };

  const dismiss = () => {
    setDoneCode(null);
    setNoRecord(false);
    setFileErrors([]);
  };
  const hasNotice = doneCode !== null || noRecord || fileErrors.length > 0;

  return (
    <div className="screen">
      <div className="screen-actions">
        <DigitizeButton busy={busy !== null} onFiles={(files) => void digitize(files)} />
      </div>

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
          <button type="button" className="secondary small" onClick={dismiss}>
            {t.dismiss}
          </button>
        )}
      </div>

      <div className="layout">
        <section className="panel" aria-labelledby="list-title">
          <SearchForm api={api} onSearch={(r) => void runSearch(r)} onClear={clearSearch} />
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
              searchWords={searchWords}
            />
          )}
        </section>
      </div>
    </div>
  );
}
