// The reception's hot-folder feed: scans the counter's scanner wrote to its folder wait in the
// core (copied safely on arrival); this bar says how many, asked again every few seconds while
// the screen is shown, and takes them into the open reception with one button or Alt+L.
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { Response } from '../../../../shared/contract';
import { getApi } from '../../api';
import { useI18n } from '../../i18n';
import { titled } from './shortcuts';

type Inbox = Response<'receptionHotFolderInbox'>;

const POLL_MS = 3000;

export function HotFolderBar({
  active,
  disabled,
  onTake,
  buttonRef,
}: {
  /** Polls only while the reception is the screen shown. */
  active: boolean;
  disabled: boolean;
  /** Takes the listed files into the reception; resolves once they are in (or failed). */
  onTake: (ids: string[]) => Promise<void>;
  buttonRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t, pick } = useI18n();
  const r = t.reception;
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [taking, setTaking] = useState(false);

  const load = useCallback(() => {
    // A failed poll keeps what was shown; the next one tries again.
    getApi()
      .receptionHotFolderInbox({})
      .then(setInbox, () => undefined);
  }, []);

  useEffect(() => {
    if (!active) return;
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [active, load]);

  if (!inbox || (inbox.folders === 0 && inbox.files.length === 0)) return null;
  const files = inbox.files;
  const pages = files.reduce((n, f) => n + (f.pages ?? 1), 0);
  const take = async () => {
    if (files.length === 0) return;
    setTaking(true);
    try {
      await onTake(files.map((f) => f.id));
    } finally {
      setTaking(false);
      load();
    }
  };

  return (
    <div className="hotfolder-bar" data-files={files.length}>
      <span className="hotfolder-count" role="status" aria-live="polite">
        {files.length > 0 ? r.hotFolderWaiting(files.length, pages) : r.hotFolderEmpty}
      </span>
      {files.length > 0 && (
        <span className="muted small hotfolder-names" title={files.map((f) => f.name).join(', ')}>
          {r.hotFolderFrom(files[0]!.folder, files[0]!.name, files.length)}
        </span>
      )}
      <button
        ref={buttonRef}
        type="button"
        className="secondary"
        disabled={disabled || taking || files.length === 0}
        title={titled(r.hotFolderTake, 'hotFolder')}
        aria-keyshortcuts="Alt+L"
        onClick={() => void take()}
      >
        {r.hotFolderTake}
      </button>
      {inbox.problems.map((p) => (
        <p key={`${p.code}:${p.subject ?? ''}`} className="hotfolder-problem warn small">
          {pick(p.message)}
        </p>
      ))}
    </div>
  );
}
