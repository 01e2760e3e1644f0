import type { ReadOptions, ReadResult } from '../../ir';
import { convertNet, guardRead } from '../caffe/net';
import { NetBuilder } from '../caffe/net-builder';
import { readJsonInto } from './json-tree';

export { parseJsonTree, readJsonInto, toSnakeCase } from './json-tree';

/**
 * Reads a Caffe NetParameter in the protobuf JSON mapping (`{"layer": [{…}], …}`, snake_case
 * or lowerCamelCase names, V1 `layers`) into the IR, through the same schema-checked builder
 * and converter as prototxt (with the JSON mapping's rules: numbers may be strings, enums are
 * quoted names). Never throws: JSON syntax errors are diagnostics with line:column.
 */
export function readCaffeJson(text: string, options: ReadOptions = {}): ReadResult {
  return guardRead('caffe-json', () => {
    const builder = new NetBuilder({ json: true, lenient: options.lenient === true });
    const syntax = readJsonInto(text, builder);
    return convertNet({ net: builder.net, syntax, format: 'caffe-json', text }, options);
  });
}
