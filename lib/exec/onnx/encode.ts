import type { LoweredModel, WeightSpec } from '../lower/types';
import { seededUniform } from '../random';
import protobuf from 'protobufjs/light';
import { DataType, encodeModel, ModelProto, valueInfo, type ModelObject, type TensorObject } from './proto';

/** ONNX opset the lowering targets (Softmax single-axis, Split/Clip/Resize with tensor inputs). */
export const OPSET = 17;

/** Options for turning a lowered model into ONNX bytes. */
export interface EncodeOptions {
  /** Seed for the random weights. */
  readonly seed: number;
  /** 'outputs': only the network's outputs; 'all': every layer top too (full shape check, profiling). */
  readonly expose: 'outputs' | 'all';
}

function bytesOf(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Generates one weight from the seed; the tensor name keys its own random stream. */
export function weightValues(spec: WeightSpec, seed: number): Float32Array {
  const n = spec.dims.reduce((a, b) => a * b, 1);
  switch (spec.init) {
    case 'ones':
      return new Float32Array(n).fill(1);
    case 'zeros':
      return new Float32Array(n);
    case 'positive':
      return seededUniform(seed, spec.name, n, 0.5, 1.5);
    case 'small':
      return seededUniform(seed, spec.name, n, -0.1, 0.1);
    case 'fan': {
      const a = Math.sqrt(3 / Math.max(1, spec.fanIn));
      return seededUniform(seed, spec.name, n, -a, a);
    }
  }
}

/** The ONNX model object (weights generated from the seed), ready for protobuf encoding. */
export function toModelObject(model: LoweredModel, options: EncodeOptions): ModelObject {
  const initializer: TensorObject[] = [
    ...model.weights.map((w) => ({
      name: w.name,
      dims: [...w.dims],
      data_type: DataType.FLOAT,
      raw_data: bytesOf(weightValues(w, options.seed)),
    })),
    ...model.consts.map((c) =>
      c.type === 'int64'
        ? { name: c.name, dims: [...c.dims], data_type: DataType.INT64, int64_data: [...c.values] }
        : {
            name: c.name,
            dims: [...c.dims],
            data_type: DataType.FLOAT,
            raw_data: bytesOf(Float32Array.from(c.values)),
          },
    ),
  ];
  const inputNames = new Set(model.inputs.map((i) => i.name));
  const exposed = options.expose === 'all' ? model.tops.filter((t) => !inputNames.has(t.name)) : model.outputs;
  return {
    ir_version: 8,
    producer_name: 'layerscope',
    producer_version: '0.1.0',
    opset_import: [{ domain: '', version: OPSET }],
    graph: {
      name: model.name,
      node: model.nodes.map((n) => ({ ...n })),
      initializer,
      input: model.inputs.map((i) => valueInfo(i.name, i.shape)),
      output: exposed.map((o) => valueInfo(o.name, o.shape)),
    },
  };
}

/** Encodes a lowered model to ONNX bytes with seeded random weights. */
export function encodeLowered(model: LoweredModel, options: EncodeOptions): Uint8Array {
  return encodeModel(toModelObject(model, options));
}

/** One encoding for a run: the model as timed, and the same bytes with every top exposed. */
export interface RunEncoding {
  /** The network's outputs only: what fast mode and the timed sessions of profile mode run. */
  readonly bytes: Uint8Array;
  /**
   * The same model with every other layer top declared as a graph output too, for the shape
   * check of every top. `bytes` is a prefix of this buffer: one copy of the weights serves both.
   */
  readonly checkBytes: Uint8Array;
}

/**
 * Encodes a lowered model once for both uses. Exposing every top makes the runtime allocate a
 * fresh buffer for each top on every run (they are handed to the caller), and that allocation is
 * counted in the kernel's time: in ResNet-50's profile, Scale layers on 64×112×112 and
 * 256×56×56 tensors took 25–80 ms instead of 0.2 ms. So timing runs `bytes`, and the check of
 * every top runs `checkBytes` once. `checkBytes` is `bytes` followed by a second ModelProto that
 * holds only a graph with the extra outputs: protobuf parsers merge a message field that
 * appears twice (repeated fields append), so the runtime reads one graph with all outputs.
 */
export function encodeForRun(model: LoweredModel, seed: number): RunEncoding {
  const object = toModelObject(model, { seed, expose: 'outputs' });
  const err = ModelProto.verify(object);
  if (err) throw new Error(`ONNX model does not fit the schema: ${err}`);
  const writer = protobuf.Writer.create();
  ModelProto.encode(ModelProto.fromObject(object), writer);
  const cut = writer.len;
  const declared = new Set([...model.inputs, ...model.outputs].map((t) => t.name));
  const extra = model.tops.filter((t) => !declared.has(t.name)).map((t) => valueInfo(t.name, t.shape));
  if (extra.length > 0) ModelProto.encode(ModelProto.fromObject({ graph: { output: extra } }), writer);
  const checkBytes = writer.finish();
  return { bytes: checkBytes.subarray(0, cut), checkBytes };
}

/** Seeded random inputs in [−1, 1), one per graph input. */
export function seededInputs(model: Pick<LoweredModel, 'inputs'>, seed: number): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const i of model.inputs) {
    out[i.name] = seededUniform(
      seed,
      `input:${i.name}`,
      i.shape.reduce((a, b) => a * b, 1),
      -1,
      1,
    );
  }
  return out;
}
