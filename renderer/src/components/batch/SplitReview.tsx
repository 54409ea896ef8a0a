// A separated batch's split plan: the pages in order as thumbnails (virtualized), a marker where
// each document starts with the reason (method and evidence), separator sheets and blank pages
// flagged (never dropped silently). While the batch awaits review the archivist picks a page with
// the mouse or ← →, and adds, removes or moves a split or changes the page's role; each edit goes
// through the core (batchAdjustSplits → adjustSplits) and the plan comes back re-derived. Accept
// queues the batch to archive one record per document.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '../../../../shared/classification';
import type { BatchRecord, BatchSummary, StackPage } from '../../../../shared/contracts/batch';
import type {
  PlannedDocument,
  SplitEdit,
  SplitPlan,
  SplitReason,
} from '../../../../shared/contracts/intake';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useI18n, type I18n } from '../../i18n';
import { ErrorNotice } from './ErrorNotice';
import { cachedThumbnail, loadThumbnail } from './thumbnails';
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

function typeLabel(code: string, pick: I18n['pick']): string {
  const parsed = DocumentType.safeParse(code.trim());
  return parsed.success ? pick(DOCUMENT_TYPE_LABELS[parsed.data]) : code;
}

/** "Tờ phân tách QR: Giấy khai sinh", "Patch T", "Đổi loại: CCCD → Đơn"… */
export function reasonText(
  reason: SplitReason,
  doc: PlannedDocument,
  t: I18n['t'],
  pick: I18n['pick'],
): string {
  const why = t.batch.why;
  let text: string;
  switch (reason.method) {
    case 'start':
      text = why.start;
      break;
    case 'blank':
      text = why.blank;
      break;
    case 'patch':
      text = why.patch(reason.detail ?? 'Patch');
      break;
    case 'code': {
      const what = [
        ...(doc.typeFrom === 'separator' && doc.type ? [pick(DOCUMENT_TYPE_LABELS[doc.type])] : []),
        ...(doc.dossierCode ? [doc.dossierCode] : []),
      ];
      text = what.length ? why.code(what.join(' · ')) : why.codeBare;
      break;
    }
    case 'count':
      text = why.count(reason.detail ?? '');
      break;
    case 'classifier': {
      const [from = '', to = ''] = (reason.detail ?? '').split('→');
      text = why.classifier(typeLabel(from, pick), typeLabel(to, pick));
      break;
    }
    case 'manual':
      text = reason.movedFrom !== undefined ? why.moved(reason.movedFrom + 1) : why.manual;
      break;
  }
  return text;
}

