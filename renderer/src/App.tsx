// The desk's shell: brand, the navigation between screens, the language switch. One screen is
// shown at a time; Alt+1…6 jumps to a screen from anywhere (the keys are in each tab's title).
import { useEffect, useState, type ReactElement } from 'react';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useI18n, type I18n } from './i18n';
import { ArchiveScreen } from './screens/ArchiveScreen';
import { AuditScreen } from './screens/AuditScreen';
import { BatchScreen } from './screens/BatchScreen';
import { OutboxScreen } from './screens/OutboxScreen';
import { ReceptionScreen } from './screens/ReceptionScreen';
import { SettingsScreen } from './screens/SettingsScreen';

export type ScreenId = 'reception' | 'batch' | 'archive' | 'outbox' | 'settings' | 'audit';

const SCREENS: { id: ScreenId; label: (t: I18n['t']) => string; render: () => ReactElement }[] = [
  { id: 'reception', label: (t) => t.navReception, render: () => <ReceptionScreen /> },
  { id: 'batch', label: (t) => t.navBatch, render: () => <BatchScreen /> },
  { id: 'archive', label: (t) => t.navArchive, render: () => <ArchiveScreen /> },
  { id: 'outbox', label: (t) => t.navOutbox, render: () => <OutboxScreen /> },
  { id: 'settings', label: (t) => t.navSettings, render: () => <SettingsScreen /> },
  { id: 'audit', label: (t) => t.navAudit, render: () => <AuditScreen /> },
];

export function App() {
  const { t } = useI18n();
  const [screen, setScreen] = useState<ScreenId>('reception');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const index = Number(e.key) - 1;
      const target = SCREENS[index];
      if (!target) return;
      e.preventDefault();
      setScreen(target.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const current = SCREENS.find((s) => s.id === screen) ?? SCREENS[0]!;
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <h1>{t.appName}</h1>
          <p>{t.appTagline}</p>
        </div>
        <nav aria-label={t.navLabel} className="nav">
          {SCREENS.map((s, i) => (
            <button
              key={s.id}
              type="button"
              data-screen={s.id}
              aria-current={s.id === screen ? 'page' : undefined}
              title={`${s.label(t)} (Alt+${i + 1})`}
              aria-keyshortcuts={`Alt+${i + 1}`}
              onClick={() => setScreen(s.id)}
            >
              {s.label(t)}
            </button>
          ))}
        </nav>
        <div className="actions">
          <LanguageSwitch />
        </div>
      </header>
      <main id="screen" aria-label={current.label(t)}>
        {current.render()}
      </main>
    </div>
  );
}
