// What a key does on the focused page thumbnail, as plain logic: arrows, Home and End walk the
// pages (up and down by a row of the grid), Ctrl+arrows move the page, and single letters turn,
// delete, split or merge (the page shortcuts of shortcuts.ts).
import type { PageAction } from './model';

export type PageKeyCommand = { kind: 'focus'; index: number } | { kind: 'act'; action: PageAction };

type Key = Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** The command for `e` on page `index` of `count` in a grid of `columns`, or null (not ours). */
export function pageKeyCommand(
  e: Key,
  index: number,
  count: number,
  columns: number,
): PageKeyCommand | null {
  const plain = !e.altKey && !e.ctrlKey && !e.metaKey;
  const focus = (to: number): PageKeyCommand => ({ kind: 'focus', index: to });
  const act = (action: PageAction): PageKeyCommand => ({ kind: 'act', action });
  if (e.ctrlKey && e.key === 'ArrowLeft') return act('back');
  if (e.ctrlKey && e.key === 'ArrowRight') return act('forward');
  if (!plain) return null;
  switch (e.key) {
    case 'ArrowLeft':
      return focus(index - 1);
    case 'ArrowRight':
      return focus(index + 1);
    case 'ArrowUp':
      return focus(Math.max(0, index - columns));
    case 'ArrowDown':
      return focus(Math.min(count - 1, index + columns));
    case 'Home':
      return focus(0);
    case 'End':
      return focus(count - 1);
    case 'r':
    case 'R':
      return act(e.shiftKey ? 'rotateLeft' : 'rotateRight');
    case 'Delete':
    case 'Backspace':
      return act('delete');
    case 's':
    case 'S':
      return act('split');
    case 'm':
    case 'M':
      return act('merge');
    default:
      return null;
  }
}