function Cell({
  batchId,
  index,
  stack,
  plan,
  start,
  selected,
  onPick,
}: {
  batchId: number;
  index: number;
  stack: StackPage | undefined;
  plan: SplitPlan;
  start: { doc: PlannedDocument; n: number } | undefined;
  selected: boolean;
  onPick: () => void;
}) {
  const { t, pick } = useI18n();
  const page = plan.pages[index]!;
  const key = stack ? `${batchId}:${stack.fileId}:${stack.pageInFile}` : '';
  const [src, setSrc] = useState<string | undefined>(() => cachedThumbnail(key));
  useEffect(() => {
    if (!stack || src) return;
    let mounted = true;
    loadThumbnail(batchId, stack.fileId, stack.pageInFile, () => mounted)
      .then((url) => mounted && url && setSrc(url))
      .catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, [batchId, stack, src]);

  const flags = [
    ...(page.role === 'separator'
      ? [plan.options.keepSeparators ? t.batch.splitSeparatorKept : t.batch.splitSeparator]
      : []),
    ...(page.blankBack ? [t.batch.splitBlankBack] : page.blank ? [t.batch.splitBlank] : []),
  ];
  const marker = start
    ? [
        t.batch.splitDoc(start.n),
        ...(start.doc.startsDossier ? [t.batch.splitNewDossier] : []),
        ...start.doc.reasons.map((r) => reasonText(r, start.doc, t, pick)),
      ]
    : [];
  return (
    <button
      type="button"
      data-page={index}
      tabIndex={selected ? 0 : -1}
      aria-pressed={selected}
      className={[
        'split-page',
        start ? 'split-start' : '',
        page.role === 'separator' ? 'split-separator' : '',
        page.blank ? 'split-blank' : '',
        selected ? 'split-selected' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      onClick={onPick}
    >
      {start && <span className="split-marker">{marker.join(' · ')}</span>}
      <span className="split-image">
        {src ? <img src={src} alt={t.batch.thumbAlt(page.name)} /> : null}
      </span>
      <span className="split-caption">
        <strong>{t.batch.splitPage(index + 1)}</strong>
        {flags.map((f) => (
          <span key={f} className="split-flag">
            {f}
          </span>
        ))}
      </span>
    </button>
  );
}

export function SplitReview({ batch, onChanged }: { batch: BatchSummary; onChanged: () => void }) {
  const { t, pick } = useI18n();
  const [plan, setPlan] = useState<SplitPlan | null>(null);
  const [stack, setStack] = useState<StackPage[]>([]);
  const [records, setRecords] = useState<BatchRecord[]>([]);
  const [cursor, setCursor] = useState(0);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const strip = useRef<HTMLDivElement>(null);
  const focusWanted = useRef(false);
  const editable = batch.state === 'awaiting-split' && plan !== null;

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

  // After a keyboard move the picked page takes the focus. The strip is windowed: a page far
  // away (End in a 500-page batch) is not in the DOM yet, so its row is scrolled into view first
  // and the focus follows on the render that the scroll brings.
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

  const starts = new Map<number, { doc: PlannedDocument; n: number }>();
  plan?.documents.forEach((doc, i) => {
    const first = doc.pages.find((p) => plan.pages[p]?.role === 'content');
    if (first !== undefined) starts.set(first, { doc, n: i + 1 });
  });

  const edit = useCallback(
    async (change: SplitEdit, then?: number) => {
      try {
        const r = await getApi().batchAdjustSplits({ batchId: batch.id, edit: change });
        setPlan(r.plan);
        setError(null);
        if (then !== undefined) {
          focusWanted.current = true;
          setCursor(then);
        }
      } catch (e) {
        setError(toErrorInfo(e));
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

  // Alt+A accepts from anywhere on the screen while the plan waits for review.
  useEffect(() => {
    if (!editable) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyA') {
        e.preventDefault();
        void accept();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable, accept]);

  if (!plan) {
    return batch.separated && ['running', 'queued', 'paused'].includes(batch.state) ? (
      <p className="muted split-waiting">{t.batch.splitWaiting}</p>
    ) : (
      <ErrorNotice error={error} />
    );
  }

  const page = plan.pages[cursor];
  const isStart = starts.has(cursor);
  const isFirst = [...starts.keys()][0] === cursor;
  const toggle = () =>
    void edit(isStart ? { op: 'remove', at: cursor } : { op: 'add', at: cursor });
  const move = (by: -1 | 1) =>
    void edit({ op: 'move', from: cursor, to: cursor + by }, cursor + by);
  const role = () =>
    void edit({
      op: 'role',
      at: cursor,
      role: page?.role === 'separator' ? 'content' : 'separator',
    });

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey) return;
    const last = plan.pages.length - 1;
    const go = (to: number) => {
      e.preventDefault();
      focusWanted.current = true;
      setCursor(Math.max(0, Math.min(last, to)));
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

  const recordOf = new Map(records.map((r) => [r.document, r]));
  let group = 0;
  return (
    <section className="batch-split" aria-labelledby="batch-split-title">
      <h4 id="batch-split-title">{t.batch.splitTitle(plan.documents.length, plan.pages.length)}</h4>
      {batch.autoAccepted && <p className="muted small split-auto">{t.batch.splitAutoAccepted}</p>}
      {editable && <p className="muted small">{t.batch.splitIntro}</p>}
      {editable && <p className="muted small">{t.batch.splitShortcuts}</p>}
      <ErrorNotice error={error} />
      {editable && page && (
        <div
          className="batch-actions split-tools"
          role="toolbar"
          aria-label={t.batch.splitSelected(cursor + 1)}
        >
          <span className="muted small">{t.batch.splitSelected(cursor + 1)}</span>
          <button
            type="button"
            className="secondary"
            disabled={page.role !== 'content' || isFirst}
            title={`${isStart ? t.batch.splitRemove : t.batch.splitAdd} (${SPLIT_KEYS.toggle})`}
            aria-keyshortcuts={SPLIT_KEYS.toggle}
            onClick={toggle}
          >
            {isStart ? t.batch.splitRemove : t.batch.splitAdd}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!isStart || isFirst}
            title={`${t.batch.splitLeft} (Alt+←)`}
            aria-keyshortcuts={SPLIT_KEYS.left}
            onClick={() => move(-1)}
          >
            {t.batch.splitLeft}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!isStart || isFirst}
            title={`${t.batch.splitRight} (Alt+→)`}
            aria-keyshortcuts={SPLIT_KEYS.right}
            onClick={() => move(1)}
          >
            {t.batch.splitRight}
          </button>
          <button
            type="button"
            className="secondary"
            title={`${page.role === 'separator' ? t.batch.splitRoleContent : t.batch.splitRoleSeparator} (${SPLIT_KEYS.role})`}
            aria-keyshortcuts={SPLIT_KEYS.role}
            onClick={role}
          >
            {page.role === 'separator' ? t.batch.splitRoleContent : t.batch.splitRoleSeparator}
          </button>
          <button
            type="button"
            title={`${t.batch.splitAccept} (${SPLIT_KEYS.accept})`}
            aria-keyshortcuts={SPLIT_KEYS.accept}
            onClick={() => void accept()}
          >
            {t.batch.splitAccept}
          </button>
        </div>
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
            <Cell
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
    </section>
  );
}
