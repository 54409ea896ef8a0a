// A record's files by role: the original as received (kept byte for byte, with who signed it as
// verified on arrival and the plain summary of its signature now), the desk's companion with its
// text layer and signature, or the desk's signed copy. Each can be opened (downloaded as stored)
// and its signature verified again with the desk's trust list.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordDetail, Response, SohoaApi } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import { toErrorInfo } from '../../api';
import { formatBytes } from '../../format';
import { useI18n } from '../../i18n';
import { SignatureSummary } from './SignatureSummary';
import '../../styles/recordFiles.css';

type FileRow = NonNullable<RecordDetail['files']>[number];
type Report = Response<'signatureReport'>['report'];
type Check =
  { kind: 'busy' } | { kind: 'ready'; report: Report } | { kind: 'error'; error: ErrorInfo };

/** The received original first: it is what the record is; then what the desk made. */
const ORDER: Record<FileRow['role'], number> = { received: 0, record: 1, companion: 2 };

export function RecordFiles({ api, record }: { api: SohoaApi; record: RecordDetail }) {
  const { t } = useI18n();
  const files = [...(record.files ?? [])].sort((a, b) => ORDER[a.role] - ORDER[b.role]);
  if (files.length === 0) return null;
  return (
    <section className="record-files" aria-labelledby="record-files-title">
      <h3 id="record-files-title">{t.recordFiles.title}</h3>
      <ul>
        {files.map((f) => (
          <FileItem key={f.role + f.sha256} api={api} recordId={record.id} file={f} />
        ))}
      </ul>
    </section>
  );
}

function useSignatureCheck(api: SohoaApi, recordId: number, role: FileRow['role']) {
  const [check, setCheck] = useState<Check | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const run = useCallback(() => {
    setCheck({ kind: 'busy' });
    api.signatureReport({ recordId, role }).then(
      (r) => alive.current && setCheck({ kind: 'ready', report: r.report }),
      (e: unknown) => alive.current && setCheck({ kind: 'error', error: toErrorInfo(e) }),
    );
  }, [api, recordId, role]);
  return { check, run, hide: () => setCheck(null) };
}

function useOpenFile(api: SohoaApi, recordId: number, role: FileRow['role']) {
  const [state, setState] = useState<
    | { kind: 'busy' }
    | { kind: 'ready'; url: string; name: string }
    | { kind: 'error'; error: ErrorInfo }
    | null
  >(null);
  const link = useRef<HTMLAnchorElement>(null);
  const url = state?.kind === 'ready' ? state.url : null;
  useEffect(() => {
    if (!url) return;
    link.current?.click();
    return () => URL.revokeObjectURL(url);
  }, [url]);
  const open = async () => {
    setState({ kind: 'busy' });
    try {
      const r = await api.recordFile({ recordId, role });
      const bytes = Uint8Array.from(atob(r.pdfBase64), (c) => c.charCodeAt(0));
      const blob = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      setState({ kind: 'ready', url: blob, name: r.fileName });
    } catch (e) {
      setState({ kind: 'error', error: toErrorInfo(e) });
    }
  };
  return { state, link, open };
}

function FileItem({ api, recordId, file }: { api: SohoaApi; recordId: number; file: FileRow }) {
  const { t, lang, pick } = useI18n();
  const m = t.recordFiles;
  const role = m.role[file.role];
  const { check, run, hide } = useSignatureCheck(api, recordId, file.role);
  const opened = useOpenFile(api, recordId, file.role);
  // The original's signature is what the record rests on: its summary is shown at once.
  useEffect(() => {
    if (file.role === 'received') run();
  }, [file.role, run]);
  const signers = file.receivedSigners;
  return (
    <li className="record-file" data-role={file.role} data-testid={`file-${file.role}`}>
      <div className="record-file-head">
        <strong>{role}</strong>
        <span className="muted small">
          {file.name} · {m.size} {formatBytes(file.bytes, lang)}
        </span>
      </div>
      <p className="muted small">{m.roleHelp[file.role]}</p>
      {signers && (
        <p className="small" data-testid="signed-on-arrival">
          {signers.length > 0 ? m.signedOnArrival(signers.join(', ')) : m.noSignerOnArrival}
        </p>
      )}
      <div className="record-file-actions">
        <button
          type="button"
          className="secondary small"
          aria-label={m.openLabel(role)}
          disabled={opened.state?.kind === 'busy'}
          onClick={() => void opened.open()}
        >
          {m.open}
        </button>
        <button
          type="button"
          className="secondary small"
          aria-label={check?.kind === 'ready' ? m.hideLabel(role) : m.verifyLabel(role)}
          disabled={check?.kind === 'busy'}
          onClick={check?.kind === 'ready' ? hide : run}
        >
          {check?.kind === 'ready' ? m.hide : m.verify}
        </button>
        <span role="status" className="muted small">
          {opened.state?.kind === 'busy' && m.opening}
          {opened.state?.kind === 'ready' && m.openReady(opened.state.name)}
          {check?.kind === 'busy' && m.verifying}
        </span>
        {opened.state?.kind === 'ready' && (
          <a ref={opened.link} href={opened.state.url} download={opened.state.name} hidden>
            {opened.state.name}
          </a>
        )}
      </div>
      {opened.state?.kind === 'error' && (
        <p role="alert" className="error">
          {pick(opened.state.error.message)}
        </p>
      )}
      {check?.kind === 'error' && (
        <p role="alert" className="error">
          {pick(check.error.message)}
        </p>
      )}
      {check?.kind === 'ready' && (
        <div data-testid={`file-report-${file.role}`}>
          <SignatureSummary report={check.report} />
        </div>
      )}
    </li>
  );
}
