import { describe, expect, it } from 'vitest';
import { DEFAULT_READ_SETTINGS, parseReadSettings } from './ReadOptionsControl';

describe('stored Caffe read settings', () => {
  it('round-trips phase and lenient, and falls back to TEST / strict on anything else', () => {
    expect(parseReadSettings(JSON.stringify({ phase: 'TRAIN', lenient: true }))).toEqual({
      phase: 'TRAIN',
      lenient: true,
    });
    expect(parseReadSettings(null)).toEqual(DEFAULT_READ_SETTINGS);
    expect(parseReadSettings('{not json')).toEqual({ phase: 'TEST', lenient: false });
    expect(parseReadSettings(JSON.stringify({ phase: 'train', lenient: 'yes' }))).toEqual({
      phase: 'TEST',
      lenient: false,
    });
    expect(parseReadSettings('null')).toEqual({ phase: 'TEST', lenient: false });
  });
});
