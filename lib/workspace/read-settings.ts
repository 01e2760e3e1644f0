/** How Caffe models are read: the phase for include/exclude rules, and lenient schema checking. */
export interface CaffeReadSettings {
  readonly phase: 'TEST' | 'TRAIN';
  /** Schema problems (unknown fields, wrong value types…) are warnings instead of errors. */
  readonly lenient: boolean;
}

export const DEFAULT_READ_SETTINGS: CaffeReadSettings = Object.freeze({ phase: 'TEST', lenient: false });

/** localStorage key of the read settings (kept beside the other workspace settings). */
export const READ_SETTINGS_KEY = 'layerscope.read';

/**
 * Parses stored settings; anything unexpected gives the defaults. Framework-free: the page and
 * the boot worker (lib/boot), which analyses a link before the app starts, read them alike.
 */
export function parseReadSettings(raw: string | null): CaffeReadSettings {
  if (!raw) return DEFAULT_READ_SETTINGS;
  try {
    const v = JSON.parse(raw) as Partial<CaffeReadSettings> | null;
    return {
      phase: v?.phase === 'TRAIN' ? 'TRAIN' : 'TEST',
      lenient: v?.lenient === true,
    };
  } catch {
    return DEFAULT_READ_SETTINGS;
  }
}
