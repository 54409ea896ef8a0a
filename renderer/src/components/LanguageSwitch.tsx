import { useI18n, type Lang } from '../i18n';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const options: { value: Lang; label: string; short: string }[] = [
    { value: 'vi', label: t.languageVi, short: 'VI' },
    { value: 'en', label: t.languageEn, short: 'EN' },
  ];
  return (
    <div className="lang-switch" role="group" aria-label={t.languageLabel}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.value}
          aria-pressed={lang === o.value}
          aria-label={`${o.short} · ${o.label}`}
          title={o.label}
          onClick={() => setLang(o.value)}
        >
          {o.short}
        </button>
      ))}
    </div>
  );
}
