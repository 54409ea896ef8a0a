// Cài đặt: agency identity and codes, signing key or token, scanners and hot folders, the
// records-store connector, the export folder, the holiday calendar and the language, one
// fieldset each (components/settings/). The shared schema checks the form before it is sent
// (errors at each field and in a summary); the core checks it again and keeps secrets encrypted,
// write-only.
import { useMemo, type ReactNode } from 'react';
import { getApi } from '../api';
import { AgencySection } from '../components/settings/AgencySection';
import { ConnectorSection } from '../components/settings/ConnectorSection';
import { ErrorSummary } from '../components/settings/ErrorSummary';
import { SettingsFieldsContext } from '../components/settings/Field';
import { HolidaysEditor } from '../components/settings/HolidaysEditor';
import { HotFoldersSection } from '../components/settings/HotFoldersSection';
import { LanguageSection } from '../components/settings/LanguageSection';
import { ProtectionSection } from '../components/settings/ProtectionSection';
import { ScannersSection } from '../components/settings/ScannersSection';
import { SigningSection } from '../components/settings/SigningSection';
import { useSettingsForm } from '../components/settings/useSettingsForm';
import { useI18n } from '../i18n';
import '../styles/records.css';

function SettingsPage({ children }: { children: ReactNode }) {
  const s = useI18n().t.settings;
  return (
    <div className="screen records-screen">
      <h2>{s.title}</h2>
      {children}
    </div>
  );
}

export function SettingsScreen() {
  const api = useMemo(getApi, []);
  const { t, pick, setLang } = useI18n();
  const s = t.settings;
  const f = useSettingsForm(api, setLang);
  const { view, form } = f;

  if (f.loadError)
    return (
      <SettingsPage>
        <p role="alert" className="error">
          {pick(f.loadError.message)}
        </p>
      </SettingsPage>
    );
  if (!form || !view)
    return (
      <SettingsPage>
        <p className="muted">{s.loading}</p>
      </SettingsPage>
    );

  const section = { form, update: f.update };
  const secrets = { ...section, secrets: f.secrets, setSecret: f.setSecret, stored: view.secrets };
  return (
    <SettingsPage>
      <p className="muted">{s.intro}</p>
      {view.unreadable && (
        <p role="alert" className="error">
          {s.unreadable}
        </p>
      )}
      <ErrorSummary issues={f.issues} labels={f.labels} />
      <SettingsFieldsContext.Provider value={f.fields}>
        <form className="settings-form" onSubmit={(e) => void f.save(e)} noValidate>
          <AgencySection {...section} />
          <SigningSection {...secrets} />
          <ScannersSection {...section} />
          <HotFoldersSection {...section} />
          <ConnectorSection {...secrets} defaultExportDir={view.defaultExportDir} />
          <ProtectionSection {...section} api={api} />
          <LanguageSection {...section} />
          <div className="rec-actions">
            <button type="submit" className="primary" disabled={f.saving} aria-busy={f.saving}>
              {f.saving ? s.saving : s.save}
            </button>
            <div role="status" aria-live="polite">
              {f.saved && <p className="ok">{s.saved}</p>}
            </div>
          </div>
        </form>
      </SettingsFieldsContext.Provider>
      <div className="holidays">
        <HolidaysEditor api={api} />
      </div>
    </SettingsPage>
  );
}
