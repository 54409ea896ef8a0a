// Page thumbnails grouped by document. One page at a time holds the focus (arrow keys walk them);
// the focused page takes the page shortcuts (rotate, move, delete, split, merge), and the same
// actions are buttons for the mouse. Pages come from the file picker, a folder, drops on the
// panel, the scanner and the scan folder (the slots). Only the rows in view are drawn (and the
// focused page's), so a 500-page stack scrolls and walks as a short one does; a page reached by
// the keyboard is scrolled into view first.
import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useI18n } from '../../i18n';
import {
  ACCEPTED_PAGE_TYPES,
  droppedEntries,
  fromFolderInput,
  walkEntries,
  type FolderFile,
} from './files';
import { LOW_PAGE_CONFIDENCE, pageOrder, type WorkPage, type Workspace } from './model';
import {
  layoutPages,
  ROW_HEIGHT,
  rowOfPage,
  rowsInView,
  scrollToShow,
  type LayoutRow,
} from './pageLayout';
import { titled } from './shortcuts';

export type PageAction =
  'rotateRight' | 'rotateLeft' | 'back' | 'forward' | 'delete' | 'split' | 'merge';

export function PagesPanel({
  ws,
  busyText,
  onFiles,
  onFolder,
  onAction,
  inputRef,
  folderRef,
  focusPagesRef,
  scanSlot,
  hotFolderSlot,
}: {
  ws: Workspace;
  busyText: string | null;
  onFiles: (files: File[]) => void;
  /** Every file of a picked folder (the screen keeps the scans). */
  onFolder: (files: FolderFile[]) => void;
  onAction: (action: PageAction, pageId: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  folderRef: RefObject<HTMLInputElement | null>;
  /** Set by the panel: puts the keyboard on the current page (Alt+G). */
  focusPagesRef: RefObject<(() => void) | null>;
  /** The scanner control (acquire channels), beside the file picker. */
  scanSlot: ReactNode;
  /** The scan folder's waiting files. */
  hotFolderSlot: ReactNode;
}) {
  const { t } = useI18n();
  const r = t.reception;
  const [focused, setFocused] = useState<string | null>(null);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  // scrollTop is kept to the row band above it: scrolling within a row draws nothing new.
  const [box, setBox] = useState({ width: 0, height: 0, scrollTop: 0 });
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const order = pageOrder(ws);
  const current = focused && order.includes(focused) ? focused : (order[0] ?? null);

  const sizes = ws.docs.map((d) => d.pageIds.length);
  const sizesKey = sizes.join(',');
  const layout = useMemo(
    () => layoutPages(sizesKey ? sizesKey.split(',').map(Number) : [], box.width),
    [sizesKey, box.width],
  );
  /** Where each page sits: its document, its place in it, its number in the dossier. */
  const where = useMemo(() => {
    const map = new Map<string, { doc: number; index: number; n: number }>();
    let n = 0;
    ws.docs.forEach((d, doc) =>
      d.pageIds.forEach((id, index) => map.set(id, { doc, index, n: ++n })),
    );
    return map;
  }, [ws.docs]);

  // The rows in view, and the focused page's wherever it is (Tab must find it).
  const shown = useMemo(() => {
    const rows = rowsInView(layout, box.scrollTop, (box.height || 600) + ROW_HEIGHT);
    const at = current ? where.get(current) : undefined;
    const own = at ? rowOfPage(layout, at.doc, at.index) : undefined;
    if (own && !rows.includes(own)) rows.push(own);
    return rows.sort((a, b) => a.top - b.top);
  }, [layout, box.scrollTop, box.height, current, where]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () =>
      setBox((b) =>
        b.width === el.clientWidth && b.height === el.clientHeight
          ? b
          : { ...b, width: el.clientWidth, height: el.clientHeight },
      );
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Positions through the CSSOM (the CSP forbids style attributes), then the pending focus.
  useLayoutEffect(() => {
    const c = canvas.current;
    const el = scroller.current;
    if (!c || !el) return;
    c.style.height = `${layout.height}px`;
    for (const row of c.querySelectorAll<HTMLElement>('[data-top]')) {
      row.style.top = `${row.dataset.top}px`;
      row.style.gridTemplateColumns = `repeat(${layout.columns}, 1fr)`;
    }
    if (!pendingFocus) return;
    const at = where.get(pendingFocus);
    const row = at && rowOfPage(layout, at.doc, at.index);
    if (row) {
      const top = scrollToShow(row, el.scrollTop, el.clientHeight);
      if (top !== el.scrollTop) {
        el.scrollTop = top;
        setBox((b) => ({ ...b, scrollTop: band(top) }));
      }
    }
    c.querySelector<HTMLElement>(`[data-page="${pendingFocus}"]`)?.focus({ preventScroll: true });
    setPendingFocus(null);
  });

  const focusPage = (id: string | null | undefined) => {
    if (!id) return;
    setFocused(id);
    // After React drew (and maybe moved) the page: scroll to it, then focus it.
    setPendingFocus(id);
  };
  focusPagesRef.current = () => focusPage(current);

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
    else if (e.key === 'ArrowUp' && plain) focusPage(order[Math.max(0, i - layout.columns)]);
    else if (e.key === 'ArrowDown' && plain)
      focusPage(order[Math.min(order.length - 1, i + layout.columns)]);
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
    // A folder dropped: walked like a picked one (its subfolders, its scans in order).
    const folders = droppedEntries(e.dataTransfer.items);
    if (folders) {
      void walkEntries(folders).then(onFolder, () => onFolder([]));
      return;
    }
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  // Rows grouped under their document, as the reader expects (a group per document).
  const groups: { doc: number; rows: LayoutRow[] }[] = [];
  for (const row of shown) {
    const last = groups[groups.length - 1];
    if (last && last.doc === row.doc) last.rows.push(row);
    else groups.push({ doc: row.doc, rows: [row] });
  }

  // Stable handlers for the memoized pages: a scroll that brings new rows redraws only those.
  const latest = useRef({ onPageKey, act, setFocused });
  latest.current = { onPageKey, act, setFocused };
  const onItemKey = useCallback(
    (e: KeyboardEvent<HTMLElement>, id: string) => latest.current.onPageKey(e, id),
    [],
  );
  const onItemAct = useCallback(
    (action: PageAction, id: string) => latest.current.act(action, id),
    [],
  );
  const onItemFocus = useCallback((id: string) => latest.current.setFocused(id), []);
  const renderPage = (id: string) => (
    <PageItem
      key={id}
      page={ws.pages[id]!}
      n={where.get(id)?.n ?? 0}
      tabbable={id === current}
      r={r}
      onKey={onItemKey}
      onAct={onItemAct}
      onFocus={onItemFocus}
    />
  );

  return (
    <section
      className={`reception-panel pages${dragging ? ' dragging' : ''}`}
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
        <div className="pages-add">
          <button
            type="button"
            className="secondary"
            disabled={busyText !== null}
            title={titled(r.pagesFolder, 'folder')}
            aria-keyshortcuts="Alt+M"
            onClick={() => folderRef.current?.click()}
          >
            {r.pagesFolder}
          </button>
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
        </div>
        <FileInput
          inputRef={inputRef}
          label={r.pagesInputLabel}
          accept={ACCEPTED_PAGE_TYPES}
          onFiles={onFiles}
        />
        <FileInput
          inputRef={folderRef}
          label={r.pagesFolderInputLabel}
          folder
          onFiles={(files) => onFolder(fromFolderInput(files))}
        />
      </div>
      {hotFolderSlot}
      <p className="drop-hint muted small">{r.pagesDrop}</p>
      <p className="status" role="status" aria-live="polite">
        {busyText}
      </p>
      {order.length === 0 && !busyText && <p className="muted">{r.pagesEmpty}</p>}
      <div
        className="reception-page-scroller"
        ref={scroller}
        data-pages={order.length}
        onScroll={(e) => {
          const top = band(e.currentTarget.scrollTop);
          setBox((b) => (b.scrollTop === top ? b : { ...b, scrollTop: top }));
        }}
      >
        <div className="reception-page-canvas" ref={canvas}>
          {groups.map((g) => {
            const d = ws.docs[g.doc]!;
            const label = r.documentLabel(g.doc + 1, d.pageIds.length);
            return (
              <div key={d.key} className="page-doc" role="group" aria-label={label}>
                {g.rows.map((row) =>
                  row.kind === 'head' ? (
                    <p key={row.key} className="page-doc-head" data-top={row.top}>
                      {label}
                    </p>
                  ) : (
                    <ol key={row.key} className="page-list page-row" data-top={row.top}>
                      {d.pageIds.slice(row.from, row.to).map(renderPage)}
                    </ol>
                  ),
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

type ReceptionText = ReturnType<typeof useI18n>['t']['reception'];

/** One thumbnail with its flags and mouse actions; redrawn only when its own props change. */
const PageItem = memo(function PageItem({
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

/** The top of the row band a scroll position is in. */
const band = (top: number) => Math.floor(top / ROW_HEIGHT) * ROW_HEIGHT;

/**
 * A hidden file picker opened by its button. With `folder`, the browser reads a folder and its
 * subfolders and hands over the files (no path reaches the page); `webkitdirectory` is set
 * through the DOM, as React has no such prop.
 */
function FileInput({
  inputRef,
  label,
  accept,
  folder = false,
  onFiles,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  label: string;
  accept?: string;
  folder?: boolean;
  onFiles: (files: File[]) => void;
}) {
  useLayoutEffect(() => {
    if (folder) inputRef.current?.setAttribute('webkitdirectory', '');
  }, [folder, inputRef]);
  return (
    <input
      ref={inputRef}
      type="file"
      multiple
      accept={accept}
      aria-label={label}
      className="visually-hidden"
      tabIndex={-1}
      onChange={(e) => {
        const files = Array.from(e.target.files ?? []);
        e.target.value = '';
        if (files.length > 0) onFiles(files);
      }}
    />
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
