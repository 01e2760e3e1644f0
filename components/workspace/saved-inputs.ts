import type { Shape } from '@/lib/ir';
import { readStorage, STORAGE_KEYS, writeStorage } from './storage';

/** Input shapes the user set, saved beside the saved text (they belong to it: a new model starts without). */
export function readSavedInputs(): Record<string, Shape> | null {
  const raw = readStorage(STORAGE_KEYS.inputs);
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    const out: Record<string, Shape> = {};
    for (const [k, dims] of Object.entries(v as Record<string, unknown>)) {
      if (Array.isArray(dims) && dims.length > 0 && dims.every((d) => Number.isSafeInteger(d) && (d as number) > 0))
        out[k] = dims as number[];
    }
    return Object.keys(out).length > 0 ? out : null;
  } catch {
    return null;
  }
}

/** Saves the shapes (an empty set clears the key). */
export function saveInputs(inputs: Readonly<Record<string, Shape>>): void {
  writeStorage(STORAGE_KEYS.inputs, Object.keys(inputs).length > 0 ? JSON.stringify(inputs) : '');
}
