// The selected batch: why it failed (if it did), each bad file with its error, the files, and
// the page thumbnails. Asked again whenever the batch's progress moves.
import { useEffect, useState } from 'react';
import type { BatchFile, BatchSummary } from '../../../../shared/contracts/batch';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorNotice } from './ErrorNotice';
import { PageThumbnails } from './PageThumbnails';
import { SplitReview } from './SplitReview';

export function BatchDetail({
  batch,
  onChanged = () => undefined,
}: {
  batch: BatchSummary;
  onChanged?: () => void;
}) {
  const { t, pick } = useI18n();
  const [files, setFiles] = useState<BatchFile[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    let live = true;
    getApi()
      .batchDetail({ batchId: batch.id })
      .then((r) => {
        if (!live) return;
        setFiles(r.files);
        setError(null);
      })
      .catch((e: unknown) => live && setError(toErrorInfo(e)));
    return () => {
      live = false;
    };
  }, [batch.id, batch.state, batch.pagesDone, batch.filesFailed]);

  const withErrors = files.filter((f) => f.errors.length > 0);
  return (
    <section className="panel batch-detail" aria-labelledby="batch-detail-title">
      <h3 id="batch-detail-title">{t.batch.detailTitle(batch.title)}</h3>
      <ErrorNotice error={error} />
      {batch.error && (
        <div className="batch-error" role="alert">
          <strong>{t.batch.batchError}: </strong>
          {pick(batch.error.message)}
        </div>
      )}
      {withErrors.length > 0 && (
        <div className="file-errors batch-file-errors">
          <h4>{t.batch.errorsTitle(withErrors.length)}</h4>
          <ul>
            {withErrors.map((f) =>
              f.errors.map((e, i) => (
                <li key={`${f.id}-${i}`} data-file={f.name} data-code={e.code}>
                  <strong>{f.name}</strong>: {pick(e.message)}
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      <details className="batch-files">
        <summary>
          {t.batch.filesTitle} ({files.length})
        </summary>
        <table className="dossiers">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t.batch.fileNameCol}</th>
              <th scope="col">{t.batch.fileStateCol}</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f, i) => (
              <tr key={f.id} data-state={f.state}>
                <td className="num">{i + 1}</td>
                <th scope="row">{f.name}</th>
                <td>
                  {t.batch.fileState[f.state]}
                  {f.pages !== null && f.pages > 1 ? ` · ${t.batch.filePages(f.pages)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {/* A separated batch's pages are shown once, in the split review strip (separator sheets
          there are flagged, not "pending" pages of a dossier). */}
      {batch.separated ? (
        <SplitReview batch={batch} onChanged={onChanged} />
      ) : (
        <PageThumbnails batch={batch} />
      )}
    </section>
  );
}
