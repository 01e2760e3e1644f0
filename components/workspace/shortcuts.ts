/** A keyboard shortcut of the workspace. */
export interface Shortcut {
  readonly id: 'format' | 'fit' | 'search' | 'theme' | 'help';
  readonly keys: string;
  readonly label: string;
  /** True when the event triggers it; `typing` is true inside inputs and the editor. */
  matches(
    e: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>,
    typing: boolean,
  ): boolean;
}

// Alt combos match on `code`: on macOS Alt changes `key` (Alt+F types ƒ).
const altShift = (e: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>) =>
  e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey;

/** The shortcuts, also listed in the help popover. */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'format',
    keys: 'Shift+Alt+F',
    label: 'Format the model text',
    matches: (e) => altShift(e) && e.code === 'KeyF',
  },
  {
    id: 'fit',
    keys: 'Shift+Alt+G  or  F',
    label: 'Fit the graph to the view',
    matches: (e, typing) =>
      (altShift(e) && e.code === 'KeyG') || (!typing && e.key === 'f' && !e.ctrlKey && !e.metaKey && !e.altKey),
  },
  {
    id: 'search',
    keys: 'Ctrl+K  or  /',
    label: 'Find a layer by name or type',
    matches: (e, typing) =>
      ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') || (!typing && e.key === '/'),
  },
  {
    id: 'theme',
    keys: 'Shift+Alt+T',
    label: 'Switch light / dark theme',
    matches: (e) => altShift(e) && e.code === 'KeyT',
  },
  { id: 'help', keys: '?', label: 'Show these shortcuts', matches: (e, typing) => !typing && e.key === '?' },
];

/** The shortcut an event triggers, if any. */
export function matchShortcut(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>,
  typing: boolean,
): Shortcut['id'] | null {
  return SHORTCUTS.find((s) => s.matches(e, typing))?.id ?? null;
}
