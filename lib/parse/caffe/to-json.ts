import { parsePrototxt } from '../prototxt/parser';
import type { TextMessage } from '../prototxt/tree';

/**
 * Fields declared `repeated` in caffe.proto that Caffe files commonly write once. The
 * protobuf JSON mapping writes repeated fields as arrays even with one element, so these
 * become arrays; any field written more than once becomes an array too.
 */
export const REPEATED_FIELDS: ReadonlySet<string> = new Set([
  'layer',
  'layers',
  'input',
  'input_dim',
  'input_shape',
  'bottom',
  'top',
  'include',
  'exclude',
  'param',
  'blobs_lr',
  'weight_decay',
  'loss_weight',
  'dim',
  'shape',
  'kernel_size',
  'stride',
  'pad',
  'dilation',
  'stage',
  'not_stage',
  'mean_value',
  'slice_point',
  'coeff',
  'offset',
  'min_size',
  'max_size',
  'aspect_ratio',
  'variance',
  'data_filler',
  'num',
  'channels',
  'height',
  'width',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function scalarToJson(v: string | number | boolean): Json {
  // The protobuf JSON mapping spells non-finite floats as strings.
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  return v;
}

/** A message tree as a protobuf-JSON object (field names kept in snake_case, as the JSON reader accepts). */
export function messageToJson(msg: TextMessage): { [key: string]: Json } {
  const groups = new Map<string, Json[]>();
  for (const f of msg.fields) {
    const v =
      f.kind === 'message' ? messageToJson(f.value as TextMessage) : scalarToJson(f.value as string | number | boolean);
    const list = groups.get(f.name);
    if (list) list.push(v);
    else groups.set(f.name, [v]);
  }
  const out: { [key: string]: Json } = {};
  for (const [name, values] of groups) {
    const value = values.length > 1 || REPEATED_FIELDS.has(name) ? values : values[0]!;
    if (name === '__proto__')
      Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
  }
  return out;
}

/**
 * Converts Caffe prototxt to the NetParameter JSON form (the protobuf JSON mapping, with
 * snake_case names). Used by the benchmark and tests to get the JSON twin of a model.
 * Parts after a syntax error are dropped as the prototxt reader drops them.
 */
export function toCaffeJson(text: string, indent = 0): string {
  return JSON.stringify(messageToJson(parsePrototxt(text).root), null, indent);
}
