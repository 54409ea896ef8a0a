import { useEffect, useState } from 'react';
import type { RecordDetail, SohoaApi } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { toErrorInfo } from '../api';
import { formatBytes, formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { EraseButton } from './archive/EraseButton';
import { ExportButton } from './archive/ExportButton';
import { FieldReview } from './archive/FieldReview';
import { PageViewer } from './archive/PageViewer';
import { RecordFiles } from './archive/RecordFiles';
import { SignatureReport } from './archive/SignatureReport';
import { signatureClass, signatureLabel } from './signature';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; record: RecordDetail }
  | { kind: 'error'; error: ErrorInfo };

export function RecordView({
  api,
  id,
  initialPage = 1,
  searchWords,
}: {
  api: SohoaApi;
  id: number;
  /** The page a search hit pointed at. */
  initialPage?: number;
  /** Folded words of the search, marked on the page image. */
  searchWords?: string[];
}) {
  const { t, lang, pick } = useI18n();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    // A slow answer for a record the clerk already left must not overwrite the current one.
    let current = true;
    setState({ kind: 'loading' });
    api.getRecord({ id }).then(
      (record) => current && setState({ kind: 'ready', record }),
      (e: unknown) => current && setState({ kind: 'error', error: toErrorInfo(e) }),
    );
    return () => {
      current = false;
    };
  }, [api, id]);

  if (state.kind === 'loading') return <p className="muted">{t.viewLoading}</p>;
  if (state.kind === 'error') {
    return (
      <p role="alert" className="error">
        {pick(state.error.message)}
      </p>
    );
  }
  const d = state.record;
  return (
    <article className="dossier" aria-labelledby="dossier-heading">
      <header>
        <h2 id="dossier-heading">
          <span className="code">{d.code}</span> {d.title}
        </h2>
        <p className="signature-line">
          <span className={signatureClass(d.signature)} data-testid="signature-status">
            {signatureLabel(d.signature, t)}
          </span>
        </p>
      </header>
      <dl className="facts">
        <dt>{t.viewCreated}</dt>
        <dd>
          <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
        </dd>
        <dt>{t.viewFile}</dt>
        <dd>{d.fileName}</dd>
        <dt>{t.viewFileSize}</dt>
        <dd>{formatBytes(d.fileBytes, lang)}</dd>
        <dt>{t.viewPageCount}</dt>
        <dd>{d.pageCount}</dd>
        <dt>{t.viewSha256}</dt>
        <dd className="hash" data-testid="sha256">
          {d.sha256}
        </dd>
        {d.signature && (
          <>
            <dt>{t.viewSigner}</dt>
            <dd>{d.signature.signer}</dd>
            <dt>{t.viewSignedAt}</dt>
            <dd>
              <time dateTime={d.signature.signedAt}>{formatDateTime(d.signature.signedAt)}</time>
            </dd>
            <dt>{t.viewSubFilter}</dt>
            <dd>{d.signature.subFilter}</dd>
          </>
        )}
      </dl>
      <RecordFiles api={api} record={d} />
      <ExportButton api={api} recordId={d.id} />
      <EraseButton api={api} recordId={d.id} code={d.code} />
      <FieldReview
        api={api}
        recordId={d.id}
        onTitle={(title) => setState({ kind: 'ready', record: { ...d, title } })}
      />
      <PageViewer api={api} record={d} initialPage={initialPage} searchWords={searchWords} />
      <SignatureReport api={api} recordId={d.id} />
    </article>
  );
}
