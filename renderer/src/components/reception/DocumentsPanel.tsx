// Each document: its type (the machine's suggestion, or the clerk's choice, which the classifier
// learns when the dossier is received) and the details read from it, with unsure values marked
// in words as well as colour, and editable.
import {
  DOCUMENT_TYPES,
  DOCUMENT_TYPE_LABELS,
  FIELD_LABELS,
  type DocumentType,
  type FieldName,
} from '../../../../shared/classification';
import { useI18n } from '../../i18n';
import { DateField } from '../desk/DateField';
import { LOW_FIELD_CONFIDENCE, type Workspace } from './model';

/** Fields that hold a day (ISO in the workspace, dd/mm/yyyy on screen). */
const DATE_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>([
  'issuedDate',
  'dateOfBirth',
  'registeredDate',
  'dateOfIssue',
]);

export function DocumentsPanel({
  ws,
  onType,
  onField,
}: {
  ws: Workspace;
  onType: (key: string, type: DocumentType) => void;
  onField: (key: string, index: number, value: string) => void;
}) {
  const { t, lang } = useI18n();
  const r = t.reception;
  if (ws.docs.length === 0) return null;
  return (
    <section className="reception-panel documents" aria-labelledby="documents-title">
      <h3 id="documents-title">{r.documentsTitle}</h3>
      <ol className="doc-list">
        {ws.docs.map((d, i) => {
          const c = d.classification;
          const review = !d.confirmed && !!c && c.needsReview;
          const selectId = `doc-type-${d.key}`;
          return (
            <li key={d.key} className={`doc${review ? ' needs-review' : ''}`} data-doc={i + 1}>
              <h4>{r.documentLabel(i + 1, d.pageIds.length)}</h4>
              <label htmlFor={selectId}>{r.documentType}</label>
              <select
                id={selectId}
                value={d.type ?? ''}
                aria-describedby={`doc-state-${d.key}`}
                aria-invalid={review}
                onChange={(e) => onType(d.key, e.target.value as DocumentType)}
              >
                <option value="" disabled>
                  {r.documentTypeChoose}
                </option>
                {DOCUMENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {DOCUMENT_TYPE_LABELS[type][lang]}
                  </option>
                ))}
              </select>
              <p id={`doc-state-${d.key}`} className="doc-state small">
                {d.stale || !c
                  ? r.documentClassifying
                  : d.confirmed
                    ? `✓ ${r.documentCorrected}`
                    : review
                      ? r.documentNeedsReview
                      : r.documentSuggested(Math.round(c.confidence * 100))}
              </p>
              {c && !d.stale && (
                <div className="fields">
                  <p className="fields-title">{r.documentFields}</p>
                  {d.fields.length === 0 && <p className="muted small">{r.documentNoFields}</p>}
                  {d.fields.map((f, fi) => {
                    const low = f.confidence < LOW_FIELD_CONFIDENCE;
                    const id = `field-${d.key}-${fi}`;
                    return (
                      <div key={id} className={`field${low ? ' low' : ''}`}>
                        <label htmlFor={id}>{FIELD_LABELS[f.name][lang]}</label>
                        {DATE_FIELDS.has(f.name) ? (
                          <DateField
                            id={id}
                            value={f.value}
                            aria-describedby={low ? `${id}-low` : undefined}
                            onChange={(iso) => onField(d.key, fi, iso)}
                          />
                        ) : (
                          <input
                            id={id}
                            value={f.value}
                            autoComplete="off"
                            aria-describedby={low ? `${id}-low` : undefined}
                            onChange={(e) => onField(d.key, fi, e.target.value)}
                          />
                        )}
                        {low && (
                          <span id={`${id}-low`} className="low-note">
                            {r.fieldLow} ({Math.round(f.confidence * 100)}%)
                          </span>
                        )}
                      </div>
                    );
                  })}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
