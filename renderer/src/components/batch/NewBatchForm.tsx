// A new batch from picked or dropped files (sent to the core in chunks, each copied to disk there
// before the next is sent) or from a folder of this machine, chosen in the computer's own dialog
// (the page holds only the grant that stands for it).
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { BATCH_UPLOAD_CHUNK, type BatchSummary } from '../../../../shared/contracts/batch';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { readAsBase64 } from '../../format';
import { useAltKey } from '../../hooks/useAltKey';
import { useI18n } from '../../i18n';
import { FileInput, SCAN_FILE_TYPES } from '../FileInput';
import { PathChoice } from '../host/PathChoice';
import { ErrorNotice } from './ErrorNotice';
import { ScanIntoBatch } from './ScanIntoBatch';

/** Keeps one request well under the web host's body limit even with large colour scans. */
const CHUNK_BYTES = 40 * 1024 * 1024;

function chunks(files: File[]): File[][] {
  const out: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const f of files) {
    if (
      current.length > 0 &&
      (current.length >= BATCH_UPLOAD_CHUNK || bytes + f.size > CHUNK_BYTES)
    ) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Sends files to the core as one new batch, chunk by chunk, with the progress so far. */
async function uploadBatch(
  files: File[],
  title: string,
  onProgress: (done: number) => void,
): Promise<BatchSummary | null> {
  let batch: BatchSummary | null = null;
  const parts = chunks(files);
  let done = 0;
  for (const [i, part] of parts.entries()) {
    const payload = await Promise.all(
      part.map(async (f) => ({ name: f.name, dataBase64: await readAsBase64(f) })),
    );
    const r = await getApi().batchQueueFiles({
      ...(batch ? { batchId: batch.id } : { title: title || undefined }),
      more: i < parts.length - 1,
      files: payload,
    });
    batch = r.batch;
    done += part.length;
    onProgress(done);
  }
  return batch;
}

/** The drop zone and the file button (Alt+O from anywhere on this screen). */
function FileDrop({ busy, onFiles }: { busy: boolean; onFiles: (files: File[]) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  useAltKey('KeyO', () => input.current?.click());
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    onFiles(Array.from(e.dataTransfer.files));
  };
  return (
    <div
      className={dragging ? 'batch-drop dragging' : 'batch-drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="batch-drop"
    >
      <p>{t.batch.dropZone}</p>
      <button
        type="button"
        className="primary"
        disabled={busy}
        title={`${t.batch.addFiles} (Alt+O)`}
        aria-keyshortcuts="Alt+O"
        onClick={() => input.current?.click()}
      >
        {t.batch.addFiles}
      </button>
      <FileInput
        inputRef={input}
        label={t.batch.addFilesInput}
        accept={SCAN_FILE_TYPES}
        disabled={busy}
        onFiles={onFiles}
      />
    </div>
  );
}

/** A folder of this machine, chosen in the host's dialog, queued as one batch. */
function FolderBatch({
  busy,
  onQueue,
}: {
  busy: boolean;
  /** Resolves whether the folder was queued (then the choice is cleared). */
  onQueue: (grant: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  /** The folder chosen in the host's dialog: its grant and the path to show. */
  const [folder, setFolder] = useState<{ grant: string; label: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!folder || busy) return;
    if (await onQueue(folder.grant)) setFolder(null);
  };
  return (
    <form className="batch-folder" onSubmit={(e) => void submit(e)}>
      <div className="batch-field">
        <label htmlFor="batch-folder-path">{t.host.batchFolder}</label>
        <PathChoice
          purpose="batchFolder"
          fieldLabel={t.host.batchFolder}
          shown={folder?.label ?? ''}
          display={{ id: 'batch-folder-path' }}
          disabled={busy}
          onChosen={(grant, label) => setFolder({ grant, label })}
        />
      </div>
      <button type="submit" className="secondary" disabled={busy || !folder}>
        {t.host.batchFolderQueue}
      </button>
    </form>
  );
}

export function NewBatchForm({ onQueued }: { onQueued: (batch: BatchSummary) => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const busy = progress !== null;

  const queued = (batch: BatchSummary) => {
    setMessage(t.batch.queued(batch.title, batch.files));
    setTitle('');
    onQueued(batch);
  };
  const queueFiles = async (files: File[]) => {
    if (files.length === 0 || busy) return;
    setError(null);
    setMessage('');
    setProgress({ done: 0, total: files.length });
    try {
      const batch = await uploadBatch(files, title.trim(), (done) =>
        setProgress({ done, total: files.length }),
      );
      if (batch) queued(batch);
    } catch (e) {
      setError(toErrorInfo(e));
    } finally {
      setProgress(null);
    }
  };
  const queueFolder = async (grant: string) => {
    setError(null);
    setMessage('');
    try {
      const r = await getApi().batchQueueFolder({
        grant,
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      queued(r.batch);
      return true;
    } catch (e) {
      setError(toErrorInfo(e));
      return false;
    }
  };

  return (
    <section className="panel batch-new" aria-labelledby="batch-new-title">
      <h3 id="batch-new-title">{t.batch.newTitle}</h3>
      <label className="batch-field">
        <span>{t.batch.batchName}</span>
        <input
          type="text"
          value={title}
          maxLength={200}
          placeholder={t.batch.batchNamePlaceholder}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <FileDrop busy={busy} onFiles={(files) => void queueFiles(files)} />
      <ScanIntoBatch title={title.trim()} onQueued={queued} />
      <FolderBatch busy={busy} onQueue={queueFolder} />
      <div className="notices" aria-live="polite">
        {progress && (
          <p className="busy">
            <progress
              max={progress.total}
              value={progress.done}
              aria-label={t.batch.uploading(progress.done, progress.total)}
            />
            {t.batch.uploading(progress.done, progress.total)}
          </p>
        )}
        {message && <p className="ok">{message}</p>}
      </div>
      <ErrorNotice error={error} />
      <p className="muted small">{t.batch.sourcesHook}</p>
    </section>
  );
}
