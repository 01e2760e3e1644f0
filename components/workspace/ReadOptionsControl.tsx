'use client';
import { useCallback, useEffect, useState } from 'react';
import { readStorage, writeStorage } from './storage';

import {
  DEFAULT_READ_SETTINGS,
  parseReadSettings,
  READ_SETTINGS_KEY,
  type CaffeReadSettings,
} from '@/lib/workspace/read-settings';

export { DEFAULT_READ_SETTINGS, parseReadSettings, READ_SETTINGS_KEY, type CaffeReadSettings };

/** The read settings, loaded after mount (no storage on the server) and saved on every change. */
export function useReadSettings(): [CaffeReadSettings, (next: CaffeReadSettings) => void] {
  const [settings, setSettings] = useState<CaffeReadSettings>(DEFAULT_READ_SETTINGS);
  useEffect(() => {
    setSettings(parseReadSettings(readStorage(READ_SETTINGS_KEY)));
  }, []);
  const update = useCallback((next: CaffeReadSettings) => {
    setSettings(next);
    writeStorage(READ_SETTINGS_KEY, JSON.stringify(next));
  }, []);
  return [settings, update];
}

const control =
  'h-7 rounded border border-line bg-surface px-2 text-xs text-fg hover:border-accent focus:border-accent focus:outline-none';

/**
 * Caffe phase (TEST / TRAIN) and the lenient switch, for the header. The phase decides which
 * layers include/exclude rules keep (train files often have a TRAIN-only data layer); lenient
 * reading turns schema errors into warnings, for models of private forks.
 */
export function ReadOptionsControl(p: { value: CaffeReadSettings; onChange(next: CaffeReadSettings): void }) {
  return (
    <div className="ml-2 flex items-center gap-2 text-xs text-muted" data-testid="read-options">
      <label
        className="flex items-center gap-1"
        title="Caffe phase: which layers the include/exclude rules keep (command line: --phase)"
      >
        Phase
        <select
          className={control}
          value={p.value.phase}
          data-testid="phase-select"
          onChange={(e) => p.onChange({ ...p.value, phase: e.target.value === 'TRAIN' ? 'TRAIN' : 'TEST' })}
        >
          <option value="TEST">TEST</option>
          <option value="TRAIN">TRAIN</option>
        </select>
      </label>
      <label
        className="flex items-center gap-1"
        title="Lenient reading: unknown fields, wrong value types and unknown enum values are warnings, and values are read as written (for models of private Caffe forks; command line: --lenient)"
      >
        <input
          type="checkbox"
          checked={p.value.lenient}
          data-testid="lenient-toggle"
          onChange={(e) => p.onChange({ ...p.value, lenient: e.target.checked })}
        />
        Lenient
      </label>
    </div>
  );
}
