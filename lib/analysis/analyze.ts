import type { Diagnostic, IRGraph, IRNode, Shape } from '../ir';
import { createAttrReader } from '../ops/attr-reader';
import { getOp } from '../ops/registry';
import type { OpContext, OpEval, RFAxis } from '../ops/types';
import type { AnalysisResult, AnalyzeOptions, LayerResult, Totals } from './types';
import { topoOrder } from './topo';
import { peakActivationBytes } from './memory';
import { propagateRF } from './receptive-field';
import { numel } from '../ops/util';

export { numel };

const BYTES_PER_ELEMENT = 4;


function sameShape(a: Shape | null, b: Shape | null): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((d, i) => d === b[i]);
}

function spatialAxes(rank: number, layout: 'NCHW' | 'NHWC'): number[] {
  if (rank < 3) return [];
  const axes: number[] = [];
  if (layout === 'NCHW') for (let i = 2; i < rank; i++) axes.push(i);
  else for (let i = 1; i < rank - 1; i++) axes.push(i);
  return axes;
}

/**
 * Runs every layer's definition from lib/ops over the graph in topological order and
 * returns per-layer figures and totals (see shared counting conventions). Pure and
 * deterministic; never throws on a bad model.
 */
export function analyze(graph: IRGraph, options: AnalyzeOptions = {}): AnalysisResult {
  const diagnostics: Diagnostic[] = [...graph.diagnostics];
  const overrides = options.inputs ?? {};

  // Declared shapes after overrides; batch from the first input that has one.
  const declared = graph.inputs.map((inp) => {
    const o = overrides[inp.name] ?? overrides[inp.blob];
    return { inp, shape: (o ?? inp.shape) as Shape | null };
  });
  let declaredBatch: number | null = graph.declaredBatch;
  for (const d of declared) {
    if (d.shape && d.shape.length > 0) {
      declaredBatch = d.shape[0]! > 0 ? d.shape[0]! : null;
      break;
    }
  }
  const choice = options.batch ?? 1;
  const batch = choice === 'declared' ? (declaredBatch ?? 1) : choice;

  const blobShapes = new Map<string, Shape | null>();
  const inputShapeByBlob = new Map<string, Shape | null>();
  const inputs = declared.map(({ inp, shape }) => {
    // The batch replaces the leading dim of inputs that carry the declared batch (or Keras
    // None); an auxiliary input with its own leading size (e.g. ROIs 300×5) keeps it.
    const lead = shape && shape.length > 0 ? shape[0]! : undefined;
    const batched = lead !== undefined && (lead <= 0 || declaredBatch === null || lead === declaredBatch);
    const withBatch = shape && batched ? [batch, ...shape.slice(1)] : shape;
    inputShapeByBlob.set(inp.blob, withBatch);
    if (inp.node === undefined) blobShapes.set(inp.blob, withBatch);
    // Inputs declared by a layer (Data without a shape) are already reported on that layer by the reader.
    if (!shape && inp.node === undefined) {
      diagnostics.push({
        severity: 'warning',
        message: `input "${inp.name}" has no declared shape: set it with --input ${inp.name}=NxCxHxW or the input-shape control`,
        layer: inp.name,
        ...(inp.span ? { span: inp.span } : {}),
      });
    }
    return { name: inp.name, blob: inp.blob, shape: withBatch };
  });

  const { order, cyclic } = topoOrder(graph);
  for (const idx of cyclic) {
    const node = graph.nodes[idx]!;
    diagnostics.push({
      severity: 'error',
      message: `layer "${node.name}" is part of a cycle`,
      layer: node.name,
      ...(node.span ? { span: node.span } : {}),
    });
  }

  const rfByBlob = new Map<string, readonly RFAxis[] | null>();
  for (const inp of inputs) {
    if (inp.shape) {
      const axes = spatialAxes(inp.shape.length, graph.layout);
      rfByBlob.set(inp.blob, axes.length ? axes.map(() => ({ size: 1, jump: 1, start: 0 })) : null);
    }
  }

  const layers: LayerResult[] = [];
  for (const idx of [...order, ...cyclic]) {
    const node = graph.nodes[idx]!;
    const layer = evaluateNode(node, graph, batch, blobShapes, inputShapeByBlob, overrides, rfByBlob);
    layers.push(layer);
    diagnostics.push(...layer.diagnostics);
  }

  const totals: Totals = {
    params: sum(layers, (l) => l.params),
    buffers: sum(layers, (l) => l.buffers),
    macs: sum(layers, (l) => l.macs),
    flops: sum(layers, (l) => l.flops),
    activationBytes: sum(layers, (l) => l.activationBytes),
    weightBytes: sum(layers, (l) => l.weightBytes),
    peakActivationBytes: peakActivationBytes(graph, layers, blobShapes, BYTES_PER_ELEMENT),
  };

  return { graph, batch, declaredBatch, inputs, layers, blobShapes, totals, diagnostics };
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  let s = 0;
  for (const it of items) s += f(it);
  return s;
}

