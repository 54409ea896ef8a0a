// The desk's shell: brand, the navigation between screens, the language switch, the help overlay
// and the ID-card scanner. One screen is shown at a time; Alt+1…6 jumps to a screen from anywhere
// (the keys are in each tab's title), F1 or '?' lists every shortcut. The reception screen stays
// mounted while the clerk looks elsewhere, so a half-received dossier is never lost, and a CCCD
// QR scan from anywhere brings it back with the applicant filled in.
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { ConnectionBanner } from './components/desk/ConnectionBanner';
import { LanguageSwitch } from './components/LanguageSwitch';
import { PolicyBanner } from './components/machine/PolicyBanner';
import { HelpOverlay } from './components/reception/HelpOverlay';
import { titled } from './components/reception/shortcuts';
import { WedgeDetector, type WedgeVerdict } from './components/reception/wedge';
import { useWedgeText, type FedKey } from './components/reception/useWedgeText';
import { useFocusRequest } from './hooks/useFocusRequest';
import { useI18n, type I18n } from './i18n';
import { ArchiveScreen } from './screens/ArchiveScreen';
import { AuditScreen } from './screens/AuditScreen';
import { BatchScreen } from './screens/BatchScreen';
import { OutboxScreen } from './screens/OutboxScreen';
import type { CardScan } from './components/reception/useReception';
import { ReceptionScreen } from './screens/ReceptionScreen';
import { SettingsScreen } from './screens/SettingsScreen';

export type ScreenId = 'reception' | 'batch' | 'archive' | 'outbox' | 'settings' | 'audit';

const SCREENS: { id: ScreenId; label: (t: I18n['t']) => string; render: () => ReactElement }[] = [
  { id: 'reception', label: (t) => t.navReception, render: () => <></> },
  { id: 'batch', label: (t) => t.navBatch, render: () => <BatchScreen /> },
  { id: 'archive', label: (t) => t.navArchive, render: () => <ArchiveScreen /> },
  { id: 'outbox', label: (t) => t.navOutbox, render: () => <OutboxScreen /> },
  { id: 'settings', label: (t) => t.navSettings, render: () => <SettingsScreen /> },
  { id: 'audit', label: (t) => t.navAudit, render: () => <AuditScreen /> },
];

const isTextField = (el: EventTarget | null): el is HTMLInputElement | HTMLTextAreaElement =>
  el instanceof HTMLTextAreaElement ||
  (el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'file'].includes(el.type));

/** Takes back the digits a scan typed into a field before it was recognised as a scan. */
function removeLeaked(el: EventTarget | null, leaked: string): void {
  if (!leaked || !isTextField(el) || !el.value.endsWith(leaked)) return;
  // React tracks the value through the prototype's setter: set it there, not on the element.
  const proto =
    el instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Reflect.set(proto, 'value', el.value.slice(0, -leaked.length), el);
  // React listens to input events: tell it the value changed.
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Where the keyboard lands on a screen reached by Alt+digit: the archive's search box, the
 * reception's field the clerk left (or its procedure search), otherwise the screen itself, never
 * a field of the screen just hidden.
 */
function landingOf(id: ScreenId, lastInReception: HTMLElement | null): HTMLElement | null {
  if (id === 'archive') return document.getElementById('archive-query');
  if (id === 'reception') {
    if (lastInReception?.isConnected) return lastInReception;
    return document.getElementById('procedure-search') ?? document.getElementById('screen');
  }
  return document.getElementById('screen');
}

export function App() {
  const { t } = useI18n();
  const [screen, setScreen] = useState<ScreenId>('reception');
  const [help, setHelp] = useState(false);
  const [scan, setScan] = useState<CardScan | null>(null);
  const wedge = useRef(new WedgeDetector());
  const fedKey = useRef<FedKey>({ key: null });
  const focus = useFocusRequest();
  const lastInReception = useRef<HTMLElement | null>(null);

  const onWedge = useCallback(
    (verdict: Exclude<WedgeVerdict, { kind: 'pass' }>, target: EventTarget | null) => {
      removeLeaked(target, verdict.leaked);
      if (verdict.kind === 'scan') {
        setScan((s) => ({ payload: verdict.payload, seq: (s?.seq ?? 0) + 1 }));
        setScreen('reception');
      }
    },
    [],
  );
  useWedgeText(wedge, fedKey, onWedge);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // The scanner first: its keys must not reach fields or shortcuts.
      if (!e.altKey && !e.ctrlKey && !e.metaKey) {
        const verdict = wedge.current.feed(e.key, e.timeStamp);
        if (verdict.kind !== 'pass') {
          e.preventDefault();
          e.stopPropagation();
          onWedge(verdict, e.target);
          return;
        }
        // The character this key types comes again in a beforeinput: fed once, here.
        fedKey.current.key = [...e.key].length === 1 ? e.key : null;
      }
      if (e.key === 'F1' || (e.key === '?' && !isTextField(e.target) && !e.ctrlKey && !e.altKey)) {
        e.preventDefault();
        setHelp(true);
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      // By physical key: Alt+digit types other characters on some layouts.
      const digit = /^Digit([1-6])$/.exec(e.code);
      const target = digit ? SCREENS[Number(digit[1]) - 1] : undefined;
      if (!target) return;
      e.preventDefault();
      const active = document.activeElement;
      if (active instanceof HTMLElement && active.closest('.reception'))
        lastInReception.current = active;
      setScreen(target.id);
      focus(() => landingOf(target.id, lastInReception.current));
    };
    // Capture phase: the scanner's keys are taken before any field or screen sees them.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [focus, onWedge]);

  const closeHelp = useCallback(() => setHelp(false), []);
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
          <button
            type="button"
            className="secondary help-button"
            title={titled(t.reception.helpTitle, 'help')}
            aria-keyshortcuts="F1"
            onClick={() => setHelp(true)}
          >
            {t.reception.helpOpen}
          </button>
          <LanguageSwitch />
        </div>
      </header>
      <PolicyBanner />
      <ConnectionBanner />
      <main id="screen" aria-label={current.label(t)} tabIndex={-1}>
        <div className="screen-host" hidden={screen !== 'reception'}>
          <ReceptionScreen active={screen === 'reception'} scan={scan} />
        </div>
        {screen !== 'reception' && current.render()}
      </main>
      <HelpOverlay open={help} onClose={closeHelp} />
    </div>
  );
}
