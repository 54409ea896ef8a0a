// Search hits: the dossier, where the words were found (a page or the dossier's details), and
// the snippet with the matched words marked.
import type { ArchiveHit } from '../../../../shared/contracts/records';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { Highlighted } from './Highlighted';
import { uploadStateLabel } from './uploadState';

export function SearchResults({
  hits,
  selectedId,
  onOpen,
}: {
  hits: ArchiveHit[];
  selectedId: number | null;
  onOpen: (id: number, page: number | null) => void;
}) {
  const { t } = useI18n();
  if (hits.length === 0) return <p className="muted">{t.resultsNone}</p>;
  return (
    <ol className="hits">
      {hits.map((h) => (
        <li
          key={`${h.recordId}-${h.page ?? 'm'}`}
          className={h.recordId === selectedId ? 'hit selected' : 'hit'}
          data-dossier-code={h.dossierCode}
        >
          <div className="hit-head">
            <button
              type="button"
              className="link"
              aria-label={t.openDossier(h.dossierCode)}
              onClick={() => onOpen(h.recordId, h.page)}
            >
              {h.dossierCode}
            </button>
            <span className="hit-title">{h.title}</span>
          </div>
          <p className="muted small">
            <time dateTime={h.createdAt}>{formatDateTime(h.createdAt)}</time>
            {' · '}
            {h.page === null ? t.resultWhereMetadata : t.resultWherePage(h.page)}
            {h.uploadState && <> · {uploadStateLabel(h.uploadState, t)}</>}
          </p>
          {h.snippet && (
            <p className="snippet" data-testid="snippet">
              <Highlighted text={h.snippet} marks={h.marks} />
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