function evaluateNode(
  node: IRNode,
  graph: IRGraph,
  batch: number,
  blobShapes: Map<string, Shape | null>,
  inputShapeByBlob: ReadonlyMap<string, Shape | null>,
  overrides: Readonly<Record<string, Shape>>,
  rfByBlob: Map<string, readonly RFAxis[] | null>,
): LayerResult {
  const op = getOp(node.type, graph.format);
  const inputShapes = node.bottoms.map((b) => blobShapes.get(b) ?? null);
  const diags: Diagnostic[] = [];
  let broken = false;
  const where = (field?: string) => {
    const span = (field ? node.attrSpans?.[field] : undefined) ?? node.nameSpan ?? node.span;
    return span ? { span } : {};
  };
  const ctx: OpContext = {
    node,
    layout: graph.layout,
    batch,
    attrs: createAttrReader(node.attrs, node.attrSpans),
    inputs: inputShapes,
    error(message, field) {
      broken = true;
      diags.push({ severity: 'error', message: `${node.name}: ${message}`, layer: node.name, ...where(field) });
    },
    warn(message, field) {
      diags.push({ severity: 'warning', message: `${node.name}: ${message}`, layer: node.name, ...where(field) });
    },
  };

  let result: OpEval;
  let status: LayerResult['status'] = 'ok';
  if (!op) {
    status = 'unknown';
    diags.push({
      severity: 'warning',
      message: `${node.name}: unknown layer type "${node.sourceType}"; its outputs are unknown unless declared (--input TOP=DIMS)`,
      layer: node.name,
      ...where('type'),
    });
    result = { outputs: node.tops.map(() => null) };
  } else if (op.arity && (inputShapes.length < op.arity[0] || inputShapes.length > op.arity[1])) {
    const [lo, hi] = op.arity;
    ctx.error(
      `${op.type} takes ${lo === hi ? lo : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`} bottom(s), got ${inputShapes.length}`,
    );
    result = { outputs: node.tops.map(() => null) };
  } else {
    try {
      result = op.evaluate(ctx);
    } catch (err) {
      ctx.error(`internal error while analysing ${op.type}: ${(err as Error).message}`);
      result = { outputs: node.tops.map(() => null) };
    }
  }
  if (broken) status = 'broken';

  const outputs: (Shape | null)[] = node.tops.map((top, i) => {
    if (inputShapeByBlob.has(top)) return inputShapeByBlob.get(top) ?? null;
    const name = graph.blobs.get(top)?.name ?? top;
    const o = overrides[top] ?? (status !== 'ok' ? overrides[name] : undefined);
    if (o) return o;
    if (broken) return null;
    const s = result.outputs[i] ?? null;
    if (s && s.some((d) => !Number.isFinite(d) || d <= 0 || !Number.isInteger(d))) {
      ctx.error(`output ${name} has an invalid shape ${s.join('×')}`);
      status = 'broken';
      return null;
    }
    return s;
  });
  node.tops.forEach((top, i) => blobShapes.set(top, outputs[i] ?? null));

  const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : 0);
  const params = status === 'unknown' ? 0 : finite(result.params);
  const buffers = status === 'unknown' ? 0 : finite(result.buffers);
  const macs = status === 'ok' ? finite(result.macs) : 0;
  const flops = status === 'ok' ? finite(result.flops) : 0;

  let activationElems = 0;
  let outputElems = 0;
  let outputsKnown = true;
  node.tops.forEach((_, i) => {
    const s = outputs[i];
    if (!s) {
      outputsKnown = false;
      return;
    }
    const n = numel(s);
    outputElems += n;
    if (!node.inPlace[i]) activationElems += n;
  });
  let inputElems = 0;
  let inputsKnown = true;
  for (const s of inputShapes) {
    if (s) inputElems += numel(s);
    else inputsKnown = false;
  }
  const weightBytes = (params + buffers) * BYTES_PER_ELEMENT;
  const traffic = (inputElems + outputElems) * BYTES_PER_ELEMENT + weightBytes;
  const arithmeticIntensity = status === 'ok' && inputsKnown && outputsKnown && traffic > 0 ? flops / traffic : null;

  const rf = propagateRF(node, result.rf, status === 'ok', rfByBlob, outputs, graph.layout);

  return {
    index: node.index,
    name: node.name,
    type: node.type,
    category: op?.category ?? 'other',
    status,
    bottoms: node.bottoms,
    tops: node.tops,
    inputShapes,
    outputs,
    params,
    buffers,
    macs,
    flops,
    activationBytes: activationElems * BYTES_PER_ELEMENT,
    weightBytes,
    arithmeticIntensity,
    receptiveField: rf,
    algorithms: status === 'ok' ? (result.algorithms ?? null) : null,
    inPlace: node.tops.length > 0 && node.inPlace.every(Boolean),
    diagnostics: diags,
  };
}

export { sameShape };
