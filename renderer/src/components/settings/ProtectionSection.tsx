// Cài đặt, "Bảo vệ dữ liệu": how long each store of the data folder keeps what it holds (the
// retention job applies it), the records stores IT lets the desk reach over plain http://, and
// each store's size with what the last sweep removed.
import type { SohoaApi } from '../../../../shared/contract';
import type { RetentionSettings } from '../../../../shared/settings';
import { useI18n } from '../../i18n';
import { SelectField, TextField } from './Field';
import type { SectionProps } from './sectionProps';
import { StoreSizes } from './StoreSizes';

type DaysField = Exclude<keyof RetentionSettings, 'batchOriginals'>;

const NUMBER_FIELDS: readonly DaysField[] = [
  'sessionDays',
  'scanJobDays',
  'renderCacheMb',
  'stagedDays',
  'hotFolderDoneDays',
  'copiesDays',
  'unarchivedDossierYears',
];

export function ProtectionSection({ form, update, api }: SectionProps & { api: SohoaApi }) {
  const p = useI18n().t.protection;
  const retention = form.retention;
  const set = (patch: Partial<RetentionSettings>) =>
    update({ retention: { ...retention, ...patch } });
  return (
    <fieldset>
      <legend>{p.section}</legend>
      <p className="muted">{p.intro}</p>
      {NUMBER_FIELDS.map((key) => (
        <TextField
          key={key}
          path={`retention.${key}`}
          label={p[key]}
          value={Number.isNaN(retention[key]) ? '' : retention[key]}
          input={{ type: 'number', min: 0, step: 1, inputMode: 'numeric' }}
          // An empty box is not 0 days: it fails validation and says so.
          onChange={(v) => set({ [key]: v.trim() === '' ? NaN : Number(v) })}
        />
      ))}
      <SelectField
        path="retention.batchOriginals"
        label={p.batchOriginals}
        value={retention.batchOriginals}
        options={[
          { value: 'afterUpload', text: p.batchAfterUpload },
          { value: 'keep', text: p.batchKeep },
        ]}
        onChange={(batchOriginals) => set({ batchOriginals })}
      />
      <div className="rec-field">
        <label htmlFor="f-transport-httpEndpoints">{p.httpEndpoints}</label>
        <textarea
          id="f-transport-httpEndpoints"
          aria-describedby="f-transport-httpEndpoints-hint"
          rows={2}
          value={form.transport.httpEndpoints.join('\n')}
          onChange={(e) => update({ transport: { httpEndpoints: e.target.value.split('\n') } })}
        />
        <p id="f-transport-httpEndpoints-hint" className="rec-hint">
          {p.httpHint}
        </p>
      </div>
      <StoreSizes api={api} />
    </fieldset>
  );
}
