import { onnxRoot } from '../parse/onnx/schema';
import type { Mutator } from './formats';
import type { Rng } from './rng';

/**
 * Ways of damaging ONNX bytes: at the wire level (flipped, cut, inserted and duplicated bytes, a
 * length prefix made huge) and at the message level (decoded, changed, encoded again: hostile
 * attribute values and dims, duplicated nodes and outputs, cycles, deeply nested sub-graphs).
 */

const ModelProto = onnxRoot().lookupType('onnx.ModelProto');

type Obj = Record<string, unknown>;

function bytesMutator(name: string, apply: (b: Uint8Array, rng: Rng) => Uint8Array): Mutator<Uint8Array> {
  return { name, apply: (b, rng) => (b.length === 0 ? b : apply(b, rng)) };
}

const HOSTILE_INTS = [0, -1, -2, 1, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 31), 1e12, 65536, 7];

/** Decodes, changes and re-encodes a model; bytes that do not decode are returned as they are. */
function messageMutator(name: string, change: (m: Obj, rng: Rng) => void): Mutator<Uint8Array> {
  return {
    name,
    apply(bytes, rng) {
      let obj: Obj;
      try {
        obj = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, arrays: true, defaults: false }) as Obj;
      } catch {
        return bytes;
      }
      change(obj, rng);
      try {
        return ModelProto.encode(ModelProto.fromObject(obj)).finish();
      } catch {
        return bytes;
      }
    },
  };
}

function nodesOf(m: Obj): Obj[] {
  return ((m.graph as Obj | undefined)?.node as Obj[] | undefined) ?? [];
}

export const ONNX_MUTATORS: readonly Mutator<Uint8Array>[] = [
  bytesMutator('flip-bytes', (b, rng) => {
    const out = b.slice();
    for (let n = 1 + rng.int(8); n > 0; n--) out[rng.int(out.length)] = rng.int(256);
    return out;
  }),
  bytesMutator('truncate', (b, rng) => b.slice(0, rng.int(b.length))),
  bytesMutator('insert-bytes', (b, rng) => {
    const at = rng.int(b.length);
    const junk = Uint8Array.from({ length: 1 + rng.int(16) }, () => rng.int(256));
    const out = new Uint8Array(b.length + junk.length);
    out.set(b.subarray(0, at));
    out.set(junk, at);
    out.set(b.subarray(at), at + junk.length);
    return out;
  }),
  bytesMutator('duplicate-range', (b, rng) => {
    const from = rng.int(b.length);
    const len = Math.min(b.length - from, 1 + rng.int(256));
    const at = rng.int(b.length);
    const out = new Uint8Array(b.length + len);
    out.set(b.subarray(0, at));
    out.set(b.subarray(from, from + len), at);
    out.set(b.subarray(at), at + len);
    return out;
  }),
  bytesMutator('huge-length', (b, rng) => {
    // Find a length-delimited tag and declare ~2 GB after it.
    for (let tries = 0; tries < 32; tries++) {
      const at = rng.int(b.length);
      if ((b[at]! & 7) !== 2 || at + 6 > b.length) continue;
      const out = b.slice();
      out.set([0x80, 0x80, 0x80, 0x80, 0x08], at + 1);
      return out;
    }
    return b;
  }),
  messageMutator('hostile-attribute', (m, rng) => {
    const nodes = nodesOf(m);
    const node = nodes.length ? rng.pick(nodes) : undefined;
    const attrs = (node?.attribute as Obj[] | undefined) ?? [];
    const a = attrs.length ? rng.pick(attrs) : undefined;
    if (!a) return;
    if (Array.isArray(a.ints) && a.ints.length) (a.ints as number[])[rng.int(a.ints.length)] = rng.pick(HOSTILE_INTS);
    else if (typeof a.i === 'number') a.i = rng.pick(HOSTILE_INTS);
    else if (typeof a.f === 'number') a.f = rng.pick([NaN, Infinity, -1, 0, 1e308]);
  }),
  messageMutator('hostile-dims', (m, rng) => {
    const g = m.graph as Obj | undefined;
    const inits = (g?.initializer as Obj[] | undefined) ?? [];
    const inputs = (g?.input as Obj[] | undefined) ?? [];
    if (inits.length && rng.chance(0.5)) {
      const t = rng.pick(inits);
      const dims = (t.dims as number[] | undefined) ?? [];
      if (dims.length) dims[rng.int(dims.length)] = rng.pick(HOSTILE_INTS);
      else t.dims = [rng.pick(HOSTILE_INTS)];
    } else if (inputs.length) {
      const dim =
        ((((rng.pick(inputs).type as Obj | undefined)?.tensor_type as Obj | undefined)?.shape as Obj | undefined)
          ?.dim as Obj[] | undefined) ?? [];
      if (dim.length)
        dim[rng.int(dim.length)] = rng.chance(0.5)
          ? { dim_value: rng.pick(HOSTILE_INTS) }
          : { dim_param: rng.pick(['N', 'toString', '__proto__', '']) };
    }
  }),
  messageMutator('duplicate-node', (m, rng) => {
    const nodes = nodesOf(m);
    if (nodes.length) nodes.splice(rng.int(nodes.length), 0, structuredClone(rng.pick(nodes)));
  }),
  messageMutator('rewire-input', (m, rng) => {
    // Point an input at another node's output: later ones make cycles, unknown names dangle.
    const nodes = nodesOf(m);
    if (nodes.length < 2) return;
    const to = rng.pick(nodes);
    const from = rng.pick(nodes);
    const inputs = (to.input as string[] | undefined) ?? [];
    const outs = (from.output as string[] | undefined) ?? [];
    if (inputs.length && outs.length) inputs[rng.int(inputs.length)] = rng.chance(0.9) ? rng.pick(outs) : 'constructor';
  }),
  messageMutator('rename-op', (m, rng) => {
    const nodes = nodesOf(m);
    if (nodes.length)
      rng.pick(nodes).op_type = rng.pick(['Loop', 'If', 'Scan', 'Reshape', 'Conv', 'NoSuchOp', '', 'Einsum', 'Split']);
  }),
  messageMutator('nest-if', (m, rng) => {
    // Wraps the graph in If nodes, 1 to 30 deep (the else branch is empty: it passes outer values).
    const g = m.graph as Obj | undefined;
    if (!g) return;
    let inner: Obj = g;
    for (let d = 1 + rng.int(30); d > 0; d--) {
      const outputs = (inner.output as Obj[] | undefined) ?? [];
      inner = {
        name: `g${d}`,
        node: [
          {
            op_type: 'If',
            input: ['c'],
            output: outputs.map((o) => o.name),
            attribute: [
              { name: 'then_branch', type: 5, g: inner },
              { name: 'else_branch', type: 5, g: { name: `e${d}`, output: outputs } },
            ],
          },
        ],
        output: outputs,
      };
    }
    m.graph = { ...inner, input: g.input, initializer: g.initializer };
  }),
];
