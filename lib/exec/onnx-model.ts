import protobuf from 'protobufjs/light.js';
import type { AnalysisResult } from '../analysis';
import type { LowerResult, Refusal, TensorRef } from './lower/types';
import { onnxRoot } from '../parse/onnx/schema';
import { dtypeCode } from '../ir/dtype';

/**
 * Running an opened ONNX model as it is: its own graph and weights, no lowering. The model is
 * described like a lowered one (inputs, outputs, every top with the analyser's shape, the layer of
 * every node) so the engine times it, profiles it and checks its shapes exactly as it does a
 * lowered model. In fast mode the engine gets the file's bytes untouched; profile mode needs every
 * node named after its layer and every top exposed as a graph output, which re-encodes the model
 * once (a second copy of the weights while it runs).
 */

type Obj = Record<string, unknown>;

/** Element types onnxruntime-web feeds (input data is generated for these). */
const FEEDABLE = new Set([
  'float',
  'float16',
  'double',
  'int8',
  'uint8',
  'int16',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'bool',
]);

/**
 * The run description of an analysed ONNX model. Without `bytes` (on the page) it only decides
 * whether the model can run; with them (in the run worker) it also carries the model bytes.
 */
export function onnxRunModel(analysis: AnalysisResult, bytes?: Uint8Array): LowerResult {
  const { graph } = analysis;
  const refused: Refusal[] = [];
  const inputs: TensorRef[] = [];
  analysis.inputs.forEach((inp, k) => {
    const dtype = graph.inputs[k]?.dtype ?? 'float';
    if (!inp.shape) {
      refused.push({ layer: inp.name, type: 'input', reason: 'its shape is unknown: give every dimension a value' });
    } else if (!FEEDABLE.has(dtype)) {
      refused.push({ layer: inp.name, type: 'input', reason: `inputs of type ${dtype} cannot be generated` });
    } else inputs.push({ name: inp.blob, shape: inp.shape, layer: '', dtype });
  });
  for (const l of analysis.layers) {
    if (l.status === 'unknown' && l.parent === undefined) {
      refused.push({
        layer: l.name,
        type: l.type,
        reason:
          'Layerscope does not know this operator, so it cannot check the run (the model itself may still run in onnxruntime)',
      });
    }
  }
  if (refused.length) return { ok: false, refused };

  const tensorRef = (id: string, layer: string): TensorRef | null => {
    const shape = analysis.blobShapes.get(id);
    const facts = analysis.blobFacts?.get(id);
    if (!shape || facts?.kind || facts?.constant) return null;
    return { name: id, shape, layer, ...(facts?.dtype ? { dtype: facts.dtype } : {}) };
  };
  const producer = (id: string) => {
    const p = graph.blobs.get(id)?.producer;
    return p === null || p === undefined ? '' : graph.nodes[p]!.name;
  };
  const outputs = graph.outputs.map((id) => tensorRef(id, producer(id))).filter((t): t is TensorRef => t !== null);
  const tops: TensorRef[] = [];
  const layers: string[] = [];
  const nodeLayer: Record<string, string> = {};
  for (const l of analysis.layers) {
    if (l.parent !== undefined) continue;
    nodeLayer[l.name] = l.name;
    layers.push(l.name);
    for (const t of l.tops) {
      const ref = tensorRef(t, l.name);
      if (ref) tops.push(ref);
    }
  }
  return {
    ok: true,
    model: {
      name: graph.name,
      nodes: [],
      weights: [],
      consts: [],
      inputs,
      outputs,
      tops,
      nodeLayer,
      layers,
      skipped: [],
      excluded: [],
      ...(bytes
        ? {
            prebuilt: (mode: 'fast' | 'profile') =>
              mode === 'fast' ? { bytes } : namedAndExposed(bytes, graph.nodes, tops),
          }
        : {}),
    },
  };
}

/**
 * Profile mode's two encodings: the model with its top-level nodes named after their layers (ORT's
 * profiler reports node names), and the same bytes followed by a second graph fragment declaring
 * every other checked top as an output (repeated fields append: the runtime reads one graph), so
 * one copy of the weights serves both.
 */
function namedAndExposed(
  bytes: Uint8Array,
  nodes: AnalysisResult['graph']['nodes'],
  tops: readonly TensorRef[],
): { bytes: Uint8Array; checkBytes: Uint8Array } {
  // Reflection (code generated with new Function) runs in the run worker only, never on the page.
  const root = onnxRoot();
  const ModelProto = root.lookupType('onnx.ModelProto');
  const m = ModelProto.decode(bytes) as unknown as Obj;
  const g = m.graph as Obj;
  const protoNodes = (g.node as Obj[] | undefined) ?? [];
  // Top-level IR nodes come in file order, each followed by its sub-graphs' nodes.
  const top = nodes.filter((n) => n.parent === undefined);
  protoNodes.forEach((n, i) => {
    const ir = top[i];
    if (ir) n.name = ir.name;
  });
  const declared = new Set(((g.output as Obj[] | undefined) ?? []).map((o) => o.name as string));
  const extra = tops
    .filter((t) => !declared.has(t.name))
    .map((t) => ({
      name: t.name,
      type: {
        tensor_type: {
          elem_type: dtypeCode(t.dtype ?? 'float') ?? 1,
          shape: { dim: t.shape.map((d) => ({ dim_value: d })) },
        },
      },
    }));
  const writer = protobuf.Writer.create();
  ModelProto.encode(m as unknown as protobuf.Message, writer);
  const cut = writer.len;
  if (extra.length > 0) ModelProto.encode(ModelProto.fromObject({ graph: { output: extra } }), writer);
  const checkBytes = writer.finish();
  return { bytes: checkBytes.subarray(0, cut), checkBytes };
}
