// Every keyboard shortcut of the desk in one table: the help overlay lists it, and buttons take
// their tooltip and aria-keyshortcuts from it, so what is shown is what works.
import type { Messages } from '../../i18n/vi';

type ReceptionText = Messages['reception'];

export interface Shortcut {
  id: string;
  /** As aria-keyshortcuts spells it (space-separated alternatives). */
  keys: string;
  /** As shown to people. */
  display: string;
  label: (t: ReceptionText) => string;
  group: 'global' | 'reception' | 'page';
}

export const SHORTCUTS = {
  nav: { keys: 'Alt+1 Alt+6', display: 'Alt+1 … Alt+6', label: (t) => t.keyNav, group: 'global' },
  help: { keys: 'F1 Shift+?', display: 'F1, ?', label: (t) => t.keyHelp, group: 'global' },
  cardScan: { keys: '', display: '', label: (t) => t.keyScan, group: 'global' },
  procedure: { keys: 'Alt+P', display: 'Alt+P', label: (t) => t.keyProcedure, group: 'reception' },
  applicant: { keys: 'Alt+N', display: 'Alt+N', label: (t) => t.keyApplicant, group: 'reception' },
  addPages: { keys: 'Alt+T', display: 'Alt+T', label: (t) => t.keyAddPages, group: 'reception' },
  scan: { keys: 'Alt+Q', display: 'Alt+Q', label: (t) => t.keyScanPages, group: 'reception' },
  folder: { keys: 'Alt+M', display: 'Alt+M', label: (t) => t.keyFolder, group: 'reception' },
  hotFolder: {
    keys: 'Alt+L',
    display: 'Alt+L',
    label: (t) => t.keyHotFolder,
    group: 'reception',
  },
  clerk: { keys: 'Alt+C', display: 'Alt+C', label: (t) => t.keyClerk, group: 'reception' },
  pages: { keys: 'Alt+G', display: 'Alt+G', label: (t) => t.keyPages, group: 'reception' },
  sign: { keys: 'Alt+K', display: 'Alt+K', label: (t) => t.keySign, group: 'reception' },
  print: { keys: 'Alt+I', display: 'Alt+I', label: (t) => t.keyPrint, group: 'reception' },
  finish: { keys: 'Alt+H', display: 'Alt+H', label: (t) => t.keyFinish, group: 'reception' },
  pageFocus: {
    keys: 'ArrowLeft ArrowRight ArrowUp ArrowDown Home End',
    display: '← → ↑ ↓, Home, End',
    label: (t) => t.keyPageMoveFocus,
    group: 'page',
  },
  pageMove: {
    keys: 'Control+ArrowLeft Control+ArrowRight',
    display: 'Ctrl+← Ctrl+→',
    label: (t) => t.keyPageMove,
    group: 'page',
  },
  pageRotate: {
    keys: 'R Shift+R',
    display: 'R, Shift+R',
    label: (t) => t.keyPageRotate,
    group: 'page',
  },
  pageDelete: { keys: 'Delete', display: 'Delete', label: (t) => t.keyPageDelete, group: 'page' },
  pageSplit: { keys: 'S', display: 'S', label: (t) => t.keyPageSplit, group: 'page' },
  pageMerge: { keys: 'M', display: 'M', label: (t) => t.keyPageMerge, group: 'page' },
} satisfies Record<string, Omit<Shortcut, 'id'>>;

export type ShortcutId = keyof typeof SHORTCUTS;

export const SHORTCUT_LIST: Shortcut[] = Object.entries(SHORTCUTS).map(([id, s]) => ({ id, ...s }));

/** A button's tooltip: its name and its keys. */
export function titled(name: string, id: ShortcutId): string {
  const keys = SHORTCUTS[id].display;
  return keys ? `${name} (${keys})` : name;
}

/** Whether a keydown matches "Alt+X" style shortcut (letters compared case-insensitively). */
export function isAltKey(
  e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'code'>,
  letter: string,
): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && e.code === `Key${letter.toUpperCase()}`;
}
