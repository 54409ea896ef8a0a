// Scanning at the counter through the acquire channels (eSCL, SANE, NAPS2): pick the scanner
// (remembered for the session), scan the stack in the feeder, and hand the staged pages to the
// reception as one stack. The pages stay staged by the core until they are in the dossier.
import { useState, type RefObject } from 'react';
import type { Response } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';
import { titled } from './shortcuts';

type Scanner = Response<'listScanners'>['scanners'][number];
export interface ScannedPage {
  name: string;
  dataBase64: string;
}

const POLL_MS = 700;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ScanControl({
  disabled,
  onPages,
  onErrors,
  buttonRef,
}: {
  disabled: boolean;
  onPages: (pages: ScannedPage[]) => Promise<void>;
  onErrors: (errors: ErrorInfo[]) => void;
  buttonRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useI18n();
  const r = t.reception;
  const [scanners, setScanners] = useState<Scanner[] | null>(null);
  const [chosen, setChosen] = useState(0);
  const [progress, setProgress] = useState<string | null>(null);

  const scan = async () => {
    const api = getApi();
    try {
      let list = scanners;
      if (!list) {
        setProgress(r.scanLooking);
        const found = await api.listScanners({});
        list = found.scanners;
        setScanners(list);
        // A source that could not be listed matters only when no scanner was found at all.
        if (list.length === 0) onErrors(found.problems);
      }
      const scanner = list[chosen] ?? list[0];
      if (!scanner) {
        setProgress(null);
        return;
      }
      let job = await api.startScan({ kind: scanner.kind, id: scanner.id, name: r.title });
      while (job.state === 'scanning') {
        setProgress(r.scanRunning(scanner.name, job.pages.length));
        await wait(POLL_MS);
        job = await api.scanStatus({ jobId: job.jobId });
      }
      if (job.error) onErrors([job.error]);
      const pages: ScannedPage[] = [];
      for (let from: number | null = 0; from !== null;) {
        const chunk: Response<'scanPages'> = await api.scanPages({ jobId: job.jobId, from });
        pages.push(...chunk.pages.map((p) => ({ name: p.name, dataBase64: p.dataBase64 })));
        from = chunk.next;
      }
      setProgress(null);
      if (pages.length > 0) await onPages(pages);
      await api.discardScan({ jobId: job.jobId });
    } catch (e) {
      onErrors([toErrorInfo(e)]);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="scan-control">
      {scanners && scanners.length > 1 && (
        <>
          <label htmlFor="scanner-choice">{r.scanner}</label>
          <select
            id="scanner-choice"
            value={chosen}
            onChange={(e) => setChosen(Number(e.target.value))}
          >
            {scanners.map((s, i) => (
              <option key={`${s.kind}:${s.id}`} value={i}>
                {s.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button
        ref={buttonRef}
        type="button"
        className="secondary"
        disabled={disabled || progress !== null}
        title={titled(r.scanButton, 'scan')}
        aria-keyshortcuts="Alt+Q"
        onClick={() => void scan()}
      >
        {r.scanButton}
      </button>
      {scanners && scanners.length === 0 && <span className="muted small">{r.scanNone}</span>}
      <span className="status" role="status" aria-live="polite">
        {progress}
      </span>
    </div>
  );
}
