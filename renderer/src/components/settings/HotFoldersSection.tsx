// The hot folders: folders a scanner writes into, each taken by the reception or as a batch.
import { useI18n } from '../../i18n';
import { PathField, SelectField, TextField } from './Field';
import { listEdit } from './listEdit';
import type { SectionProps } from './sectionProps';

type HotFolder = SectionProps['form']['hotFolders'][number];

function HotFolderCard({
  folder: h,
  n,
  path,
  onChange,
  onRemove,
}: {
  folder: HotFolder;
  /** Its place in the list, from 1: named in every label, as several cards look alike. */
  n: number;
  path: string;
  onChange: (patch: Partial<HotFolder>) => void;
  onRemove: () => void;
}) {
  const s = useI18n().t.settings;
  return (
    <div className="rec-card" role="group" aria-label={s.hotFolderN(n)}>
      <div className="rec-grid">
        <PathField
          path={`${path}.path`}
          label={`${s.hotFolderPath} (${n})`}
          purpose="hotFolder"
          value={h.path}
          onChange={(v) => onChange({ path: v })}
        />
        <TextField
          path={`${path}.label`}
          label={`${s.hotFolderLabel} (${n})`}
          value={h.label ?? ''}
          onChange={(label) => onChange({ label })}
        />
        <SelectField
          path={`${path}.target`}
          label={`${s.hotFolderTarget} (${n})`}
          value={h.target}
          options={[
            { value: 'reception', text: s.targetReception },
            { value: 'batch', text: s.targetBatch },
          ]}
          onChange={(target) => onChange({ target })}
        />
      </div>
      <button type="button" className="secondary small" onClick={onRemove}>
        {s.removeHotFolder(n)}
      </button>
    </div>
  );
}

export function HotFoldersSection({ form, update }: SectionProps) {
  const s = useI18n().t.settings;
  const edit = listEdit(form.hotFolders, (hotFolders) => update({ hotFolders }));
  return (
    <fieldset>
      <legend>{s.hotFolders}</legend>
      <p className="rec-hint">{s.hotFoldersHint}</p>
      {form.hotFolders.map((h, i) => (
        <HotFolderCard
          key={i}
          folder={h}
          n={i + 1}
          path={`hotFolders.${i}`}
          onChange={(patch) => edit.set(i, patch)}
          onRemove={() => edit.remove(i)}
        />
      ))}
      <button
        type="button"
        className="secondary small"
        onClick={() => edit.add({ path: '', label: '', target: 'reception' })}
      >
        {s.addHotFolder}
      </button>
    </fieldset>
  );
}
