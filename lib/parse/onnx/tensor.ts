import protobuf from 'protobufjs/light.js';
import type { DType } from '../../ir';
import type { DataRange, Decoded } from './wire';

export { dtypeName } from '../../ir/dtype';
import { dtypeName } from '../../ir/dtype';
export { dtypeBytes, isFloatType } from '../../ir/dtype';
import { dtypeBytes, isFloatType } from '../../ir/dtype';

function numelOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function bfloat(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, (bits & 0xffff) << 16);
  return view.getFloat32(0);
}

/** Reads `count` elements of raw little-endian data. */
function fromRaw(bytes: Uint8Array, r: DataRange, dtype: DType, count: number): number[] | undefined {
  const size = dtypeBytes(dtype);
  if (!Number.isInteger(size) || r.length < count * size) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + r.offset, r.length);
  const out: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * size;
    switch (dtype) {
      case 'float':
        out[i] = view.getFloat32(o, true);
        break;
      case 'double':
        out[i] = view.getFloat64(o, true);
        break;
      case 'int64':
        out[i] = Number(view.getBigInt64(o, true));
        break;
      case 'uint64':
        out[i] = Number(view.getBigUint64(o, true));
        break;
      case 'int32':
        out[i] = view.getInt32(o, true);
        break;
      case 'uint32':
        out[i] = view.getUint32(o, true);
        break;
      case 'int16':
        out[i] = view.getInt16(o, true);
        break;
      case 'uint16':
        out[i] = view.getUint16(o, true);
        break;
      case 'int8':
        out[i] = view.getInt8(o);
        break;
      case 'uint8':
      case 'bool':
        out[i] = view.getUint8(o);
        break;
      case 'float16':
        out[i] = half(view.getUint16(o, true));
        break;
      case 'bfloat16':
        out[i] = bfloat(view.getUint16(o, true));
        break;
      default:
        return undefined;
    }
  }
  return out;
}

/** Reads typed-field data (float_data, int32_data, int64_data, double_data, uint64_data), packed or not. */
function fromFields(
  bytes: Uint8Array,
  ranges: readonly DataRange[],
  dtype: DType,
  count: number,
): number[] | undefined {
  const out: number[] = [];
  for (const range of ranges) {
    const r = protobuf.Reader.create(bytes.subarray(range.offset, range.offset + range.length));
    const one = range.wire !== 2;
    while (r.pos < r.len && out.length < count) {
      switch (range.field) {
        case 'float_data':
          out.push(r.float());
          break;
        case 'double_data':
          out.push(r.double());
          break;
        case 'int64_data': {
          const v = r.int64();
          out.push(typeof v === 'number' ? v : v.high * 4294967296 + (v.low >>> 0));
          break;
        }
        case 'uint64_data': {
          const v = r.uint64();
          out.push(typeof v === 'number' ? v : (v.high >>> 0) * 4294967296 + (v.low >>> 0));
          break;
        }
        case 'int32_data': {
          const v = r.int32();
          // int32_data carries float16/bfloat16 as their bit patterns.
          out.push(dtype === 'float16' ? half(v) : dtype === 'bfloat16' ? bfloat(v) : v);
          break;
        }
        default:
          return undefined;
      }
      if (one) break;
    }
  }
  return out.length === count ? out : undefined;
}

/** Largest tensor whose values the reader decodes (shape vectors, axes, scalars, small tables). */
export const MAX_VALUE_ELEMENTS = 4096;
/** Largest floating-point tensor whose values the reader decodes (scales, bounds, scalars). */
export const MAX_FLOAT_VALUES = 16;

/**
 * The element values of a small numeric tensor, or undefined when it is large, external,
 * a string tensor, or malformed. Reads the model bytes in place.
 */
export function tensorValues(
  bytes: Uint8Array,
  t: Decoded,
  limit = MAX_VALUE_ELEMENTS,
  floatLimit = MAX_FLOAT_VALUES,
): number[] | undefined {
  const dims = (t.dims as number[] | undefined) ?? [];
  const dtype = dtypeName((t.data_type as number | undefined) ?? 0);
  const count = numelOf(dims);
  // Shapes and indices are integers; floats are kept only as scalars and short lists (scales, bounds).
  const max = isFloatType(dtype) ? Math.min(limit, floatLimit) : limit;
  if (!(count >= 0) || count > max || t.data_location === 1) return undefined;
  const ranges = t.$data ?? [];
  if (count === 0) return [];
  const raw = ranges.find((r) => r.field === 'raw_data');
  if (raw) return fromRaw(bytes, raw, dtype, count);
  if (ranges.some((r) => r.field === 'string_data')) return undefined;
  return fromFields(bytes, ranges, dtype, count);
}

/** The strings of a small string tensor (string_data), or undefined. */
export function tensorStrings(bytes: Uint8Array, t: Decoded, limit = MAX_VALUE_ELEMENTS): string[] | undefined {
  const ranges = (t.$data ?? []).filter((r) => r.field === 'string_data');
  if (ranges.length === 0 || ranges.length > limit) return undefined;
  return ranges.map((r) => protobuf.util.utf8.read(bytes, r.offset, r.offset + r.length));
}

/** Where a tensor's element data lies: inline ranges summed, or its external file. */
export function tensorStorage(t: Decoded): {
  bytes?: { offset: number; length: number };
  external?: { location: string; offset?: number; length?: number };
} {
  if (t.data_location === 1) {
    const entries = (t.external_data as Decoded[] | undefined) ?? [];
    const get = (k: string) => entries.find((e) => e.key === k)?.value as string | undefined;
    const location = get('location') ?? '';
    const offset = get('offset');
    const length = get('length');
    return {
      external: {
        location,
        ...(offset !== undefined && Number.isFinite(Number(offset)) ? { offset: Number(offset) } : {}),
        ...(length !== undefined && Number.isFinite(Number(length)) ? { length: Number(length) } : {}),
      },
    };
  }
  const ranges = t.$data ?? [];
  if (ranges.length === 0) return {};
  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  return { bytes: { offset: first.offset, length: last.offset + last.length - first.offset } };
}
