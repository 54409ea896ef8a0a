// The review queue: what the machine was unsure about, newest batch first, under each batch's own
// title and in groups of the same reason and best guess (reviewGroups.ts), so ten identical
// "type undecided, could be a Decision" items are one decision: a group is accepted or dismissed
// whole, or item by item. Each item says why (blank, poorly read, type undecided), shows the page,
// and opens the dossier on it. Every decision is a button the keyboard reaches; after a group's,
// the keyboard moves to the next group's.
import { useEffect, useRef, useState } from 'react';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '../../../../shared/classification';
import type { ReviewItem } from '../../../../shared/contracts/batch';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { formatNumber } from '../../format';
import { useFocusRequest } from '../../hooks/useFocusRequest';
import { useI18n, type I18n } from '../../i18n';
import { RecordDialog } from './RecordDialog';
import { ErrorNotice } from './ErrorNotice';
import { byBatch, groupReviewItems, type ReviewGroup } from './reviewGroups';
import { useThumbnail } from './useThumbnail';

/** Enough for a shift's work; the rest shows once these are decided. */
const SHOWN = 100;

function ReviewThumb({ item }: { item: ReviewItem }) {
  const { t } = useI18n();
  const { src } = useThumbnail(item);
  return (
    <div className="review-thumb">
      {src && <img src={src} alt={t.batch.thumbAlt(item.subject)} />}
    </div>
  );
}

/** The open review items, asked again whenever the count of open items changes. */
function useOpenReviewItems(reviewOpen: number) {
  const [items, setItems] = useState<ReviewItem[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    let live = true;
    getApi()
      .batchReview({ state: 'open' })
      .then((r) => live && setItems(r.items))
      .catch((e: unknown) => live && setError(toErrorInfo(e)));
    return () => {
      live = false;
    };
  }, [reviewOpen]);

  /** Accepts or dismisses an item: it leaves the list once the core has recorded the decision. */
  const decide = async (item: ReviewItem, decision: 'accepted' | 'dismissed') => {
    try {
      await getApi().batchDecide({ itemId: item.id, decision });
      setItems((list) => list.filter((x) => x.id !== item.id));
      setError(null);
      return true;
    } catch (e) {
      setError(toErrorInfo(e));
      return false;
    }
  };
  /** One decision for a whole group; its items leave the list once the core recorded it. */
  const decideGroup = async (group: ReviewGroup, decision: 'accepted' | 'dismissed') => {
    try {
      const ids = group.items.map((i) => i.id);
      await getApi().batchDecideMany({ itemIds: ids, decision });
      setItems((list) => list.filter((x) => !ids.includes(x.id)));
      setError(null);
      return true;
    } catch (e) {
      setError(toErrorInfo(e));
      return false;
    }
  };
  return { items, error, decide, decideGroup };
}

/** A document type's name in the language shown (a code the screen does not know, as it is). */
function typeLabel(code: string, lang: I18n['lang']): string {
  const parsed = DocumentType.safeParse(code);
  return parsed.success ? DOCUMENT_TYPE_LABELS[parsed.data][lang] : code;
}

/** Why the item is here and where it is: page, confidence or ink, candidate types. */
function reviewFacts(item: ReviewItem, i18n: I18n): string {
  const { t, lang } = i18n;
  return [
    t.batch.reviewPage(item.ordinal),
    item.reason === 'unclassified'
      ? t.batch.reviewConfidence(Math.round(item.confidence * 100))
      : item.reason === 'low-confidence'
        ? t.batch.reviewConfidence(Math.round(item.confidence))
        : t.batch.reviewInk(formatNumber((item.inkRatio ?? 0) * 100, lang, 2)),
    ...(item.candidates.length > 0
      ? [t.batch.reviewCandidates(item.candidates.map((c) => typeLabel(c, lang)).join(', '))]
      : []),
  ]
    .filter(Boolean)
    .join(' · ');
}

