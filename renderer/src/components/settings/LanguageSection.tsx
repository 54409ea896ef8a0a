// The language of the desk on this machine (saved with the settings, applied at once).
import { useI18n } from '../../i18n';
import { SelectField } from './Field';
import type { SectionProps } from './sectionProps';

export function LanguageSection({ form, update }: SectionProps) {
  const s = useI18n().t.settings;
  return (
    <fieldset>
      <legend>{s.language}</legend>
      <SelectField
        path="language"
        label={s.languageLabel}
        value={form.language}
        // Each language named in itself, so a reader of either finds theirs.
        options={[
          { value: 'vi', text: 'Tiếng Việt', lang: 'vi' },
          { value: 'en', text: 'English', lang: 'en' },
        ]}
        onChange={(language) => update({ language })}
      />
    </fieldset>
  );
}
