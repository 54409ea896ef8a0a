// Page thumbnails grouped by document. One page at a time holds the focus (arrow keys walk them);
// the focused page takes the page shortcuts (rotate, move, delete, split, merge), and the same
// actions are buttons for the mouse. Files come from the picker or are dropped on the panel.
import {
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useI18n } from '../../i18n';
import { ACCEPTED_PAGE_TYPES } from './files';
import { LOW_PAGE_CONFIDENCE, pageOrder, type Workspace } from './model';
import { titled } from './shortcuts';

export type PageAction =
  'rotateRight' | 'rotateLeft' | 'back' | 'forward' | 'delete' | 'split' | 'merge';

export function PagesPanel({
  ws,
  busyText,
  onFiles,
  onAction,
  inputRef,
  firstPageRef,
  scanSlot,
}: {
  ws: Workspace;
  busyText: string | null;
  onFiles: (files: File[]) => void;
  onAction: (action: PageAction, pageId: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  firstPageRef: RefObject<HTMLElement | null>;
  /** The scanner control (acquire channels), beside the file picker. */
  scanSlot: ReactNode;
}) {
  const { t } = useI18n();
  const r = t.reception;
  const [focused, setFocused] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const grid = useRef<HTMLDivElement>(null);
  const order = pageOrder(ws);
  const current = focused && order.includes(focused) ? focused : (order[0] ?? null);

  const focusPage = (id: string | undefined) => {
    if (!id) return;
    setFocused(id);
    // After React moved the page (reorder), focus the same page at its new place.
    setTimeout(() => grid.current?.querySelector<HTMLElement>(`[data-page="${id}"]`)?.focus(), 0);
  };

  const act = (action: PageAction, id: string) => {
    const i = order.indexOf(id);
    onAction(action, id);
    if (action === 'delete') focusPage(order[i + 1] ?? order[i - 1]);
    else focusPage(id);
  };

  const onPageKey = (e: KeyboardEvent<HTMLElement>, id: string) => {
    const i = order.indexOf(id);
    const plain = !e.altKey && !e.ctrlKey && !e.metaKey;
    let action: PageAction | null = null;
    if (e.key === 'ArrowLeft' && e.ctrlKey) action = 'back';
    else if (e.key === 'ArrowRight' && e.ctrlKey) action = 'forward';
    else if (e.key === 'ArrowLeft' && plain) focusPage(order[i - 1]);
    else if (e.key === 'ArrowRight' && plain) focusPage(order[i + 1]);
    else if (e.key === 'Home' && plain) focusPage(order[0]);
    else if (e.key === 'End' && plain) focusPage(order[order.length - 1]);
    else if (plain && (e.key === 'r' || e.key === 'R'))
      action = e.shiftKey ? 'rotateLeft' : 'rotateRight';
    else if (plain && (e.key === 'Delete' || e.key === 'Backspace')) action = 'delete';
    else if (plain && (e.key === 's' || e.key === 'S')) action = 'split';
    else if (plain && (e.key === 'm' || e.key === 'M')) action = 'merge';
    else return;
    e.preventDefault();
    if (action) act(action, id);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  let n = 0;
  return (
    <section
      className={`desk-panel pages${dragging ? ' dragging' : ''}`}
      aria-labelledby="pages-title"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="panel-row">
        <h3 id="pages-title">{r.pagesTitle}</h3>
        {scanSlot}
        <button
          type="button"
          className="primary"
          disabled={busyText !== null}
          title={titled(r.pagesAdd, 'addPages')}
          aria-keyshortcuts="Alt+T"
          onClick={() => inputRef.current?.click()}
        >
          {r.pagesAdd}
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          accept={ACCEPTED_PAGE_TYPES}
          aria-label={r.pagesInputLabel}
          className="visually-hidden"
          tabIndex={-1}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
      </div>
      <p className="drop-hint muted small">{r.pagesDrop}</p>
      <p className="muted small">{r.pagesSourcesHook}</p>
      <p className="status" role="status" aria-live="polite">
        {busyText}
      </p>
      {order.length === 0 && !busyText && <p className="muted">{r.pagesEmpty}</p>}
      <div className="page-grid" ref={grid}>
        {ws.docs.map((d, di) => (
          <div
            key={d.key}
            className="page-doc"
            role="group"
            aria-label={r.documentLabel(di + 1, d.pageIds.length)}
          >
            <p className="page-doc-title">{r.documentLabel(di + 1, d.pageIds.length)}</p>
            <ol className="page-list">
              {d.pageIds.map((id) => {
                const p = ws.pages[id]!;
                n += 1;
                const label = r.pageLabel(n, p.sourceName);
                const low = !p.blank && p.confidence < LOW_PAGE_CONFIDENCE;
                return (
                  <li key={id} className="page-item">
                    <button
                      type="button"
                      className="desk-thumb"
                      data-page={id}
                      ref={
                        id === order[0]
                          ? (el) => {
                              firstPageRef.current = el;
                            }
                          : undefined
                      }
                      tabIndex={id === current ? 0 : -1}
                      aria-label={label}
                      aria-describedby={`page-flags-${id}`}
                      title={`${label} · R, Shift+R, Ctrl+← Ctrl+→, Delete, S, M`}
                      aria-keyshortcuts="R Shift+R Control+ArrowLeft Control+ArrowRight Delete S M"
                      onFocus={() => setFocused(id)}
                      onKeyDown={(e) => onPageKey(e, id)}
                    >
                      <span className="desk-thumb-frame">
                        <img src={p.thumbnail} alt="" className={`rot-${p.rotation}`} />
                      </span>
                      <span className="desk-thumb-label">{n}</span>
                    </button>
                    <span id={`page-flags-${id}`} className="page-flags">
                      {p.blank && <span className="flag">{r.pageBlank}</span>}
                      {low && (
                        <span className="flag">
                          {r.pageLowConfidence(Math.round(p.confidence))}
                        </span>
                      )}
                    </span>
                    <span className="page-actions" role="group" aria-label={r.pageActions}>
                      <ActionButton
                        label={r.pageRotateLeft}
                        keys="Shift+R"
                        glyph="⟲"
                        onClick={() => act('rotateLeft', id)}
                      />
                      <ActionButton
                        label={r.pageRotateRight}
                        keys="R"
                        glyph="⟳"
                        onClick={() => act('rotateRight', id)}
                      />
                      <ActionButton
                        label={r.pageMoveBack}
                        keys="Control+ArrowLeft"
                        shown="Ctrl+←"
                        glyph="◀"
                        onClick={() => act('back', id)}
                      />
                      <ActionButton
                        label={r.pageMoveForward}
                        keys="Control+ArrowRight"
                        shown="Ctrl+→"
                        glyph="▶"
                        onClick={() => act('forward', id)}
                      />
                      <ActionButton
                        label={r.pageSplit}
                        keys="S"
                        glyph="✂"
                        onClick={() => act('split', id)}
                      />
                      <ActionButton
                        label={r.docMerge}
                        keys="M"
                        glyph="⊕"
                        onClick={() => act('merge', id)}
                      />
                      <ActionButton
                        label={r.pageDelete}
                        keys="Delete"
                        glyph="✕"
                        onClick={() => act('delete', id)}
                      />
                    </span>
                  </li>
                );
              })}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
}

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
