import type { AnalysisResult, LayerResult } from '../../analysis';
import type { Shape } from '../../ir';
import { attrSpansFor } from '../../ir';
import { createAttrReader } from '../../ops/attr-reader';
import { getOp } from '../../ops/registry';
import type { NodeObject } from '../onnx/proto';
import { NO_LOWERING_REASONS, SKIPPED_TYPES, getLowerer } from './table';
import {
  LoweringRefused,
  type ConstSpec,
  type LowerContext,
  type LowerResult,
  type Refusal,
  type RunScope,
  type TensorRef,
  type WeightSpec,
} from './types';

export * from './types';

function statusReason(layer: LayerResult): string {
  const first = layer.diagnostics.find((d) => d.severity === 'error') ?? layer.diagnostics[0];
  if (layer.status === 'unknown') return `unknown layer type "${layer.type}"`;
  return first ? `analysis failed: ${first.message}` : 'analysis failed';
}

/**
 * Node indices of `layer` and every layer it depends on (through its bottoms, transitively), or
 * null when no layer has that name.
 */
export function feedingLayers(analysis: AnalysisResult, layer: string): Set<number> | null {
  const { graph } = analysis;
  const target = graph.nodes.find((n) => n.name === layer);
  if (!target) return null;
  const producer = new Map<string, number>();
  for (const n of graph.nodes) for (const t of n.tops) producer.set(t, n.index);
  const needed = new Set<number>([target.index]);
  const queue = [target.index];
  while (queue.length > 0) {
    for (const b of graph.nodes[queue.pop()!]!.bottoms) {
      const p = producer.get(b);
      if (p !== undefined && !needed.has(p)) {
        needed.add(p);
        queue.push(p);
      }
    }
  }
  return needed;
}

/**
 * Lowers an analysed graph to ONNX nodes. Every layer is checked before anything runs. With the
 * default scope the result is either a complete model or the full list of layers that cannot
 * be lowered; 'supported' lowers every layer that can run and lists the rest in `excluded`;
 * 'feeding' lowers the chosen layer's sub-graph, or lists what in it cannot be lowered.
 */
