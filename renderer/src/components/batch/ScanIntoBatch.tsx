// Scanning a stack straight into a new batch through the acquire channels (eSCL, SANE, NAPS2):
// pick the scanner, scan the feeder, then hand the staged pages to the batch queue in chunks
// (each copied to disk by the core before the next). A jam keeps the pages scanned before it:
// they are queued and the scanner's error is shown. The staged scan is discarded only after.
import { useEffect, useRef, useState } from 'react';
import type { Response } from '../../../../shared/contract';
import type { BatchSummary } from '../../../../shared/contracts/batch';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorNotice } from './ErrorNotice';

type Scanner = Response<'listScanners'>['scanners'][number];

const POLL_MS = 700;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ScanIntoBatch({
  title,
  onQueued,
}: {
  title: string;
  onQueued: (batch: BatchSummary) => void;
}) {
  const { t } = useI18n();
  const [scanners, setScanners] = useState<Scanner[] | null>(null);
  const [chosen, setChosen] = useState(0);
  const [progress, setProgress] = useState<string | null>(null);
  const [errors, setErrors] = useState<ErrorInfo[]>([]);
  const button = useRef<HTMLButtonElement>(null);

  // Alt+Q scans from anywhere on this screen (the reception's Alt+Q works only on its own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyQ') {
        e.preventDefault();
        button.current?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const scan = async () => {
    const api = getApi();
    setErrors([]);
    try {
      let list = scanners;
      if (!list) {
        setProgress(t.batch.scanLooking);
        const found = await api.listScanners({});
        list = found.scanners;
        setScanners(list);
        if (list.length === 0) setErrors(found.problems);
      }
      const scanner = list[chosen] ?? list[0];
      if (!scanner) return;
      let job = await api.startScan({
        kind: scanner.kind,
        id: scanner.id,
        name: title || undefined,
      });
      while (job.state === 'scanning') {
        setProgress(t.batch.scanRunning(scanner.name, job.pages.length));
        await wait(POLL_MS);
        job = await api.scanStatus({ jobId: job.jobId });
      }
      const problems = job.error ? [job.error] : [];
      let batch: BatchSummary | null = null;
      for (let from: number | null = 0; from !== null;) {
        const chunk: Response<'scanPages'> = await api.scanPages({ jobId: job.jobId, from });
        from = chunk.next;
        if (chunk.pages.length === 0) continue;
        setProgress(t.batch.uploading(from ?? job.pages.length, job.pages.length));
        const r = await api.batchQueueFiles({
          ...(batch ? { batchId: batch.id } : { title: title.trim() || scanner.name }),
          more: from !== null,
          files: chunk.pages.map((p) => ({ name: p.name, dataBase64: p.dataBase64 })),
        });
        batch = r.batch;
      }
      if (batch) {
        onQueued(batch);
        await api.discardScan({ jobId: job.jobId });
      }
      setErrors(problems);
    } catch (e) {
      setErrors([toErrorInfo(e)]);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="batch-scan">
      {scanners && scanners.length > 1 && (
        <label className="batch-field">
          <span>{t.batch.scanner}</span>
          <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            {scanners.map((s, i) => (
              <option key={`${s.kind}:${s.id}`} value={i}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        ref={button}
        type="button"
        className="secondary"
        disabled={progress !== null}
        title={`${t.batch.scanButton} (Alt+Q)`}
        aria-keyshortcuts="Alt+Q"
        onClick={() => void scan()}
      >
        {t.batch.scanButton}
      </button>
      {scanners && scanners.length === 0 && <span className="muted small">{t.batch.scanNone}</span>}
      <span className="status" role="status" aria-live="polite">
        {progress}
      </span>
      {errors.map((e, i) => (
        <ErrorNotice key={i} error={e} />
      ))}
    </div>
  );
}
