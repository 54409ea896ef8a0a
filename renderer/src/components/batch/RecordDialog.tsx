// The record a review item belongs to, opened on its page: what was read there and how surely.
// A modal <dialog>: focus moves into it and Escape closes it, as the browser does natively.
import { useEffect, useRef, useState } from 'react';
import type { RecordDetail } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorNotice } from './ErrorNotice';

export function RecordDialog({
  recordId,
  ordinal,
  onClose,
}: {
  recordId: number;
  ordinal: number;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [record, setRecord] = useState<RecordDetail | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
    let live = true;
    getApi()
      .getRecord({ id: recordId })
      .then((d) => live && setRecord(d))
      .catch((e: unknown) => live && setError(toErrorInfo(e)));
    return () => {
      live = false;
    };
  }, [recordId]);

  const page = record?.pages.find((p) => p.ordinal === ordinal);
  return (
    <dialog
      ref={dialog}
      className="batch-dossier"
      aria-labelledby="batch-dossier-title"
      onClose={onClose}
    >
      <h3 id="batch-dossier-title">{t.batch.dossierTitle(record?.code ?? String(recordId))}</h3>
      <ErrorNotice error={error} />
      {record && (
        <>
          <p>{record.title}</p>
          {page && (
            <>
              <h4>
                {t.batch.pageNumber(page.ordinal)} · {page.sourceName} ·{' '}
                {t.batch.reviewConfidence(Math.round(page.confidence))}
              </h4>
              <p className="muted small">{t.batch.dossierPageText}</p>
              <pre className="ocr-text">{page.text.trim() || t.batch.dossierNoText}</pre>
            </>
          )}
        </>
      )}
      <form method="dialog">
        <button type="submit" className="primary">
          {t.batch.dossierClose}
        </button>
      </form>
    </dialog>
  );
}