export function lowerAnalysis(analysis: AnalysisResult, scope: RunScope = { kind: 'all' }): LowerResult {
  const { graph } = analysis;
  let needed: Set<number> | null = null;
  if (scope.kind === 'feeding') {
    needed = feedingLayers(analysis, scope.layer);
    if (!needed)
      return { ok: false, refused: [{ layer: scope.layer, type: 'scope', reason: `no layer named "${scope.layer}"` }] };
  }
  const excluded: Refusal[] = [];
  const inputBlobs = new Map(analysis.inputs.map((i) => [i.blob, i]));
  const nodes: NodeObject[] = [];
  const weights: WeightSpec[] = [];
  const consts: ConstSpec[] = [];
  const nodeLayer: Record<string, string> = {};
  const refused: Refusal[] = [];
  const skipped: { layer: string; reason: string }[] = [];
  const layers: string[] = [];
  const tops: TensorRef[] = [];
  const available = new Set<string>();
  const usedInputs = new Set<string>();
  const prefixes = new Set<string>();

  for (const layer of analysis.layers) {
    const node = graph.nodes[layer.index]!;
    const refuse = (reason: string) => refused.push({ layer: node.name, type: node.type, reason });
    if (needed && !needed.has(node.index)) {
      if (scope.kind === 'feeding')
        excluded.push({ layer: node.name, type: node.type, reason: `not needed for ${scope.layer}` });
      continue;
    }
    const def = getOp(node.type, graph.format);
    // Data layers (Input, Data, DummyData, Keras InputLayer) declare graph inputs; extra tops such
    // as Data's `label` only feed train-only layers, which are skipped as well.
    if (def?.category === 'input' || (node.tops.length > 0 && node.tops.every((t) => inputBlobs.has(t)))) {
      skipped.push({ layer: node.name, reason: 'declares a graph input' });
      continue;
    }
    if (def?.trainOnly || SKIPPED_TYPES.has(node.type)) {
      skipped.push({ layer: node.name, reason: 'not part of inference' });
      continue;
    }
    if (layer.status !== 'ok') {
      refuse(statusReason(layer));
      continue;
    }
    const lowerer = getLowerer(node.type, graph.format);
    if (!lowerer) {
      const why = NO_LOWERING_REASONS[node.type];
      refuse(`no ONNX lowering for type "${node.type}"${why ? `: ${why}` : ''}`);
      continue;
    }
    const inShapes = layer.inputShapes;
    const outShapes = layer.outputs;
    if (inShapes.some((s) => !s) || outShapes.some((s) => !s)) {
      refuse('shape unknown');
      continue;
    }
    const missing = node.bottoms.find((b) => !available.has(b) && !inputBlobs.has(b));
    if (missing !== undefined) {
      refuse(`reads "${missing}", which no lowered layer produces`);
      continue;
    }

    // Duplicate layer names would collide as ONNX names: later ones get the node index.
    const prefix = prefixes.has(node.name) ? `${node.name}#${node.index}` : node.name;
    prefixes.add(prefix);
    const local: NodeObject[] = [];
    const localWeights: WeightSpec[] = [];
    const localConsts: ConstSpec[] = [];
    let tmpCount = 0;
    const ctx: LowerContext = {
      node,
      layer,
      attrs: createAttrReader(node.attrs, attrSpansFor(node)),
      inputs: node.bottoms,
      outputs: node.tops,
      inShapes: inShapes as Shape[],
      outShapes: outShapes as Shape[],
      op(opType, inputs, outputs, attrs = []) {
        const name = local.length === 0 ? prefix : `${prefix}/${opType}_${local.length}`;
        local.push({ name, op_type: opType, input: [...inputs], output: [...outputs], attribute: [...attrs] });
      },
      weight(suffix, dims, init, fanIn = 1) {
        const name = `${prefix}/${suffix}`;
        localWeights.push({ name, dims: [...dims], init, fanIn });
        return name;
      },
      ints(suffix, values) {
        const name = `${prefix}/${suffix}`;
        localConsts.push({ name, dims: [values.length], type: 'int64', values: [...values] });
        return name;
      },
      floats(suffix, values, dims) {
        const name = `${prefix}/${suffix}`;
        localConsts.push({ name, dims: dims ? [...dims] : [values.length], type: 'float', values: [...values] });
        return name;
      },
      tmp(suffix) {
        return `${prefix}/${suffix}#${tmpCount++}`;
      },
    };
    try {
      lowerer(ctx);
    } catch (err) {
      refuse(err instanceof LoweringRefused ? err.message : `internal lowering error: ${(err as Error).message}`);
      continue;
    }
    for (const n of local) nodes.push(n);
    for (const w of localWeights) weights.push(w);
    for (const c of localConsts) consts.push(c);
    for (const n of local) nodeLayer[n.name] = node.name;
    for (const b of node.bottoms) if (inputBlobs.has(b)) usedInputs.add(b);
    node.tops.forEach((t, i) => {
      available.add(t);
      tops.push({ name: t, shape: outShapes[i]!, layer: node.name });
    });
    layers.push(node.name);
  }

  const inputs: TensorRef[] = [];
  for (const blob of usedInputs) {
    const inp = inputBlobs.get(blob)!;
    if (!inp.shape) refused.push({ layer: inp.name, type: 'input', reason: 'input has no shape: set one to run' });
    else inputs.push({ name: blob, shape: inp.shape, layer: '' });
  }
  // A partial run leaves out what cannot be lowered and what depends on it; a graph input
  // without a shape still blocks (nothing reading it could be checked).
  const blocking = scope.kind === 'supported' ? refused.filter((r) => r.type === 'input') : refused;
  if (blocking.length > 0) return { ok: false, refused: blocking };
  if (scope.kind === 'supported') for (const r of refused) excluded.push(r);
  if (layers.length === 0)
    return {
      ok: false,
      refused: refused.length > 0 ? refused : [{ layer: graph.name, type: 'graph', reason: 'no layers to run' }],
    };

  const consumed = new Set(nodes.flatMap((n) => n.input));
  const outputs = tops.filter((t) => !consumed.has(t.name));
  return {
    ok: true,
    model: {
      name: graph.name || 'layerscope',
      nodes,
      weights,
      consts,
      inputs,
      outputs,
      tops,
      nodeLayer,
      layers,
      skipped,
      excluded,
    },
  };
}
