import type { ReadOptions, ReadResult } from '../../ir';
import { readPrototxt } from '../prototxt/parser';
import { convertNet, guardRead } from './net';
import { NetBuilder } from './net-builder';

export { convertNet, guardRead } from './net';
export type { ConvertInput } from './net';
export { NetBuilder } from './net-builder';
export { toCaffeJson } from './to-json';
export { v1TypeByName, v1TypeByNumber, v1TypeTable } from './v1-types';

/**
 * Reads a Caffe prototxt (current `layer {}` or legacy V1 `layers {}`) into the IR, checking
 * every field against the Caffe schema as it parses. Default phase TEST; `options.phase` /
 * `options.stages` choose others, `options.lenient` turns schema errors into warnings. Never
 * throws: syntax, schema and model problems are diagnostics with positions.
 */
export function readCaffe(text: string, options: ReadOptions = {}): ReadResult {
  return guardRead('caffe', () => {
    const builder = new NetBuilder({ json: false, lenient: options.lenient === true, lazySpansOf: text });
    const syntax = readPrototxt(text, builder);
    return convertNet({ net: builder.net, syntax, format: 'caffe', text }, options);
  });
}
