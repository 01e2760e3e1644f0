import { describe, expect, it } from 'vitest';
import { PANE_SIZE_KEYS } from '@/lib/boot/protocol';
import { STORAGE_KEYS } from './storage';

describe('boot picture and the workspace storage', () => {
  it('the boot script knows every pane size the workspace restores (else its picture would be out of place)', () => {
    expect([...PANE_SIZE_KEYS].sort()).toEqual(
      [STORAGE_KEYS.editorSplit, STORAGE_KEYS.graphSplit, STORAGE_KEYS.inspectorWidth].sort(),
    );
  });
});
