// The token's PIN window (Electron only; see electron/main/pinWindow.ts): a page of its own,
// served by the main process, whose preload exposes only `window.sohoaPin` (what to show, submit,
// cancel). The desk's page never sees the PIN. Plain DOM: a form this small needs no React.
// The language is the desk's (same origin, same stored choice).
import type { PinWindowApi } from '../../../shared/pinWindow';
import { MAX_PIN_LENGTH } from '../../../shared/pinWindow';
import { host } from '../i18n/screens/host';
import './pin.css';

declare global {
  interface Window {
    sohoaPin?: PinWindowApi;
  }
}

function language(): 'vi' | 'en' {
  try {
    return localStorage.getItem('sohoa.lang') === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

async function main(): Promise<void> {
  const root = document.getElementById('pin-root');
  const bridge = window.sohoaPin;
  if (!root || !bridge) return;
  const lang = language();
  const t = host[lang];
  document.documentElement.lang = lang;
  document.title = t.pinWindowTitle;
  const request = await bridge.request();
  if (!request) return;

  const input = element('input', {
    id: 'pin',
    type: 'password',
    autocomplete: 'off',
    inputMode: 'numeric',
    maxLength: MAX_PIN_LENGTH,
  });
  input.setAttribute('aria-required', 'true');
  input.setAttribute('aria-describedby', 'pin-why');
  const problem = element('p', { id: 'pin-why', className: 'pin-error' });
  problem.setAttribute('role', 'alert');
  if (request.lastError) problem.textContent = request.lastError.message[lang];
  const submit = element('button', { type: 'submit', className: 'primary' }, t.pinSubmit);
  const cancel = element('button', { type: 'button', className: 'secondary' }, t.pinCancel);
  // Our own message for an empty PIN, in the desk's language (not the browser's bubble).
  const form = element(
    'form',
    { noValidate: true },
    element('h1', {}, t.pinHeading(request.tokenLabel)),
    element('p', { className: 'pin-explain' }, t.pinExplain),
    problem,
    element('label', { htmlFor: 'pin' }, t.pinLabel),
    input,
    element(
      'p',
      { className: 'pin-attempt' },
      request.attempt > 1 ? t.pinAttempt(request.attempt) : '',
    ),
    element('div', { className: 'pin-actions' }, submit, cancel),
  );
  let done = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (done) return;
    if (input.value === '') {
      problem.textContent = t.pinEmpty;
      input.focus();
      return;
    }
    done = true;
    const pin = input.value;
    input.value = '';
    void bridge.submit(pin);
  });
  const stop = () => {
    if (done) return;
    done = true;
    input.value = '';
    void bridge.cancel();
  };
  cancel.addEventListener('click', stop);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') stop();
  });
  root.append(form);
  input.focus();
}

void main();
