// Page thumbnails grouped by document. One page at a time holds the focus (arrow keys walk them);
// the focused page takes the page shortcuts (rotate, move, delete, split, merge), and the same
// actions are buttons for the mouse. Pages come from the file picker, a folder, drops on the
// panel, the scanner and the scan folder (the slots). Only the rows in view are drawn (and the
// focused page's), so a 500-page stack scrolls and walks as a short one does; a page reached by
// the keyboard is scrolled into view first (usePageWindow).
import {
  useImperativeHandle,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  type RefObject,
} from 'react';
import { useStableCallback } from '../../hooks/useStableCallback';
import { useI18n } from '../../i18n';
import type { Messages } from '../../i18n/vi';
import { droppedEntries, walkEntries, type FolderFile } from './files';
import type { PageAction, Workspace } from './model';
import { PageItem } from './PageItem';
import type { LayoutRow } from './pageLayout';
import { pageKeyCommand } from './pageKeys';
import { PageSources } from './PageSources';
import type { PagesHandle } from './useReceptionShortcuts';
import { usePageWindow } from './usePageWindow';

/** Drops on the panel: a folder is walked like a picked one, plain files are taken as they are. */
function useDropZone(onFiles: (files: File[]) => void, onFolder: (files: FolderFile[]) => void) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    // A folder dropped: its subfolders, its scans in order.
    const folders = droppedEntries(e.dataTransfer.items);
    if (folders) {
      void walkEntries(folders).then(onFolder, () => onFolder([]));
      return;
    }
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };
  return {
    dragging,
    onDragOver: (e: DragEvent) => {
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop,
  };
}

export function PagesPanel({
  ws,
  busyText,
  onFiles,
  onFolder,
  onAction,
  inputRef,
  folderRef,
  addRef,
  handleRef,
  scanSlot,
  hotFolderSlot,
  closed = false,
}: {
  ws: Workspace;
  busyText: string | null;
  onFiles: (files: File[]) => void;
  /** Every file of a picked folder (the screen keeps the scans). */
  onFolder: (files: FolderFile[]) => void;
  onAction: (action: PageAction, pageId: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  folderRef: RefObject<HTMLInputElement | null>;
  /** The "add pages from files" button: where the keyboard goes when pages are missing. */
  addRef?: RefObject<HTMLButtonElement | null>;
  /** Signed: the pages are what was archived, shown but closed to edits. */
  closed?: boolean;
  /** What Alt+G reaches: puts the keyboard on the current page. */
  handleRef: Ref<PagesHandle>;
  /** The scanner control (acquire channels), beside the file picker. */
  scanSlot: ReactNode;
  /** The scan folder's waiting files. */
  hotFolderSlot: ReactNode;
}) {
  const { t } = useI18n();
  const r = t.reception;
  const view = usePageWindow(ws);
  const { order, current, focusPage } = view;
  const drop = useDropZone(onFiles, onFolder);
  useImperativeHandle(handleRef, () => ({ focusCurrentPage: () => focusPage(current) }), [
    focusPage,
    current,
  ]);

  const act = (action: PageAction, id: string) => {
    const i = order.indexOf(id);
    onAction(action, id);
    if (action === 'delete') focusPage(order[i + 1] ?? order[i - 1]);
    else focusPage(id);
  };
  const onPageKey = (e: KeyboardEvent<HTMLElement>, id: string) => {
    const command = pageKeyCommand(e, order.indexOf(id), order.length, view.columns);
    if (!command) return;
    e.preventDefault();
    if (command.kind === 'act') act(command.action, id);
    else focusPage(order[command.index]);
  };

  // Stable handlers for the memoized pages: a scroll that brings new rows redraws only those.
  const onItemKey = useStableCallback(onPageKey);
  const onItemAct = useStableCallback(act);
  const renderPage = (id: string) => (
    <PageItem
      key={id}
      page={ws.pages[id]!}
      n={view.where.get(id)?.n ?? 0}
      tabbable={id === current}
      r={r}
      onKey={onItemKey}
      onAct={onItemAct}
      onFocus={view.setFocused}
    />
  );

  return (
    <section
      className={`reception-panel pages${drop.dragging ? ' dragging' : ''}`}
      aria-labelledby="pages-title"
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop}
    >
      <PageSources
        r={r}
        busy={busyText !== null}
        scanSlot={scanSlot}
        onFiles={onFiles}
        onFolder={onFolder}
        inputRef={inputRef}
        folderRef={folderRef}
        addRef={addRef}
      />
      {hotFolderSlot}
      <p className="drop-hint muted small">{r.pagesDrop}</p>
      <p className="status" role="status" aria-live="polite">
        {busyText}
      </p>
      {order.length === 0 && !busyText && <p className="muted">{r.pagesEmpty}</p>}
      {/* Closed to edits, its pages hold no focusable control: the scroller itself takes the
          keyboard so the pages can still be scrolled without a mouse. */}
      <div
        className="reception-page-scroller"
        ref={view.scroller}
        data-pages={order.length}
        onScroll={view.onScroll}
        {...(closed ? { tabIndex: 0, role: 'region', 'aria-labelledby': 'pages-title' } : {})}
      >
        <div className="reception-page-canvas" ref={view.canvas}>
          <PageRows ws={ws} rows={view.rows} r={r} renderPage={renderPage} />
        </div>
      </div>
    </section>
  );
}

/**
 * The rows in view. Each document's run of pages in a row is a group named after the document
 * (a long document continues as a group of the same name on the next row).
 */
function PageRows({
  ws,
  rows,
  r,
  renderPage,
}: {
  ws: Workspace;
  rows: LayoutRow[];
  r: Messages['reception'];
  renderPage: (id: string) => ReactNode;
}) {
  return (
    <>
      {rows.map((row) => (
        <div key={row.key} className="page-row" data-top={row.top}>
          {row.segments.map((seg) => {
            const d = ws.docs[seg.doc]!;
            const label = r.documentLabel(seg.doc + 1, d.pageIds.length);
            return (
              <div
                key={`${d.key}:${seg.from}`}
                className="page-seg"
                role="group"
                aria-label={label}
                data-col={seg.col}
                data-span={seg.to - seg.from}
                data-doc-start={seg.from === 0}
              >
                <p className="page-doc-head" aria-hidden="true">
                  {seg.from === 0 ? label : '…'}
                </p>
                <ol className="page-list">{d.pageIds.slice(seg.from, seg.to).map(renderPage)}</ol>
              </div>
            );
          })}
        </div>
      ))}
    </>
  );
}
