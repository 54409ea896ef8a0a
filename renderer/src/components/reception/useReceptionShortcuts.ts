// The reception screen's own Alt+letter shortcuts (the table in shortcuts.ts), heard only while the
// screen is the one shown. Each moves the keyboard to a part of the screen or presses its button,
// so a clerk can take a whole dossier without the mouse; a key that cannot act now says why, in
// words, and puts the keyboard on what needs doing (nextStep.ts).
import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import type { FocusTarget, Refusal } from './nextStep';
import { isAltKey } from './shortcuts';

/** What the page shortcut (Alt+G) reaches: the pages panel puts the keyboard on its page. */
export interface PagesHandle {
  focusCurrentPage: () => void;
}

/** The parts of the screen the shortcuts move to or press. */
export interface ReceptionTargets {
  search: RefObject<HTMLInputElement | null>;
  name: RefObject<HTMLInputElement | null>;
  idNumber: RefObject<HTMLInputElement | null>;
  clerk: RefObject<HTMLInputElement | null>;
  files: RefObject<HTMLInputElement | null>;
  folder: RefObject<HTMLInputElement | null>;
  addPages: RefObject<HTMLButtonElement | null>;
  scan: RefObject<HTMLButtonElement | null>;
  hotFolder: RefObject<HTMLButtonElement | null>;
  sign: RefObject<HTMLButtonElement | null>;
  print: RefObject<HTMLButtonElement | null>;
  pages: RefObject<PagesHandle | null>;
}

export function useReceptionTargets(): ReceptionTargets {
  return {
    search: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
    idNumber: useRef<HTMLInputElement>(null),
    clerk: useRef<HTMLInputElement>(null),
    files: useRef<HTMLInputElement>(null),
    folder: useRef<HTMLInputElement>(null),
    addPages: useRef<HTMLButtonElement>(null),
    scan: useRef<HTMLButtonElement>(null),
    hotFolder: useRef<HTMLButtonElement>(null),
    sign: useRef<HTMLButtonElement>(null),
    print: useRef<HTMLButtonElement>(null),
    pages: useRef<PagesHandle>(null),
  };
}

/** The element a focus target names, as the screen is now. */
export function targetElement(targets: ReceptionTargets, target: FocusTarget): HTMLElement | null {
  switch (target.kind) {
    case 'clerk':
      return targets.clerk.current;
    case 'search':
      return targets.search.current;
    case 'name':
      return targets.name.current;
    case 'idNumber':
      return targets.idNumber.current;
    case 'addPages':
      return targets.addPages.current;
    case 'docType':
      return document.getElementById(`doc-type-${target.key}`);
  }
}

/** What the screen tells the keys: its state, and how to act, refuse and move the keyboard. */
export interface CounterKeys {
  /** Signed: pages and procedure are closed. */
  signed: boolean;
  /** Pages are being read: no other stack until they are in. */
  reading: boolean;
  pageCount: number;
  changeProcedure: () => void;
  sign: () => void;
  print: () => void;
  finish: () => void;
  refuse: (refusal: Refusal) => void;
}

/** Opens a page source, or says why none can be used now (signed, or pages still being read). */
function fromSource(keys: CounterKeys, open: () => void): void {
  if (keys.signed) keys.refuse({ kind: 'signed' });
  else if (keys.reading) keys.refuse({ kind: 'reading' });
  else open();
}

export function useReceptionShortcuts(
  active: boolean,
  targets: ReceptionTargets,
  keys: CounterKeys,
): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    const byLetter: Record<string, () => void> = {
      p: () => {
        if (targets.search.current) targets.search.current.focus();
        else if (keys.signed) keys.refuse({ kind: 'signed' });
        else keys.changeProcedure();
      },
      n: () => targets.name.current?.focus(),
      t: () => fromSource(keys, () => targets.files.current?.click()),
      q: () => fromSource(keys, () => targets.scan.current?.click()),
      m: () => fromSource(keys, () => targets.folder.current?.click()),
      l: () =>
        fromSource(keys, () => {
          const button = targets.hotFolder.current;
          if (button && !button.disabled) button.click();
          else keys.refuse({ kind: 'hotFolderEmpty', configured: button !== null });
        }),
      c: () => targets.clerk.current?.focus(),
      g: () =>
        keys.pageCount > 0
          ? targets.pages.current?.focusCurrentPage()
          : keys.refuse({ kind: 'noPages' }),
      k: keys.sign,
      i: keys.print,
      h: keys.finish,
    };
    const letter = Object.keys(byLetter).find((l) => isAltKey(e, l));
    if (!letter) return;
    e.preventDefault();
    byLetter[letter]!();
  });

  useEffect(() => {
    if (!active) return;
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [active]);
}
