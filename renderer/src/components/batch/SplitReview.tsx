// A separated batch's split plan: the pages in order as thumbnails (virtualized), a marker where
// each document starts with the reason (method and evidence), separator sheets and blank pages
// flagged (never dropped silently). While the batch awaits review the archivist picks a page with
// the mouse or ← →, and adds, removes or moves a split or changes the page's role; each edit goes
// through the core (batchAdjustSplits → adjustSplits) and the plan comes back re-derived. Accept
// queues the batch to archive one record per document.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { DOCUMENT_TYPE_LABELS } from '../../../../shared/classification';
import type { BatchRecord, BatchSummary, StackPage } from '../../../../shared/contracts/batch';
import type { PlannedDocument, SplitEdit, SplitPlan } from '../../../../shared/contracts/intake';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useAltKey } from '../../hooks/useAltKey';
import { useI18n } from '../../i18n';
import { ErrorNotice } from './ErrorNotice';
import { SplitCell } from './SplitCell';
import { VirtualGrid } from './VirtualGrid';

const CELL_WIDTH = 150;
const CELL_HEIGHT = 262;
const VIEWPORT = 540;

export const SPLIT_KEYS = {
  toggle: 'S',
  left: 'Alt+ArrowLeft',
  right: 'Alt+ArrowRight',
  role: 'R',
  accept: 'Alt+A',
} as const;

type DocStart = { doc: PlannedDocument; n: number };

/** The plan of the batch as the core has it, with the edits and the acceptance that change it. */
function useSplitPlan(batch: BatchSummary, onChanged: () => void) {
  const { t } = useI18n();
  const [plan, setPlan] = useState<SplitPlan | null>(null);
  const [stack, setStack] = useState<StackPage[]>([]);
  const [records, setRecords] = useState<BatchRecord[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    getApi()
      .batchSplitPlan({ batchId: batch.id })
      .then((r) => {
        if (!live) return;
        setPlan(r.plan);
        setStack(r.stack);
        setRecords(r.records);
      })
      .catch((e: unknown) => live && setError(toErrorInfo(e)));
    return () => {
      live = false;
    };
  }, [batch.id, batch.state, batch.records]);

  // "Accepted" is news only until the batch moves on.
  useEffect(() => {
    if (!['queued', 'running', 'paused'].includes(batch.state)) setStatus(null);
  }, [batch.id, batch.state]);

  /** One edit of the plan; resolves whether the core took it. */
  const edit = useCallback(
    async (change: SplitEdit): Promise<boolean> => {
      try {
        const r = await getApi().batchAdjustSplits({ batchId: batch.id, edit: change });
        setPlan(r.plan);
        setError(null);
        return true;
      } catch (e) {
        setError(toErrorInfo(e));
        return false;
      }
    },
    [batch.id],
  );

  const accept = useCallback(async () => {
    try {
      await getApi().batchAcceptSplits({ batchId: batch.id });
      setStatus(t.batch.splitAccepted);
      setError(null);
      onChanged();
    } catch (e) {
      setError(toErrorInfo(e));
    }
  }, [batch.id, onChanged, t]);

  return { plan, stack, records, error, status, edit, accept };
}

/**
 * The picked page, and the focus following it after a keyboard move. The strip is windowed: a
 * page far away (End in a 500-page batch) is not in the DOM yet, so its row is scrolled into view
 * first and the focus follows on the render that the scroll brings.
 */
function useSplitCursor() {
  const [cursor, setCursor] = useState(0);
  const strip = useRef<HTMLDivElement>(null);
  const focusWanted = useRef(false);
  useEffect(() => {
    if (!focusWanted.current) return;
    const el = strip.current?.querySelector<HTMLButtonElement>(`[data-page="${cursor}"]`);
    if (el) {
      focusWanted.current = false;
      el.focus();
      el.scrollIntoView?.({ block: 'nearest' });
      return;
    }
    const grid = strip.current?.querySelector<HTMLElement>('.vgrid');
    if (!grid) return;
    const columns = Math.max(1, Math.floor(grid.clientWidth / CELL_WIDTH));
    grid.scrollTop = Math.floor(cursor / columns) * CELL_HEIGHT;
  });
  /** Picks a page and puts the keyboard on it. */
  const moveTo = useCallback((to: number) => {
    focusWanted.current = true;
    setCursor(to);
  }, []);
  return { cursor, setCursor, moveTo, strip };
}

