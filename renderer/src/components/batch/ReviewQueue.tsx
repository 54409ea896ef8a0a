// The review queue: what the machine was unsure about, oldest batch last. Each item says why
// (blank, poorly read, type undecided), shows the page, and is accepted or dismissed; the
// dossier opens on the page concerned.
import { useEffect, useState } from 'react';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '../../../../shared/classification';
import type { BatchSummary, ReviewItem } from '../../../../shared/contracts/batch';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';
import { useI18n, type I18n } from '../../i18n';
import { RecordDialog } from './RecordDialog';
import { ErrorNotice } from './ErrorNotice';
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
  return { items, error, decide };
}

/** Why the item is here and where it is: batch, page, confidence or ink, candidate types. */
function reviewFacts(item: ReviewItem, batchTitle: string | undefined, i18n: I18n): string {
  const { t, lang, locale } = i18n;
  const nf = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  const typeLabel = (code: string) => {
    const parsed = DocumentType.safeParse(code);
    return parsed.success ? DOCUMENT_TYPE_LABELS[parsed.data][lang] : code;
  };
  return [
    batchTitle,
    t.batch.reviewPage(item.ordinal),
    item.reason === 'unclassified'
      ? t.batch.reviewConfidence(Math.round(item.confidence * 100))
      : item.reason === 'low-confidence'
        ? t.batch.reviewConfidence(Math.round(item.confidence))
        : t.batch.reviewInk(nf.format((item.inkRatio ?? 0) * 100)),
    ...(item.candidates.length > 0
      ? [t.batch.reviewCandidates(item.candidates.map(typeLabel).join(', '))]
      : []),
  ]
    .filter(Boolean)
    .join(' · ');
}

function ReviewEntry({
  item,
  batchTitle,
  onDecide,
  onOpen,
}: {
  item: ReviewItem;
  batchTitle: string | undefined;
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
        <p className="muted small">{reviewFacts(item, batchTitle, i18n)}</p>
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

export function ReviewQueue({
  batches,
  reviewOpen,
  onChanged,
}: {
  batches: BatchSummary[];
  reviewOpen: number;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { items, error, decide } = useOpenReviewItems(reviewOpen);
  const [open, setOpen] = useState<{ recordId: number; ordinal: number } | null>(null);
  const titles = new Map(batches.map((b) => [b.id, b.title]));

  return (
    <section className="panel batch-review" aria-labelledby="batch-review-title">
      <h3 id="batch-review-title">{t.batch.reviewTitle(reviewOpen)}</h3>
      <p className="muted small">{t.batch.reviewIntro}</p>
      <ErrorNotice error={error} />
      {items.length === 0 ? (
        <p className="muted">{t.batch.reviewEmpty}</p>
      ) : (
        <ul className="review-list">
          {items.slice(0, SHOWN).map((item) => (
            <ReviewEntry
              key={item.id}
              item={item}
              batchTitle={titles.get(item.batchId)}
              onDecide={(decision) =>
                void decide(item, decision).then((decided) => decided && onChanged())
              }
              onOpen={(recordId) => setOpen({ recordId, ordinal: item.ordinal })}
            />
          ))}
        </ul>
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
