// The reception screen's own Alt+letter shortcuts (the table in shortcuts.ts), heard only while the
// screen is the one shown. Each moves the keyboard to a part of the screen or presses its button,
// so a clerk can take a whole dossier without the mouse.
import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import { isAltKey } from './shortcuts';

/** What the page shortcut (Alt+G) reaches: the pages panel puts the keyboard on its page. */
export interface PagesHandle {
  focusCurrentPage: () => void;
}

/** The parts of the screen the shortcuts move to or press. */
export interface ReceptionTargets {
  search: RefObject<HTMLInputElement | null>;
  name: RefObject<HTMLInputElement | null>;
  clerk: RefObject<HTMLInputElement | null>;
  files: RefObject<HTMLInputElement | null>;
  folder: RefObject<HTMLInputElement | null>;
  scan: RefObject<HTMLButtonElement | null>;
  hotFolder: RefObject<HTMLButtonElement | null>;
  print: RefObject<HTMLButtonElement | null>;
  pages: RefObject<PagesHandle | null>;
}

export function useReceptionTargets(): ReceptionTargets {
  return {
    search: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
    clerk: useRef<HTMLInputElement>(null),
    files: useRef<HTMLInputElement>(null),
    folder: useRef<HTMLInputElement>(null),
    scan: useRef<HTMLButtonElement>(null),
    hotFolder: useRef<HTMLButtonElement>(null),
    print: useRef<HTMLButtonElement>(null),
    pages: useRef<PagesHandle>(null),
  };
}

/** Focus after React has drawn what the change brings (the element may only appear then). */
export function focusSoon(target: RefObject<HTMLElement | null>): void {
  setTimeout(() => target.current?.focus(), 0);
}

export interface ReceptionActions {
  /** Alt+P with a procedure chosen: change it (back to the search box). */
  changeProcedure: () => void;
  sign: () => void;
  print: () => void;
  finish: () => void;
}

export function useReceptionShortcuts(
  active: boolean,
  targets: ReceptionTargets,
  actions: ReceptionActions,
): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    const byLetter: Record<string, () => void> = {
      p: () => {
        if (targets.search.current) targets.search.current.focus();
        else actions.changeProcedure();
      },
      n: () => targets.name.current?.focus(),
      t: () => targets.files.current?.click(),
      q: () => targets.scan.current?.click(),
      m: () => targets.folder.current?.click(),
      l: () => targets.hotFolder.current?.click(),
      c: () => targets.clerk.current?.focus(),
      g: () => targets.pages.current?.focusCurrentPage(),
      k: actions.sign,
      i: actions.print,
      h: actions.finish,
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
