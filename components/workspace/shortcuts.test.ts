import { describe, expect, it } from 'vitest';
import { matchShortcut } from './shortcuts';

const ev = (
  key: string,
  code: string,
  mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {},
) => ({
  key,
  code,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('matches Alt combos by physical key so macOS option-letters work', () => {
    expect(matchShortcut(ev('Ï', 'KeyF', { altKey: true, shiftKey: true }), true)).toBe('format');
    expect(matchShortcut(ev('G', 'KeyG', { altKey: true, shiftKey: true }), true)).toBe('fit');
    expect(matchShortcut(ev('T', 'KeyT', { altKey: true, shiftKey: true }), false)).toBe('theme');
  });
  it('ignores single-key shortcuts while typing', () => {
    expect(matchShortcut(ev('f', 'KeyF'), false)).toBe('fit');
    expect(matchShortcut(ev('f', 'KeyF'), true)).toBeNull();
    expect(matchShortcut(ev('/', 'Slash'), true)).toBeNull();
    expect(matchShortcut(ev('/', 'Slash'), false)).toBe('search');
    expect(matchShortcut(ev('k', 'KeyK', { ctrlKey: true }), true)).toBe('search');
    expect(matchShortcut(ev('?', 'Slash', { shiftKey: true }), false)).toBe('help');
    expect(matchShortcut(ev('x', 'KeyX'), false)).toBeNull();
  });
});
