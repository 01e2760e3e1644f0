import type { ReadOptions, ReadResult } from '../../ir';
import { convertNet, guardRead } from '../caffe/net';
import { parseJsonTree } from './json-tree';

export { parseJsonTree, toSnakeCase } from './json-tree';

/**
 * Reads a Caffe NetParameter in the protobuf JSON mapping (`{"layer": [{…}], …}`, snake_case
 * or lowerCamelCase names, V1 `layers`) into the IR, through the same converter as prototxt.
 * Never throws: JSON syntax errors are diagnostics with line:column.
 */
export function readCaffeJson(text: string, options: ReadOptions = {}): ReadResult {
  return guardRead('caffe-json', () => {
    const { root, diagnostics } = parseJsonTree(text);
    return convertNet({ root, syntax: diagnostics, format: 'caffe-json', text }, options);
  });
}
