import { dtypeCode } from '../ir/dtype';
import { onnxRoot } from '../parse/onnx/schema';

/**
 * Test-only builder of ONNX model bytes, encoded by protobufjs from the shared onnx.proto
 * definition. Compact notation: a value info is `'float[N,3,224,224] x'`, a node is
 * `node('Conv', ['x', 'w'], ['y'], { kernel_shape: [3, 3] })`.
 */

const ModelProto = onnxRoot().lookupType('onnx.ModelProto');

type AttrInput =
  number | string | number[] | string[] | { tensor: TensorSpec } | { graph: GraphSpec } | { floats: number[] };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: Record<string, AttrInput>;
}

export interface TensorSpec {
  name?: string;
  dtype: string;
  dims: number[];
  /** Element values (written as raw little-endian data). */
  values?: number[];
  /** Raw data of this many bytes (zeros), when the values do not matter. */
  rawBytes?: number;
  external?: { location: string; offset?: number; length?: number };
}

export interface GraphSpec {
  name?: string;
  inputs: string[];
  outputs: string[];
  nodes: NodeSpec[];
  initializers?: TensorSpec[];
  valueInfo?: string[];
}

export function node(
  op: string,
  inputs: string[],
  outputs: string[],
  attrs?: Record<string, AttrInput>,
  name?: string,
): NodeSpec {
  return { op, inputs, outputs, ...(attrs ? { attrs } : {}), ...(name ? { name } : {}) };
}

/** `float[N,3,224,224] x` → a ValueInfoProto object (`?` for a dim with neither value nor name). */
function valueInfo(spec: string): object {
  const m = /^(\w+)(?:\[([^\]]*)\])?\s+(\S+)$/.exec(spec.trim());
  if (!m) throw new Error(`bad value info "${spec}"`);
  const [, type, dims, name] = m;
  const tensor: Record<string, unknown> = { elem_type: dtypeCode(type!) };
  if (dims !== undefined) {
    tensor.shape = {
      dim:
        dims === ''
          ? []
          : dims
              .split(',')
              .map((d) =>
                /^\d+$/.test(d.trim()) ? { dim_value: Number(d) } : d.trim() === '?' ? {} : { dim_param: d.trim() },
              ),
    };
  }
  return { name, type: { tensor_type: tensor } };
}

function rawOf(t: TensorSpec): Uint8Array | undefined {
  if (t.rawBytes !== undefined) return new Uint8Array(t.rawBytes);
  if (!t.values) return undefined;
  const n = t.values.length;
  const size =
    t.dtype === 'int64' || t.dtype === 'double'
      ? 8
      : t.dtype === 'bool' || t.dtype.endsWith('int8')
        ? 1
        : t.dtype === 'float16'
          ? 2
          : 4;
  const buf = new ArrayBuffer(n * size);
  const view = new DataView(buf);
  t.values.forEach((v, i) => {
    if (t.dtype === 'int64') view.setBigInt64(i * 8, BigInt(v), true);
    else if (t.dtype === 'double') view.setFloat64(i * 8, v, true);
    else if (t.dtype === 'int32') view.setInt32(i * 4, v, true);
    else if (size === 1) view.setUint8(i, v);
    else view.setFloat32(i * 4, v, true);
  });
  return new Uint8Array(buf);
}

function tensor(t: TensorSpec): object {
  const raw = rawOf(t);
  return {
    ...(t.name ? { name: t.name } : {}),
    dims: t.dims,
    data_type: dtypeCode(t.dtype),
    ...(raw && !t.external ? { raw_data: raw } : {}),
    ...(t.external
      ? {
          data_location: 1,
          external_data: [
            { key: 'location', value: t.external.location },
            ...(t.external.offset !== undefined ? [{ key: 'offset', value: String(t.external.offset) }] : []),
            ...(t.external.length !== undefined ? [{ key: 'length', value: String(t.external.length) }] : []),
          ],
        }
      : {}),
  };
}

function attribute(name: string, v: AttrInput): object {
  if (typeof v === 'number') return Number.isInteger(v) ? { name, type: 2, i: v } : { name, type: 1, f: v };
  if (typeof v === 'string') return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string'))
      return { name, type: 8, strings: (v as string[]).map((x) => new TextEncoder().encode(x)) };
    return { name, type: 7, ints: v };
  }
  if ('floats' in v) return { name, type: 6, floats: v.floats };
  if ('tensor' in v) return { name, type: 4, t: tensor(v.tensor) };
  return { name, type: 5, g: graph(v.graph) };
}

function graph(g: GraphSpec): object {
  return {
    name: g.name ?? 'g',
    input: g.inputs.map(valueInfo),
    output: g.outputs.map(valueInfo),
    node: g.nodes.map((n, i) => ({
      name: n.name ?? `${n.op}_${i}`,
      op_type: n.op,
      input: n.inputs,
      output: n.outputs,
      ...(n.domain ? { domain: n.domain } : {}),
      attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
    })),
    initializer: (g.initializers ?? []).map(tensor),
    value_info: (g.valueInfo ?? []).map(valueInfo),
  };
}

/** Encodes a model (default opset 17) to ONNX bytes. */
export function buildModel(g: GraphSpec, opset = 17, extra: Record<string, unknown> = {}): Uint8Array {
  const obj = {
    ir_version: 8,
    producer_name: 'layerscope-test',
    opset_import: [{ domain: '', version: opset }],
    graph: graph(g),
    ...extra,
  };
  return ModelProto.encode(ModelProto.fromObject(obj)).finish();
}
