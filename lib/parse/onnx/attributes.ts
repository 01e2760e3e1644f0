import protobuf from 'protobufjs/light.js';
import type { AttrMap, AttrValue } from '../../ir';
import { dtypeName, tensorStorage, tensorValues } from './tensor';
import { ATTRIBUTE_TYPES } from './schema';
import type { Decoded } from './wire';

/** Attribute value types (AttributeProto.AttributeType), named once in the proto schema. */
export const ATTR = ATTRIBUTE_TYPES;

/** Text of a `bytes` string attribute (UTF-8, read without TextDecoder: the bytes may be a shared buffer). */
export function bytesText(b: Uint8Array): string {
  return protobuf.util.utf8.read(b, 0, b.length);
}

/**
 * A tensor as an attribute value: `{ dtype, dims, values? }` (values only for small numeric
 * tensors), plus where its data lies.
 */
export function tensorAttr(bytes: Uint8Array, t: Decoded): AttrMap {
  const dims = (t.dims as number[] | undefined) ?? [];
  const dtype = dtypeName((t.data_type as number | undefined) ?? 0);
  const values = tensorValues(bytes, t);
  const storage = tensorStorage(t);
  const strings = (t.$data ?? []).filter((r) => r.field === 'string_data');
  return {
    dtype,
    dims,
    ...(values ? { values } : {}),
    ...(strings.length
      ? { strings: strings.map((r) => bytesText(bytes.subarray(r.offset, r.offset + r.length))) }
      : {}),
    ...(storage.bytes ? { byteOffset: storage.bytes.offset, byteLength: storage.bytes.length } : {}),
    ...(storage.external ? { external: storage.external.location } : {}),
  };
}

/** The type of an attribute: declared, or inferred from which field is set (IR < 0.0.2 files omit it). */
export function attrType(a: Decoded): number {
  const t = a.type as number | undefined;
  if (t) return t;
  if (a.g) return ATTR.GRAPH;
  if (a.t) return ATTR.TENSOR;
  if (a.s !== undefined) return ATTR.STRING;
  if (a.i !== undefined) return ATTR.INT;
  if (a.f !== undefined) return ATTR.FLOAT;
  if (a.graphs) return ATTR.GRAPHS;
  if (a.tensors) return ATTR.TENSORS;
  if (a.strings) return ATTR.STRINGS;
  if (a.ints) return ATTR.INTS;
  if (a.floats) return ATTR.FLOATS;
  return 0;
}

/**
 * One attribute as an AttrValue. Graph attributes become `{ graph: name }`: their nodes are
 * flattened into the IR by the reader.
 */
export function attrValue(bytes: Uint8Array, a: Decoded): AttrValue | undefined {
  switch (attrType(a)) {
    case ATTR.FLOAT:
      return (a.f as number | undefined) ?? 0;
    case ATTR.INT:
      return (a.i as number | undefined) ?? 0;
    case ATTR.STRING:
      return bytesText((a.s as Uint8Array | undefined) ?? new Uint8Array(0));
    case ATTR.TENSOR:
      return a.t ? tensorAttr(bytes, a.t as Decoded) : undefined;
    case ATTR.SPARSE_TENSOR: {
      const st = a.sparse_tensor as Decoded | undefined;
      const values = st?.values as Decoded | undefined;
      return {
        dtype: dtypeName((values?.data_type as number | undefined) ?? 0),
        dims: (st?.dims as number[] | undefined) ?? [],
        sparse: true,
      };
    }
    case ATTR.GRAPH:
      return { graph: ((a.g as Decoded | undefined)?.name as string | undefined) ?? '' };
    case ATTR.FLOATS:
      return (a.floats as number[] | undefined) ?? [];
    case ATTR.INTS:
      return (a.ints as number[] | undefined) ?? [];
    case ATTR.STRINGS:
      return ((a.strings as Uint8Array[] | undefined) ?? []).map(bytesText);
    case ATTR.TENSORS:
      return ((a.tensors as Decoded[] | undefined) ?? []).map((t) => tensorAttr(bytes, t));
    case ATTR.GRAPHS:
      return ((a.graphs as Decoded[] | undefined) ?? []).map((g) => ({ graph: (g.name as string | undefined) ?? '' }));
    case ATTR.TYPE_PROTO:
      return a.tp ? typeText(a.tp as Decoded) : '';
    case ATTR.TYPE_PROTOS:
      return ((a.type_protos as Decoded[] | undefined) ?? []).map(typeText);
    default:
      return undefined;
  }
}

/** Dims of a TensorShapeProto: numbers, names for `dim_param`, '?' for a dim with neither. */
export function shapeDims(shape: Decoded | undefined): (number | string)[] | null {
  if (!shape) return null;
  const dims = (shape.dim as Decoded[] | undefined) ?? [];
  return dims.map((d) => {
    if (d.dim_value !== undefined) return d.dim_value as number;
    if (typeof d.dim_param === 'string' && d.dim_param !== '') return d.dim_param;
    return '?';
  });
}

/** A TypeProto in the textual syntax: `float[N,3,224,224]`, `seq(float[?])`, `map(int64, float)`. */
export function typeText(tp: Decoded | undefined): string {
  if (!tp) return '?';
  const tensor = (tp.tensor_type ?? tp.sparse_tensor_type) as Decoded | undefined;
  if (tensor) {
    const elem = tensor.elem_type !== undefined ? dtypeName(tensor.elem_type as number) : '?';
    const dims = shapeDims(tensor.shape as Decoded | undefined);
    const base = dims ? `${elem}[${dims.join(',')}]` : elem;
    return tp.sparse_tensor_type ? `sparse_tensor(${base})` : base;
  }
  if (tp.sequence_type) return `seq(${typeText((tp.sequence_type as Decoded).elem_type as Decoded | undefined)})`;
  if (tp.optional_type) return `optional(${typeText((tp.optional_type as Decoded).elem_type as Decoded | undefined)})`;
  if (tp.map_type) {
    const m = tp.map_type as Decoded;
    return `map(${dtypeName((m.key_type as number | undefined) ?? 0)}, ${typeText(m.value_type as Decoded | undefined)})`;
  }
  return '?';
}
