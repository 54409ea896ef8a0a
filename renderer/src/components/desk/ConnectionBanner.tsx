// What the page says when it loses the desk (the web host stopped or restarted): that it is
// waiting and will carry on by itself, since when, and what to do if it cannot; then, briefly,
// that it is back. Nothing is shown while the link is fine.
import { useEffect, useState } from 'react';
import { formatTime } from '../../../../shared/format';
import { useHostLink } from '../../hooks/useHostLink';
import { useI18n } from '../../i18n';
import '../../styles/desk.css';

/** How long "reconnected" stays on screen. */
const BACK_MS = 6000;

export function ConnectionBanner() {
  const d = useI18n().t.desk;
  const link = useHostLink();
  const [hidden, setHidden] = useState<number | null>(null);
  const backAt = link.kind === 'back' ? link.at : null;
  useEffect(() => {
    if (backAt === null) return;
    const timer = setTimeout(() => setHidden(backAt), BACK_MS);
    return () => clearTimeout(timer);
  }, [backAt]);

  switch (link.kind) {
    case 'online':
      return null;
    case 'back':
      return hidden === link.at ? null : (
        <p className="link-banner back" role="status">
          {d.linkBack}
        </p>
      );
    case 'lost':
      return (
        <div className="link-banner lost" role="alert">
          <p>
            <strong>{d.linkLost(formatTime(new Date(link.since)))}</strong> {d.linkLostWhat}
          </p>
        </div>
      );
    case 'refused':
      return (
        <div className="link-banner lost" role="alert">
          <p>{d.linkRefused}</p>
          <button type="button" className="primary small" onClick={() => window.location.reload()}>
            {d.linkReload}
          </button>
        </div>
      );
  }
}
