// The archivist's review of a record's TT 05/2025 document fields, from the keyboard alone: each
// field shows what the machine read, how sure it was and the page region it read it from. Enter
// accepts the field as it stands (or saves what was typed), typing replaces the selected value, Tab / Shift+Tab move,
// Esc undoes the edit, Alt+A accepts every field read with high confidence. After Enter the
// focus goes to the next field still to review, so a record is reviewed in one pass.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import type {
  RecordFieldsView,
  ReviewField,
  ReviewFieldName,
} from '../../../../shared/contracts/records';
import { READ_FIELD_LABELS, REVIEW_FIELD_CONFIDENCE } from '../../../../shared/documentMetadata';
import type { ErrorInfo } from '../../../../shared/errors';
import { toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';
import { loadPageImage, type CachedPage } from './pageImageCache';
import '../../styles/fields.css';

const inputId = (doc: number, field: string) => `field-${doc}-${field}`;

/** The drafts with one set, or dropped when `value` is undefined (accepted, saved or undone). */
function withDraft(
  drafts: Record<string, string>,
  key: string,
  value: string | undefined,
): Record<string, string> {
  const next = { ...drafts };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** The page region a field was read from, cropped from the page image (SVG: no inline styles). */
function RegionCrop({
  api,
  recordId,
  read,
  label,
}: {
  api: SohoaApi;
  recordId: number;
  read: ReviewField['read'];
  label: string;
}) {
  const { t } = useI18n();
  const [image, setImage] = useState<CachedPage | null>(null);
  const page = read?.page ?? 1;
  const region = read?.region ?? null;
  useEffect(() => {
    if (!region) return;
    let current = true;
    loadPageImage(api, recordId, page).then(
      (p) => current && setImage(p),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, recordId, page, region]);
  if (!region) return <span className="field-region muted small">{t.fields.noRegion}</span>;
  if (!image) return <span className="field-region" aria-hidden="true" />;
  const pad = 0.01;
  const x = Math.max(0, region.x0 - pad) * image.widthPx;
  const y = Math.max(0, region.y0 - pad) * image.heightPx;
  const w = Math.max(
    1,
    (Math.min(1, region.x1 + pad) - Math.max(0, region.x0 - pad)) * image.widthPx,
  );
  const h = Math.max(
    1,
    (Math.min(1, region.y1 + pad) - Math.max(0, region.y0 - pad)) * image.heightPx,
  );
  return (
    <svg
      className="field-region"
      viewBox={`${x} ${y} ${w} ${h}`}
      preserveAspectRatio="xMinYMid meet"
      role="img"
      aria-label={t.fields.region(label)}
    >
      <image href={image.url} width={image.widthPx} height={image.heightPx} />
    </svg>
  );
}

function useRecordFields(api: SohoaApi, recordId: number) {
  const [view, setView] = useState<RecordFieldsView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    let current = true;
    api.recordFields({ recordId }).then(
      (v) => current && setView(v),
      (e: unknown) => current && setError(toErrorInfo(e)),
    );
    return () => {
      current = false;
    };
  }, [api, recordId]);
  return { view, setView, error, setError };
}

export function FieldReview({
  api,
  recordId,
  onTitle,
}: {
  api: SohoaApi;
  recordId: number;
  /** The record's title after a review changed it (a title built from the fields follows them). */
  onTitle?: (title: string) => void;
}) {
  const { t, pick } = useI18n();
  const { view, setView, error, setError } = useRecordFields(api, recordId);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);

  const apply = useCallback(
    async (
      request: Parameters<SohoaApi['reviewFields']>[0],
      after?: { doc: number; field: ReviewFieldName },
    ) => {
      try {
        const next = await api.reviewFields(request);
        setView(next);
        setError(null);
        onTitle?.(next.title);
        if (after) {
          setDrafts((d) => withDraft(d, `${after.doc}:${after.field}`, undefined));
          focusNext(formRef.current, next, after.doc, after.field);
        }
      } catch (e) {
        setError(toErrorInfo(e));
      }
    },
    [api, onTitle, setError, setView],
  );

  if (error && !view)
    return (
      <p role="alert" className="error">
        {pick(error.message)}
      </p>
    );
  if (!view) return <p className="muted">{t.fields.loading}</p>;

  const commit = (doc: number, f: ReviewField) => {
    const draft = drafts[`${doc}:${f.field}`];
    const label = pick(READ_FIELD_LABELS[f.field]);
    setNotice(t.fields.saved(label));
    const request =
      draft !== undefined && draft !== f.value
        ? { recordId, document: doc, edits: [{ field: f.field, value: draft }] }
        : { recordId, document: doc, accept: [f.field] };
    void apply(request, { doc, field: f.field });
  };
  const acceptConfident = () => {
    for (const d of view.documents)
      void apply({ recordId, document: d.ordinal, acceptConfident: true });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.altKey && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      acceptConfident();
    }
  };
  const nothingRead = view.documents.every((d) => d.fields.every((f) => f.read === null));

  return (
    <form
      ref={formRef}
      className="field-review"
      aria-labelledby="field-review-title"
      aria-describedby="field-review-help"
      onSubmit={(e) => e.preventDefault()}
      onKeyDown={onKeyDown}
    >
      <div className="panel-head">
        <h3 id="field-review-title">{t.fields.title}</h3>
        <p role="status" className="muted small" data-testid="fields-unreviewed">
          {t.fields.unreviewed(view.unreviewed)}
        </p>
      </div>
      <p id="field-review-help" className="muted small">
        {t.fields.help}
      </p>
      {nothingRead && <p className="muted small">{t.fields.none}</p>}
      <button type="button" className="secondary small" onClick={acceptConfident}>
        {t.fields.acceptConfident}
      </button>
      {error && (
        <p role="alert" className="error">
          {pick(error.message)}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {notice}
      </p>
      {view.documents.map((d) => (
        <fieldset key={d.ordinal} className="field-doc">
          <legend>{t.fields.document(d.docCode)}</legend>
          {d.fields.map((f) => (
            <FieldRow
              key={f.field}
              api={api}
              recordId={recordId}
              doc={d.ordinal}
              field={f}
              draft={drafts[`${d.ordinal}:${f.field}`]}
              setDraft={(v) => setDrafts((x) => withDraft(x, `${d.ordinal}:${f.field}`, v))}
              onCommit={() => commit(d.ordinal, f)}
            />
          ))}
        </fieldset>
      ))}
    </form>
  );
}

function FieldRow({
  api,
  recordId,
  doc,
  field: f,
  draft,
  setDraft,
  onCommit,
}: {
  api: SohoaApi;
  recordId: number;
  doc: number;
  field: ReviewField;
  draft: string | undefined;
  setDraft: (value: string | undefined) => void;
  onCommit: () => void;
}) {
  const { t, pick } = useI18n();
  const label = pick(READ_FIELD_LABELS[f.field]);
  const id = inputId(doc, f.field);
  const stateText =
    f.state === 'unreviewed'
      ? t.fields.stateUnreviewed
      : f.state === 'accepted'
        ? t.fields.stateAccepted
        : f.state === 'edited'
          ? t.fields.stateEdited
          : t.fields.stateNone;
  const confident = f.read !== null && f.read.confidence >= REVIEW_FIELD_CONFIDENCE;
  const long = f.field === 'subject' || f.field === 'organName' || f.field === 'keyword';
  return (
    <div className="field-row" data-state={f.state ?? 'none'} data-field={f.field}>
      <label htmlFor={id}>{label}</label>
      <RegionCrop api={api} recordId={recordId} read={f.read} label={label} />
      <input
        id={id}
        className={long ? 'field-input long' : 'field-input'}
        value={draft ?? f.value}
        aria-describedby={`${id}-state`}
        autoComplete="off"
        // Reached by Tab or after Enter, the value is selected: typing replaces what was read.
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onCommit();
          } else if (e.key === 'Escape' && draft !== undefined) {
            e.preventDefault();
            setDraft(undefined);
          }
        }}
      />
      <span id={`${id}-state`} className="field-state small">
        <span className={`field-badge ${f.state ?? 'none'}`}>{stateText}</span>
        {f.read && (
          <span className={confident ? 'field-confidence high' : 'field-confidence'}>
            {t.fields.confidence(Math.round(f.read.confidence * 100))}
          </span>
        )}
      </span>
    </div>
  );
}

/** After a field is done: the next one still to review in reading order, else the next one. */
function focusNext(
  form: HTMLFormElement | null,
  view: RecordFieldsView,
  doc: number,
  field: ReviewFieldName,
) {
  if (!form) return;
  const order = view.documents.flatMap((d) => d.fields.map((f) => ({ doc: d.ordinal, f })));
  const at = order.findIndex((x) => x.doc === doc && x.f.field === field);
  const after = [...order.slice(at + 1), ...order.slice(0, at + 1)];
  const next = after.find((x) => x.f.state === 'unreviewed') ?? order[at + 1];
  if (!next) return;
  // After React has rendered the new states.
  requestAnimationFrame(() =>
    form.querySelector<HTMLInputElement>(`#${inputId(next.doc, next.f.field)}`)?.focus(),
  );
}