/** Where each document starts: its first content page (separator sheets are not content). */
function documentStarts(plan: SplitPlan | null): Map<number, DocStart> {
  const starts = new Map<number, DocStart>();
  plan?.documents.forEach((doc, i) => {
    const first = doc.pages.find((p) => plan.pages[p]?.role === 'content');
    if (first !== undefined) starts.set(first, { doc, n: i + 1 });
  });
  return starts;
}

/** The split tools for the picked page, as buttons with the keys that do the same. */
function SplitTools({
  cursor,
  isSeparator,
  isStart,
  isFirst,
  onToggle,
  onMove,
  onRole,
  onAccept,
}: {
  cursor: number;
  isSeparator: boolean;
  isStart: boolean;
  isFirst: boolean;
  onToggle: () => void;
  onMove: (by: -1 | 1) => void;
  onRole: () => void;
  onAccept: () => void;
}) {
  const { t } = useI18n();
  const b = t.batch;
  const toggleText = isStart ? b.splitRemove : b.splitAdd;
  const roleText = isSeparator ? b.splitRoleContent : b.splitRoleSeparator;
  return (
    <div
      className="batch-actions split-tools"
      role="toolbar"
      aria-label={b.splitSelected(cursor + 1)}
    >
      <span className="muted small">{b.splitSelected(cursor + 1)}</span>
      <button
        type="button"
        className="secondary"
        disabled={isSeparator || isFirst}
        title={`${toggleText} (${SPLIT_KEYS.toggle})`}
        aria-keyshortcuts={SPLIT_KEYS.toggle}
        onClick={onToggle}
      >
        {toggleText}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={!isStart || isFirst}
        title={`${b.splitLeft} (Alt+←)`}
        aria-keyshortcuts={SPLIT_KEYS.left}
        onClick={() => onMove(-1)}
      >
        {b.splitLeft}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={!isStart || isFirst}
        title={`${b.splitRight} (Alt+→)`}
        aria-keyshortcuts={SPLIT_KEYS.right}
        onClick={() => onMove(1)}
      >
        {b.splitRight}
      </button>
      <button
        type="button"
        className="secondary"
        title={`${roleText} (${SPLIT_KEYS.role})`}
        aria-keyshortcuts={SPLIT_KEYS.role}
        onClick={onRole}
      >
        {roleText}
      </button>
      <button
        type="button"
        title={`${b.splitAccept} (${SPLIT_KEYS.accept})`}
        aria-keyshortcuts={SPLIT_KEYS.accept}
        onClick={onAccept}
      >
        {b.splitAccept}
      </button>
    </div>
  );
}

/** The planned documents: pages, type, dossier code, paper group and what archiving made of it. */
function SplitDocuments({ plan, records }: { plan: SplitPlan; records: BatchRecord[] }) {
  const { t, pick } = useI18n();
  const recordOf = new Map(records.map((r) => [r.document, r]));
  let group = 0;
  return (
    <ol className="split-docs">
      {plan.documents.map((doc, i) => {
        if (i === 0 || doc.startsDossier) group++;
        const record = recordOf.get(i);
        const facts = [
          t.batch.splitDocPages(doc.pages.length),
          doc.type
            ? t.batch.splitDocType(pick(DOCUMENT_TYPE_LABELS[doc.type]))
            : t.batch.splitDocUnknown,
          ...(doc.dossierCode ? [t.batch.splitDocDossier(doc.dossierCode)] : []),
          t.batch.splitDocGroup(group),
          ...(record?.archived
            ? [
                record.alreadyArchived
                  ? t.batch.splitDocAlready(record.archived.code)
                  : t.batch.splitDocArchived(record.archived.code),
              ]
            : record?.error
              ? [`${t.batch.splitDocFailed}: ${pick(record.error.message)}`]
              : []),
        ];
        return (
          <li key={i} data-doc={i} data-archived={record?.archived?.code ?? ''}>
            <strong>{t.batch.splitDoc(i + 1)}</strong>: {facts.join(' · ')}
          </li>
        );
      })}
    </ol>
  );
}

