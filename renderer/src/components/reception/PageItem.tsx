// One page thumbnail of the pages panel: its number, its flags (blank, poorly read) and the mouse
// buttons for the page actions; the keyboard reaches the same actions through the focused page.
// Memoized: a scroll that brings new rows, or an edit of one page, redraws only those pages.
import { memo, type KeyboardEvent } from 'react';
import type { Messages } from '../../i18n/vi';
import { LOW_PAGE_CONFIDENCE, type PageAction, type WorkPage } from './model';

type ReceptionText = Messages['reception'];

/** One thumbnail with its flags and mouse actions; redrawn only when its own props change. */
export const PageItem = memo(function PageItem({
  page: p,
  n,
  tabbable,
  r,
  onKey,
  onAct,
  onFocus,
}: {
  page: WorkPage;
  n: number;
  tabbable: boolean;
  r: ReceptionText;
  onKey: (e: KeyboardEvent<HTMLElement>, id: string) => void;
  onAct: (action: PageAction, id: string) => void;
  onFocus: (id: string) => void;
}) {
  const id = p.id;
  const label = r.pageLabel(n, p.sourceName);
  const low = !p.blank && p.confidence < LOW_PAGE_CONFIDENCE;
  return (
    <li className="page-item">
      <button
        type="button"
        className="reception-thumb"
        data-page={id}
        data-n={n}
        tabIndex={tabbable ? 0 : -1}
        aria-label={label}
        aria-describedby={`page-flags-${id}`}
        title={`${label} · R, Shift+R, Ctrl+← Ctrl+→, Delete, S, M`}
        aria-keyshortcuts="R Shift+R Control+ArrowLeft Control+ArrowRight Delete S M"
        onFocus={() => onFocus(id)}
        onKeyDown={(e) => onKey(e, id)}
      >
        <span className="reception-thumb-frame">
          <img src={p.thumbnail} alt="" className={`rot-${p.rotation}`} decoding="async" />
        </span>
        <span className="reception-thumb-label">{n}</span>
      </button>
      <span id={`page-flags-${id}`} className="page-flags">
        {p.blank && <span className="flag">{r.pageBlank}</span>}
        {low && <span className="flag">{r.pageLowConfidence(Math.round(p.confidence))}</span>}
      </span>
      <span className="page-actions" role="group" aria-label={r.pageActions}>
        <ActionButton
          label={r.pageRotateLeft}
          keys="Shift+R"
          glyph="⟲"
          onClick={() => onAct('rotateLeft', id)}
        />
        <ActionButton
          label={r.pageRotateRight}
          keys="R"
          glyph="⟳"
          onClick={() => onAct('rotateRight', id)}
        />
        <ActionButton
          label={r.pageMoveBack}
          keys="Control+ArrowLeft"
          shown="Ctrl+←"
          glyph="◀"
          onClick={() => onAct('back', id)}
        />
        <ActionButton
          label={r.pageMoveForward}
          keys="Control+ArrowRight"
          shown="Ctrl+→"
          glyph="▶"
          onClick={() => onAct('forward', id)}
        />
        <ActionButton label={r.pageSplit} keys="S" glyph="✂" onClick={() => onAct('split', id)} />
        <ActionButton label={r.docMerge} keys="M" glyph="⊕" onClick={() => onAct('merge', id)} />
        <ActionButton
          label={r.pageDelete}
          keys="Delete"
          glyph="✕"
          onClick={() => onAct('delete', id)}
        />
      </span>
    </li>
  );
});

/** A small mouse target; the keyboard reaches the same action through the focused page. */
function ActionButton({
  label,
  keys,
  shown,
  glyph,
  onClick,
}: {
  label: string;
  keys: string;
  shown?: string;
  glyph: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="icon"
      tabIndex={-1}
      aria-label={label}
      title={`${label} (${shown ?? keys})`}
      aria-keyshortcuts={keys}
      onClick={onClick}
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
}
