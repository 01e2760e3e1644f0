import type { ReadOptions, ReadResult } from '../../ir';
import { parsePrototxt } from '../prototxt/parser';
import { convertNet, guardRead } from './net';

export { convertNet, guardRead } from './net';
export type { ConvertInput } from './net';
export { toCaffeJson } from './to-json';
export { v1TypeByName, v1TypeByNumber, v1TypeTable } from './v1-types';

/**
 * Reads a Caffe prototxt (current `layer {}` or legacy V1 `layers {}`) into the IR.
 * Default phase TEST; `options.phase`/`options.stages` choose others. Never throws:
 * syntax and model problems are diagnostics with positions.
 */
export function readCaffe(text: string, options: ReadOptions = {}): ReadResult {
  return guardRead('caffe', () => {
    const { root, diagnostics } = parsePrototxt(text);
    return convertNet({ root, syntax: diagnostics, format: 'caffe', text }, options);
  });
}