export function SplitReview({ batch, onChanged }: { batch: BatchSummary; onChanged: () => void }) {
  const { t } = useI18n();
  const { plan, stack, records, error, status, edit, accept } = useSplitPlan(batch, onChanged);
  const { cursor, setCursor, moveTo, strip } = useSplitCursor();
  const editable = batch.state === 'awaiting-split' && plan !== null;
  // Alt+A accepts from anywhere on the screen while the plan waits for review.
  useAltKey('KeyA', () => void accept(), editable);

  if (!plan) {
    return batch.separated && ['running', 'queued', 'paused'].includes(batch.state) ? (
      <p className="muted split-waiting">{t.batch.splitWaiting}</p>
    ) : (
      <ErrorNotice error={error} />
    );
  }

  const starts = documentStarts(plan);
  const page = plan.pages[cursor];
  const isStart = starts.has(cursor);
  const isFirst = [...starts.keys()][0] === cursor;
  const toggle = () =>
    void edit(isStart ? { op: 'remove', at: cursor } : { op: 'add', at: cursor });
  const move = (by: -1 | 1) =>
    void edit({ op: 'move', from: cursor, to: cursor + by }).then(
      (ok) => ok && moveTo(cursor + by),
    );
  const role = () =>
    void edit({
      op: 'role',
      at: cursor,
      role: page?.role === 'separator' ? 'content' : 'separator',
    });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey) return;
    const last = plan.pages.length - 1;
    const go = (to: number) => {
      e.preventDefault();
      moveTo(Math.max(0, Math.min(last, to)));
    };
    if (e.altKey && editable && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      if (isStart && !isFirst) move(e.key === 'ArrowLeft' ? -1 : 1);
      return;
    }
    if (e.altKey) return;
    if (e.key === 'ArrowLeft') go(cursor - 1);
    else if (e.key === 'ArrowRight') go(cursor + 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(last);
    else if (editable && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      toggle();
    } else if (editable && (e.key === 'r' || e.key === 'R')) {
      e.preventDefault();
      role();
    }
  };

  return (
    <section className="batch-split" aria-labelledby="batch-split-title">
      <h4 id="batch-split-title">{t.batch.splitTitle(plan.documents.length, plan.pages.length)}</h4>
      {batch.autoAccepted && <p className="muted small split-auto">{t.batch.splitAutoAccepted}</p>}
      {editable && <p className="muted small">{t.batch.splitIntro}</p>}
      {editable && <p className="muted small">{t.batch.splitShortcuts}</p>}
      <ErrorNotice error={error} />
      {editable && page && (
        <SplitTools
          cursor={cursor}
          isSeparator={page.role !== 'content'}
          isStart={isStart}
          isFirst={isFirst}
          onToggle={toggle}
          onMove={move}
          onRole={role}
          onAccept={() => void accept()}
        />
      )}
      <p className="status" role="status" aria-live="polite">
        {status}
      </p>
      <div ref={strip} className="split-strip" onKeyDown={onKeyDown}>
        <VirtualGrid
          items={plan.pages}
          cellWidth={CELL_WIDTH}
          cellHeight={CELL_HEIGHT}
          viewportHeight={VIEWPORT}
          label={t.batch.splitStripLabel}
          itemKey={(p) => String(p.index)}
          renderCell={(p) => (
            <SplitCell
              batchId={batch.id}
              index={p.index}
              stack={stack[p.index]}
              plan={plan}
              start={starts.get(p.index)}
              selected={cursor === p.index}
              onPick={() => setCursor(p.index)}
            />
          )}
        />
      </div>
      <h5>{t.batch.splitDocsTitle}</h5>
      <SplitDocuments plan={plan} records={records} />
    </section>
  );
}