function ReviewEntry({
  item,
  onDecide,
  onOpen,
}: {
  item: ReviewItem;
  onDecide: (decision: 'accepted' | 'dismissed') => void;
  onOpen: (recordId: number) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li className={`review-item review-${item.reason}`} data-reason={item.reason}>
      <ReviewThumb item={item} />
      <div className="review-body">
        <p>
          <span className="badge review-reason">{t.batch.reason[item.reason]}</span>{' '}
          <strong>{item.subject}</strong>
        </p>
        <p className="muted small">{reviewFacts(item, i18n)}</p>
        <div className="review-actions">
          <button
            type="button"
            className="secondary small"
            title={t.batch.acceptHint}
            aria-label={`${t.batch.accept}: ${item.subject}`}
            onClick={() => onDecide('accepted')}
          >
            {t.batch.accept}
          </button>
          <button
            type="button"
            className="secondary small"
            title={t.batch.dismissHint}
            aria-label={`${t.batch.dismiss}: ${item.subject}`}
            onClick={() => onDecide('dismissed')}
          >
            {t.batch.dismiss}
          </button>
          {item.recordId !== null && (
            <button
              type="button"
              className="link small"
              aria-label={`${t.batch.openDossier}: ${item.subject}`}
              onClick={() => onOpen(item.recordId!)}
            >
              {t.batch.openDossier}
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

/** One group: what its items share, its two decisions for all of them, and its items. */
function GroupEntry({
  group,
  onDecideGroup,
  onDecide,
  onOpen,
}: {
  group: ReviewGroup;
  onDecideGroup: (decision: 'accepted' | 'dismissed') => void;
  onDecide: (item: ReviewItem, decision: 'accepted' | 'dismissed') => void;
  onOpen: (item: ReviewItem) => void;
}) {
  const { t, lang } = useI18n();
  const b = t.batch;
  const d = t.desk;
  const n = group.items.length;
  const what = [
    b.reason[group.reason],
    group.guess ? b.reviewCandidates(typeLabel(group.guess, lang)) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="review-group" data-reason={group.reason} data-count={n} data-group={group.key}>
      <div className="review-group-head">
        <p>
          <span className="badge review-reason">{what}</span>{' '}
          <span className="muted small">{d.reviewGroupCount(n)}</span>
        </p>
        <div className="review-actions">
          <button
            type="button"
            className="secondary small review-accept-all"
            aria-label={d.reviewAcceptAllOf(n, what)}
            onClick={() => onDecideGroup('accepted')}
          >
            {d.reviewAcceptAll(n)}
          </button>
          <button
            type="button"
            className="secondary small"
            aria-label={d.reviewDismissAllOf(n, what)}
            onClick={() => onDecideGroup('dismissed')}
          >
            {d.reviewDismissAll(n)}
          </button>
        </div>
      </div>
      {/* Many alike: the items fold away, the group's decision is the usual one. */}
      <details className="review-group-items" open={n <= 4}>
        <summary>{d.reviewShowItems(n)}</summary>
        <ul className="review-list">
          {group.items.map((item) => (
            <ReviewEntry
              key={item.id}
              item={item}
              onDecide={(decision) => onDecide(item, decision)}
              onOpen={() => onOpen(item)}
            />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function ReviewQueue({
  reviewOpen,
  onChanged,
}: {
  reviewOpen: number;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { items, error, decide, decideGroup } = useOpenReviewItems(reviewOpen);
  const [open, setOpen] = useState<{ recordId: number; ordinal: number } | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const batches = byBatch(groupReviewItems(items.slice(0, SHOWN)));

  const focus = useFocusRequest();
  /** After a group's decision the keyboard goes to the next group's, or to the queue's title. */
  const afterGroup = (key: string) => {
    const heads = [...(list.current?.querySelectorAll<HTMLElement>('.review-accept-all') ?? [])];
    const at = heads.findIndex(
      (el) => el.closest<HTMLElement>('[data-group]')?.dataset.group === key,
    );
    focus(
      () =>
        list.current?.querySelectorAll<HTMLElement>('.review-accept-all')[Math.max(0, at)] ??
        document.getElementById('batch-review-title'),
    );
  };

  return (
    <section className="panel batch-review" aria-labelledby="batch-review-title">
      <h3 id="batch-review-title" tabIndex={-1}>
        {t.batch.reviewTitle(reviewOpen)}
      </h3>
      <p className="muted small">{t.batch.reviewIntro}</p>
      <ErrorNotice error={error} />
      {items.length === 0 ? (
        <p className="muted">{t.batch.reviewEmpty}</p>
      ) : (
        <div ref={list}>
          {batches.map((batch) => (
            <section
              key={batch.batchId}
              className="review-batch"
              aria-labelledby={`review-batch-${batch.batchId}`}
              data-batch={batch.batchId}
            >
              <h4 id={`review-batch-${batch.batchId}`}>{t.desk.reviewBatch(batch.title)}</h4>
              <ul className="review-groups">
                {batch.groups.map((group) => (
                  <GroupEntry
                    key={group.key}
                    group={group}
                    onDecideGroup={(decision) =>
                      void decideGroup(group, decision).then((done) => {
                        if (!done) return;
                        afterGroup(group.key);
                        onChanged();
                      })
                    }
                    onDecide={(item, decision) =>
                      void decide(item, decision).then((done) => done && onChanged())
                    }
                    onOpen={(item) =>
                      item.recordId !== null &&
                      setOpen({ recordId: item.recordId, ordinal: item.ordinal })
                    }
                  />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {open && (
        <RecordDialog
          recordId={open.recordId}
          ordinal={open.ordinal}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
