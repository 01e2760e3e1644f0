import type { AnalysisResult, LayerResult } from '../analysis';
import type { ModelFormat } from '../ir';
import { numel } from '../ops/util';
import type { MatchItem, MatchPair } from './match';

/** Caffe prototxt and Caffe JSON share one type vocabulary; every other pair of formats does not. */
function family(f: ModelFormat): string {
  return f === 'caffe-json' ? 'caffe' : f;
}

/** True when A and B come from formats with different layer vocabularies (ONNX ↔ Caffe, …). */
export function crossFormat(A: AnalysisResult, B: AnalysisResult): boolean {
  return family(A.graph.format) !== family(B.graph.format);
}

/** True for a layer that only computes a constant of the model (ONNX ConstantOfShape weights, Constant…). */
function constantLayer(r: AnalysisResult, l: LayerResult): boolean {
  const facts = r.blobFacts;
  return !!facts && l.tops.length > 0 && l.tops.every((t) => facts.get(t)?.constant === true);
}

/**
 * The layers a comparison shows: an ONNX model's constant nodes (weights computed once at load,
 * shape constants) and the layers inside sub-graphs (their owner stands for them) are left out.
 */
export function comparableLayers(r: AnalysisResult): AnalysisResult {
  if (r.graph.format !== 'onnx') return r;
  return { ...r, layers: r.layers.filter((l) => l.parent === undefined && !constantLayer(r, l)) };
}

/**
 * What the matcher compares. Within one format: the layer type. Across formats the types differ
 * (Conv / Convolution, Gemm / InnerProduct), so a layer is its category plus, where shapes are
 * known, the work per output element and the output channels: a 1×1 conv 64→256 matches its
 * twin and not the 64→64 conv beside it.
 */
export function matchItems(r: AnalysisResult, cross: boolean): readonly MatchItem[] {
  if (!cross) return r.layers;
  return r.layers.map((l) => {
    const out = l.outputs[0];
    if (!out || l.macs === 0) return { name: l.name, type: l.category };
    const channels = out.length >= 2 ? out[1] : out[out.length - 1];
    return { name: l.name, type: `${l.category}:${l.macs / numel(out)}:${channels}` };
  });
}

/**
 * Across formats the topological order of parallel branches is not the same (an ONNX export
 * may list a ResNet projection shortcut after the main branch, Caffe before it), so the ordered
 * alignment leaves them apart. Pairs layers left over with the same signature, in order.
 */
export function pairLeftovers(
  pairs: readonly MatchPair[],
  A: readonly MatchItem[],
  B: readonly MatchItem[],
): MatchPair[] {
  const usedA = new Set(pairs.map((p) => p.a));
  const usedB = new Set(pairs.map((p) => p.b));
  const waiting = new Map<string, number[]>();
  A.forEach((item, i) => {
    if (usedA.has(i) || !item.type.includes(':')) return;
    (waiting.get(item.type) ?? waiting.set(item.type, []).get(item.type)!).push(i);
  });
  const out = [...pairs];
  B.forEach((item, j) => {
    if (usedB.has(j)) return;
    const a = waiting.get(item.type)?.shift();
    if (a !== undefined) out.push({ a, b: j, by: 'position' });
  });
  return out.sort((x, y) => x.b - y.b);
}
