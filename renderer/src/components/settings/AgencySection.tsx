// The agency: its code, its name, the pattern of its dossier codes and the place written on slips.
import { useI18n } from '../../i18n';
import { TextField } from './Field';
import type { SectionProps } from './sectionProps';

export function AgencySection({ form, update }: SectionProps) {
  const s = useI18n().t.settings;
  const set = (patch: Partial<SectionProps['form']['agency']>) =>
    update({ agency: { ...form.agency, ...patch } });
  return (
    <fieldset>
      <legend>{s.agency}</legend>
      <TextField
        path="agency.id"
        label={s.agencyId}
        hint={s.agencyIdHint}
        value={form.agency.id}
        input={{ autoComplete: 'off' }}
        onChange={(id) => set({ id })}
      />
      <TextField
        path="agency.name"
        label={s.agencyName}
        value={form.agency.name}
        onChange={(name) => set({ name })}
      />
      <TextField
        path="agency.codePattern"
        label={s.codePattern}
        hint={s.codePatternHint}
        value={form.agency.codePattern}
        onChange={(codePattern) => set({ codePattern })}
      />
      <TextField
        path="agency.place"
        label={s.agencyPlace}
        hint={s.agencyPlaceHint}
        value={form.agency.place}
        onChange={(place) => set({ place })}
      />
    </fieldset>
  );
}
