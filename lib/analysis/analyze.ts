import type { Diagnostic, IRGraph, IRNode, Layout, Shape, SourceSpan } from '../ir';
import { attrSpansFor, attrSpansOf } from '../ir';
import { createAttrReader } from '../ops/attr-reader';
import { getOp } from '../ops/registry';
import type { AttrReader, ConvAlgorithms, OpContext, OpEval, RFAxis, SubgraphEval, TensorFacts } from '../ops/types';
import { dtypeBytes } from '../ir/dtype';
import { resolveDims, shownDims, symbolicDims } from './symbolic-dims';
import { evaluateSkipped, runSubgraph, seedFacts, skipSubgraph, takeSubLayers } from './subgraph';
import type { AnalysisResult, AnalyzeOptions, LayerResult, Totals } from './types';
import { MAX_EXACT } from './figures';
import { indexGraph, type GraphIndex } from './graph-index';
import { topoOrder } from './topo';
import { batchForModel } from './batch-rule';
import { peakActivationBytes } from './memory';
import { propagateRF } from './receptive-field';
import { numel } from '../ops/util';
import { checkLayerFigures, sumTotals } from './figure-checks';

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
  // Names come from the model: never look them up on a plain object (`toString`, `__proto__`).
  const overrides = overrideMap(options.inputs, graph, diagnostics);

  // Declared shapes after overrides; batch from the first input that has one. Symbolic dims
  // (ONNX) take their values from options.dims; a leading one stays -1 for the batch rule below.
  const symbolic = graph.inputs.some((inp) => inp.dims);
  const dimValues = options.dims ?? {};
  const unbound = symbolic ? symbolicDims(graph.inputs, dimValues, 0) : [];
  const unresolvedDims = new Map<string, string[]>();
  const declared = graph.inputs.map((inp) => {
    const o = overrides.get(inp.name) ?? overrides.get(inp.blob);
    if (!o && inp.dims) {
      const r = resolveDims(inp.dims, unbound);
      if (r.unresolved.length) unresolvedDims.set(inp.blob, r.unresolved);
      return { inp, shape: r.shape };
    }
    return { inp, shape: (o ?? inp.shape) as Shape | null };
  });
  let declaredBatch: number | null = graph.declaredBatch;
  for (const d of declared) {
    if (d.shape && d.shape.length > 0) {
      declaredBatch = d.shape[0]! > 0 ? d.shape[0]! : null;
      break;
    }
  }
  // The chosen batch, or the declared one when the model fixes its leading axis (batch-rule.ts).
  const batch = batchForModel(graph, options.batch ?? 1, declaredBatch, diagnostics);
  const bindings = symbolic ? symbolicDims(graph.inputs, dimValues, batch) : undefined;

  const index = indexGraph(graph);
  const inputIdx = graph.inputs.map((inp) => index.indexOf(inp.blob));
  const count = index.ids.length;
  // Blobs whose shape the result lists, by index, in the order they were first settled (the
  // result's blobShapes map is built from it at the end, see shapesById).
  const shown: number[] = [];
  // By blob index (pre-sized, so the arrays stay packed): the shape, whether
  // the blob is a graph input and its declared shape, and the receptive field.
  const shapes = new Array<Shape | null | undefined>(count).fill(undefined);
  const isInput = new Uint8Array(count);
  const inputShape = new Array<Shape | null>(count).fill(null);
  const rfAt = new Array<readonly RFAxis[] | null | undefined>(count).fill(undefined);
  const inputs = declared.map(({ inp, shape }, k) => {
    // The batch replaces the leading dim of inputs that carry the declared batch (or Keras
    // None); an auxiliary input with its own leading size (e.g. ROIs 300×5) keeps it.
    const lead = shape && shape.length > 0 ? shape[0]! : undefined;
    // ONNX: -1 marks an unspecified (symbolic) dim and 0 is a real, empty one; only the first
    // is the batch, or a leading dim equal to the declared batch.
    const batched =
      lead !== undefined &&
      (graph.format === 'onnx'
        ? lead < 0 || (declaredBatch !== null && lead === declaredBatch)
        : lead <= 0 || declaredBatch === null || lead === declaredBatch);
    let withBatch = shape && batched ? [batch, ...shape.slice(1)] : shape;
    const bad = withBatch ? uncountableShape(withBatch) : null;
    if (bad) {
      diagnostics.push({
        severity: 'error',
        message: `input "${inp.name}" has shape ${shapeText(withBatch!)}: ${bad}; it is not analysed`,
        layer: inp.name,
        ...(inp.span ? { span: inp.span } : {}),
      });
      withBatch = null;
    }
    const bi = inputIdx[k]!;
    isInput[bi] = 1;
    inputShape[bi] = withBatch;
    if (inp.node === undefined) {
      shown.push(bi);
      shapes[bi] = withBatch;
    }
    const unresolved = unresolvedDims.get(inp.blob);
    if (unresolved) {
      const names = unresolved.map((d) => `"${d}"`).join(', ');
      const set = unresolved.map((d) => `--dim ${d}=N`).join(' ');
      diagnostics.push({
        severity: 'warning',
        message: `input "${inp.name}": dimension${unresolved.length > 1 ? 's' : ''} ${names} ${unresolved.length > 1 ? 'have' : 'has'} no value, so every shape that depends on ${unresolved.length > 1 ? 'them' : 'it'} is unknown: set ${set} or use the Dimensions control`,
        layer: inp.name,
        ...(inp.span ? { span: inp.span } : {}),
      });
    }
    // Inputs declared by a layer (Data without a shape) are already reported on that layer by the reader.
    // A sequence input (ONNX) has no tensor shape: its facts describe it.
    else if (!shape && inp.node === undefined && !options.inputFacts?.[inp.name]?.kind) {
      diagnostics.push({
        severity: 'warning',
        message: `input "${inp.name}" has no declared shape: set it with --input ${inp.name}=NxCxHxW or the input-shape control`,
        layer: inp.name,
        input: inp.name,
        ...(inp.span ? { span: inp.span } : {}),
      });
    }
    return {
      name: inp.name,
      blob: inp.blob,
      shape: withBatch,
      ...(inp.dims && bindings ? { dims: shownDims(inp.dims, bindings, batch) } : {}),
    };
  });

  const { order, cyclic } = topoOrder(graph, index);
  for (const idx of cyclic) {
    const node = graph.nodes[idx]!;
    diagnostics.push({
      severity: 'error',
      message: `layer "${node.name}" is part of a cycle`,
      layer: node.name,
      ...(node.span ? { span: node.span } : {}),
    });
  }

  inputs.forEach((inp, k) => {
    if (inp.shape) {
      const axes = spatialAxes(inp.shape.length, graph.layout);
      rfAt[inputIdx[k]!] = axes.length ? axes.map(() => ({ size: 1, jump: 1, start: 0 })) : null;
    }
  });
  const hasOverrides = overrides.size > 0;
  // Typed formats (ONNX) also carry element types and small constant values between layers.
  const facts = graph.format === 'onnx' ? seedFacts(graph, index, shapes, shown) : undefined;
  if (facts && options.inputFacts) {
    graph.inputs.forEach((inp, k) => {
      const given = options.inputFacts![inp.name];
      if (given) facts[inputIdx[k]!] = { ...facts[inputIdx[k]!], ...given };
    });
  }
  const state: EvalState = {
    graph,
    index,
    batch,
    shown,
    shapes,
    isInput,
    inputShape,
    overrides,
    hasOverrides,
    rfAt,
    facts,
    claimed: facts ? new Uint8Array(index.ids.length + 1) : undefined,
    opset: graph.opsets?.[''],
    subLayers: new Map(),
    stored: new Set(),
    single: new Array<readonly (Shape | null)[] | undefined>(count).fill(undefined),
    evaluate: (node, idx, parent) => evaluateNode(node, idx, state, parent),
  };
  const layers: LayerResult[] = [];
  /** Whether any layer owns sub-graphs (ONNX If/Loop/Scan): only then are there layers to leave out of the totals. */
  let owners = false;
  const run = (idx: number) => {
    const node = graph.nodes[idx]!;
    // Sub-graph layers are evaluated by their owner (If/Loop/Scan), which binds their inputs.
    if (node.parent !== undefined) return;
    let layer: LayerResult;
    try {
      layer = evaluateNode(node, idx, state);
    } catch (err) {
      // A bug of ours (an op or the walk itself) must not take the whole analysis down.
      layer = internalFailure(node, idx, state, err);
    }
    if (node.subgraphs) {
      owners = true;
      evaluateSkipped(state, node);
      for (const sub of takeSubLayers(graph, node.index, state.subLayers)) {
        layers.push(sub);
        for (const d of sub.diagnostics) diagnostics.push(d);
      }
    }
    layers.push(layer);
    const diags = layer.diagnostics;
    for (let i = 0; i < diags.length; i++) diagnostics.push(diags[i]!);
  };
  for (const idx of order) run(idx);
  for (const idx of cyclic) run(idx);

  // Sub-graph layers are counted through their owner; constant layers' outputs are weights.
  const top = owners ? layers.filter((l) => l.parent === undefined) : layers;
  const peak = peakActivationBytes(
    graph,
    index,
    state.stored.size ? top.filter((l) => !state.stored.has(l.index)) : top,
    shapes,
    BYTES_PER_ELEMENT,
  );
  const totals: Totals = sumTotals(top, peak, diagnostics, (i) => {
    const node = graph.nodes[i];
    return node?.nameSpan ?? node?.span;
  });

  return {
    graph,
    batch,
    declaredBatch,
    inputs,
    layers,
    blobShapes: shapesById(index.ids, shapes, shown),
    totals,
    diagnostics,
    ...(bindings && bindings.length ? { dims: bindings } : {}),
    ...(facts ? { blobFacts: factsById(index.ids, facts) } : {}),
  };
}

/**
 * The result's shape of every settled blob id, in the order each was first settled, with its
 * latest shape. Built in one loop at the end rather than one map insertion per layer in the
 * walk: at 175,000 layers the interleaved insertions cost a few hundred ms more (the growing
 * table fell out of cache between layers).
 */
function shapesById(
  ids: readonly string[],
  shapes: readonly (Shape | null | undefined)[],
  shown: readonly number[],
): Map<string, Shape | null> {
  const out = new Map<string, Shape | null>();
  for (let i = 0; i < shown.length; i++) {
    const bi = shown[i]!;
    out.set(ids[bi]!, shapes[bi] ?? null);
  }
  return out;
}

function factsById(ids: readonly string[], facts: readonly (TensorFacts | undefined)[]): Map<string, TensorFacts> {
  const out = new Map<string, TensorFacts>();
  for (let i = 0; i < ids.length; i++) {
    const f = facts[i];
    if (f) out.set(ids[i]!, f);
  }
  return out;
}

/**
 * The OpContext handed to an op: a class so its methods live on the prototype rather than as
 * fresh closures per layer (a 5,000-layer model builds 5,000 of these per analysis).
 */
/** Where a message about `field` points: the field, else the layer's name, else the layer. */
function where(node: IRNode, field: string | undefined): { span?: SourceSpan } {
  const span = (field ? attrSpansOf(node)?.[field] : undefined) ?? node.nameSpan ?? node.span;
  return span ? { span } : {};
}

class NodeContext implements OpContext {
  broken = false;
  /** The layer's messages; the shared empty list until the first one (most layers have none). */
  diags: Diagnostic[] = NO_DIAGNOSTICS;
  /** The attribute reader, made on first use: many layers (ReLU, BatchNorm…) never read one. */
  private reader: AttrReader | undefined = undefined;

  facts?: readonly (TensorFacts | undefined)[];
  opset?: number;
  /** Set for typed formats (ONNX): the evaluation state and this node's first bottom position. */
  state?: EvalState;
  b0 = 0;

  constructor(
    readonly node: IRNode,
    readonly layout: Layout,
    readonly batch: number,
    readonly inputs: readonly (Shape | null)[],
    readonly phase: 'TRAIN' | 'TEST' = 'TEST',
  ) {}

  get attrs(): AttrReader {
    return (this.reader ??= createAttrReader(this.node.attrs, attrSpansFor(this.node)));
  }

  claim(i: number): boolean {
    const claimed = this.state?.claimed;
    if (!claimed || i < 0 || i >= this.inputs.length) return false;
    const bi = this.state!.index.bottomIdx[this.b0 + i]!;
    if (claimed[bi]) return false;
    claimed[bi] = 1;
    return true;
  }

  subgraph(
    k: number,
    inputs: readonly (Shape | null)[],
    facts: readonly (TensorFacts | undefined)[],
  ): SubgraphEval | undefined {
    return this.state ? runSubgraph(this.state, this.node, k, inputs, facts) : undefined;
  }

  skipSubgraph(k: number): void {
    if (this.state) skipSubgraph(this.state, this.node, k);
  }

  /** Adds a message (the first one gets the layer its own list). */
  push(d: Diagnostic): void {
    if (this.diags === NO_DIAGNOSTICS) this.diags = [d];
    else this.diags.push(d);
  }

  note(message: string, field?: string): void {
    const node = this.node;
    this.push({ severity: 'info', message: `${node.name}: ${message}`, layer: node.name, ...where(node, field) });
  }

  error(message: string, field?: string): void {
    this.broken = true;
    const node = this.node;
    this.push({
      severity: 'error',
      message: `${node.name}: ${message}`,
      layer: node.name,
      ...where(node, field),
    });
  }

  warn(message: string, field?: string): void {
    const node = this.node;
    this.push({
      severity: 'warning',
      message: `${node.name}: ${message}`,
      layer: node.name,
      ...where(node, field),
    });
  }
}

/** The diagnostics of every layer without any: one frozen empty list, not one array per layer. */
const NO_DIAGNOSTICS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

function nullOutputs(node: IRNode): (Shape | null)[] {
  const out: (Shape | null)[] = new Array(node.tops.length);
  for (let i = 0; i < out.length; i++) out[i] = null;
  return out;
}

/** True when some dimension is not a positive finite integer (or, where empty tensors are legal (ONNX), a negative one). */
function invalidShape(s: Shape, allowZero = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const d = s[i]!;
    if (!Number.isFinite(d) || d < 0 || (d === 0 && !allowZero) || !Number.isInteger(d)) return true;
  }
  return false;
}

/**
 * The element count of an output shape that is valid and countable (every dim a whole number,
 * positive, or ≥ 0 where empty tensors are legal (ONNX), at most 2^53, and a byte count a
 * double holds), else -1. One pass over the dims: the common case of invalidShape and
 * uncountableShape together, which remain the slow path that words the message.
 */
function countable(s: Shape, allowZero: boolean): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) {
    const d = s[i]!;
    if (!Number.isInteger(d) || d < 0 || (d === 0 && !allowZero) || d > MAX_EXACT) return -1;
    n *= d;
  }
  return Number.isFinite(n * BYTES_PER_ELEMENT * 8) ? n : -1;
}

/**
 * Why a shape of positive integers cannot be counted, or null when it can: a dimension beyond
 * 2^53 is not even exact, and an element count whose bytes overflow a double has no figure.
 */
function uncountableShape(s: Shape): string | null {
  let n = 1;
  for (let i = 0; i < s.length; i++) {
    const d = s[i]!;
    if (d > MAX_EXACT) return `dimension ${i} is beyond 2^53 (${MAX_EXACT}), too large to count exactly`;
    n *= d;
  }
  return Number.isFinite(n * BYTES_PER_ELEMENT * 8)
    ? null
    : 'its element count is beyond the range of a double (~1.8e308)';
}

/** A shape for a message: at most 8 dims shown. */
function shapeText(s: Shape): string {
  return s.length > 8 ? `${s.slice(0, 8).join('×')}×… (${s.length} dims)` : s.join('×');
}

/**
 * The shape overrides as a Map (names come from the model and the user, so never a plain-object
 * lookup). An override that is not a list of positive integers up to 2^53 is refused with a
 * message on the input it names.
 */
function overrideMap(inputs: AnalyzeOptions['inputs'], graph: IRGraph, diagnostics: Diagnostic[]): Map<string, Shape> {
  const map = new Map<string, Shape>();
  if (!inputs) return map;
  for (const name of Object.keys(inputs)) {
    const shape = inputs[name];
    // ONNX has scalars and empty (0-sized) tensors; the other formats do not.
    const onnx = graph.format === 'onnx';
    const ok = Array.isArray(shape) && (shape.length > 0 || onnx) && shape.length <= 64 && !invalidShape(shape, onnx);
    const why = ok ? uncountableShape(shape) : 'dimensions must be positive integers';
    if (why === null) {
      map.set(name, shape!);
      continue;
    }
    const inp = graph.inputs.find((i) => i.name === name || i.blob === name);
    const span = inp?.span ?? graph.nodes[0]?.span;
    diagnostics.push({
      severity: 'error',
      message: `shape override for "${name}" ignored: ${why}`,
      ...(span ? { span } : {}),
    });
  }
  return map;
}

/** The shared one-element list of blob `bi`'s shape (see EvalState.single), made on first need. */
function singleOf(state: EvalState, bi: number): readonly (Shape | null)[] {
  const shape = state.shapes[bi] ?? null;
  const list = state.single[bi];
  if (list !== undefined && list[0] === shape) return list;
  const made = [shape];
  state.single[bi] = made;
  return made;
}

/** What evaluateNode reads and updates while the analysis walks the graph. */
export interface EvalState {
  readonly graph: IRGraph;
  readonly index: GraphIndex;
  readonly batch: number;
  /** Blob indices whose shape is part of the result (blobShapes), in first-settled order; repeats allowed. */
  readonly shown: number[];
  /** The same shapes by blob index. */
  readonly shapes: (Shape | null | undefined)[];
  /** Graph inputs by blob index, with their declared shape (batch and overrides applied). */
  readonly isInput: Uint8Array;
  readonly inputShape: readonly (Shape | null)[];
  readonly overrides: ReadonlyMap<string, Shape>;
  readonly hasOverrides: boolean;
  /** Receptive field by blob index. */
  readonly rfAt: (readonly RFAxis[] | null | undefined)[];
  /** Typed formats (ONNX): what is known of each blob beyond its shape, by blob index. */
  readonly facts: (TensorFacts | undefined)[] | undefined;
  /** Blobs already counted as some layer's stored tensor (see OpContext.claim). */
  readonly claimed: Uint8Array | undefined;
  readonly opset: number | undefined;
  /** The latest result of every sub-graph layer, by node index (see runSubgraph). */
  readonly subLayers: Map<number, LayerResult>;
  /** Layers whose outputs are constants of the model (OpEval.stored): no activation memory. */
  readonly stored: Set<number>;
  /**
   * By blob index: a one-element list of the blob's shape, shared as the inputShapes of every
   * one-bottom layer that reads it and as the outputs of a one-top layer that passes its input's
   * shape on (ReLU, BatchNorm, Scale…): a result keeps one small list per shape instead of two
   * per layer. Checked against `shapes` on use, since sub-graph bodies rewrite their blobs.
   */
  readonly single: (readonly (Shape | null)[] | undefined)[];
  /** evaluateNode bound to this state, for sub-graph evaluation. */
  readonly evaluate: (node: IRNode, n: number, parent?: number) => LayerResult;
}

function evaluateNode(node: IRNode, n: number, state: EvalState, parent?: number): LayerResult {
  const { graph, index, shapes, overrides, hasOverrides } = state;
  const op = getOp(node.type, graph.format);
  const b0 = index.bottomStart[n]!;
  const nb = index.bottomStart[n + 1]! - b0;
  let inputShapes: readonly (Shape | null)[];
  if (nb === 1) inputShapes = singleOf(state, index.bottomIdx[b0]!);
  else {
    const list: (Shape | null)[] = new Array(nb);
    for (let i = 0; i < nb; i++) list[i] = shapes[index.bottomIdx[b0 + i]!] ?? null;
    inputShapes = list;
  }
  const ctx = new NodeContext(node, graph.layout, state.batch, inputShapes, graph.phase);
  const facts = state.facts;
  if (facts) {
    const inFacts: (TensorFacts | undefined)[] = new Array(nb);
    for (let i = 0; i < nb; i++) inFacts[i] = facts[index.bottomIdx[b0 + i]!];
    ctx.facts = inFacts;
    ctx.state = state;
    ctx.b0 = b0;
    if (state.opset !== undefined) ctx.opset = state.opset;
  }

  let result: OpEval;
  let status: LayerResult['status'] = 'ok';
  if (node.broken) {
    // The reader already reported what is wrong with this layer's definition (schema errors):
    // evaluating it would compute figures from fields Caffe itself would refuse.
    ctx.broken = true;
    result = { outputs: nullOutputs(node) };
  } else if (!op) {
    status = 'unknown';
    ctx.push({
      severity: 'warning',
      message: `${node.name}: unknown layer type "${node.sourceType}"; its outputs are unknown unless declared (--input TOP=DIMS)`,
      layer: node.name,
      ...where(node, 'type'),
    });
    result = { outputs: nullOutputs(node) };
  } else if (op.arity && (inputShapes.length < op.arity[0] || inputShapes.length > op.arity[1])) {
    const [lo, hi] = op.arity;
    ctx.error(
      `${op.type} takes ${lo === hi ? lo : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`} bottom(s), got ${inputShapes.length}`,
    );
    result = { outputs: nullOutputs(node) };
  } else {
    try {
      result = op.evaluate(ctx);
    } catch (err) {
      ctx.error(`internal error while analysing ${op.type}: ${(err as Error).message}`);
      result = { outputs: nullOutputs(node) };
    }
  }
  if (ctx.broken) status = 'broken';
  if (result.stored && status === 'ok') state.stored.add(n);

  const tops = node.tops;
  const t0 = index.topStart[n]!;
  // The op's own list is kept when every output stands as the op gave it (the common case), so
  // a layer does not copy it; a copy is made at the first output that differs (an override, a
  // broken or missing shape, an input's declared shape).
  const given = result.outputs;
  let copy: (Shape | null)[] | undefined = given.length === tops.length ? undefined : new Array(tops.length);
  // Element counts are summed as each output is settled (one pass over its dims, see countable).
  let activationElems = 0;
  let outputElems = 0;
  let outputsKnown = true;
  for (let i = 0; i < tops.length; i++) {
    const top = tops[i]!;
    const ti = index.topIdx[t0 + i]!;
    let s: Shape | null;
    let elems = -1;
    if (state.isInput[ti]) {
      s = state.inputShape[ti] ?? null;
    } else {
      // Overrides are rare: only then is the blob's written name looked up.
      const o = hasOverrides
        ? (overrides.get(top) ?? (status !== 'ok' ? overrides.get(graph.blobs.get(top)?.name ?? top) : undefined))
        : undefined;
      if (o) s = o;
      else if (ctx.broken) s = null;
      else {
        s = result.outputs[i] ?? null;
        if (s) {
          elems = countable(s, facts !== undefined);
          if (elems < 0) {
            // The slow path, for the message: which rule the shape breaks.
            const name = graph.blobs.get(top)?.name ?? top;
            const why = invalidShape(s, facts !== undefined) ? null : uncountableShape(s);
            ctx.error(
              why === null
                ? `output ${name} has an invalid shape ${shapeText(s)}`
                : `output ${name} has shape ${shapeText(s)}: ${why}`,
            );
            status = 'broken';
            s = null;
          }
        }
      }
    }
    if (copy !== undefined) copy[i] = s;
    else if (given[i] !== s) {
      copy = new Array(tops.length);
      for (let j = 0; j < i; j++) copy[j] = given[j]!;
      copy[i] = s;
    }
    shapes[ti] = s;
    if (facts) facts[ti] = status === 'ok' ? result.facts?.[i] : undefined;
    state.shown.push(ti);
    if (!s) {
      outputsKnown = false;
      continue;
    }
    const count = elems >= 0 ? elems : numel(s);
    outputElems += count;
    if (result.stored) continue;
    // Typed formats know each output's element size; the others count fp32.
    if (!node.inPlace[i])
      activationElems += facts ? (count * dtypeBytes(result.facts?.[i]?.dtype)) / BYTES_PER_ELEMENT : count;
  }
  if (status !== 'ok' && facts) {
    // A later output broke the layer: no output of a broken layer carries facts.
    for (let i = 0; i < tops.length; i++) facts[index.topIdx[t0 + i]!] = undefined;
  }

  let params = status === 'unknown' ? 0 : (result.params ?? 0);
  let buffers = status === 'unknown' ? 0 : (result.buffers ?? 0);
  let macs = status === 'ok' ? (result.macs ?? 0) : 0;
  let flops = status === 'ok' ? (result.flops ?? 0) : 0;

  let inputElems = 0;
  let inputsKnown = true;
  for (let i = 0; i < inputShapes.length; i++) {
    const s = inputShapes[i];
    if (s) inputElems += numel(s);
    else inputsKnown = false;
  }
  let weightBytes =
    status !== 'unknown' && result.weightBytes !== undefined && Number.isFinite(result.weightBytes)
      ? result.weightBytes
      : (params + buffers) * BYTES_PER_ELEMENT;
  let activationBytes = activationElems * BYTES_PER_ELEMENT;
  let approx: LayerResult['approx'];
  // Fast path: every figure an exact count. Otherwise (beyond 2^53, or not a count at all) sort it out.
  if (
    !(params >= 0 && params <= MAX_EXACT) ||
    !(buffers >= 0 && buffers <= MAX_EXACT) ||
    !(macs >= 0 && macs <= MAX_EXACT) ||
    !(flops >= 0 && flops <= MAX_EXACT) ||
    !(weightBytes <= MAX_EXACT) ||
    !(activationBytes <= MAX_EXACT)
  ) {
    const checked = checkLayerFigures(
      { params, buffers, macs, flops, activationBytes, weightBytes },
      (message) => ctx.error(message),
      BYTES_PER_ELEMENT,
    );
    ({ params, buffers, macs, flops, activationBytes, weightBytes } = checked.figures);
    approx = checked.approx;
    if (ctx.broken) status = 'broken';
  }
  const traffic = (inputElems + outputElems) * BYTES_PER_ELEMENT + weightBytes;
  const intensity = status === 'ok' && inputsKnown && outputsKnown && traffic > 0 ? flops / traffic : null;
  const arithmeticIntensity = intensity !== null && Number.isFinite(intensity) ? intensity : null;

  const outputs = copy ?? (given as (Shape | null)[]);
  const rf = propagateRF(n, result.rf, status === 'ok', state.rfAt, index, outputs);

  // A one-top layer whose output is its one input's shape keeps the input's list (see EvalState.single).
  let outList: readonly (Shape | null)[] = outputs;
  if (tops.length === 1) {
    if (nb === 1 && outputs[0] === inputShapes[0]) outList = inputShapes;
    state.single[index.topIdx[t0]!] = outList;
  }

  let inPlace = tops.length > 0;
  for (let i = 0; i < tops.length && inPlace; i++) if (!node.inPlace[i]) inPlace = false;

  const layer: { -readonly [K in keyof LayerResult]: LayerResult[K] } = {
    index: node.index,
    name: node.name,
    type: node.type,
    category: op?.category ?? 'other',
    status,
    bottoms: node.bottoms,
    tops: node.tops,
    inputShapes,
    outputs: outList,
    params,
    buffers,
    macs,
    flops,
    activationBytes,
    weightBytes,
    arithmeticIntensity,
    receptiveField: rf,
    algorithms: status === 'ok' && result.algorithms && algorithmsFinite(result.algorithms) ? result.algorithms : null,
    inPlace,
    diagnostics: ctx.diags,
    // Always present (undefined while exact), so every LayerResult has one shape of object.
    approx,
  };
  // Added afterwards (sub-graph layers only): a spread in the literal sent every layer's result
  // through the engine's generic copy instead of the literal's fixed shape.
  if (parent !== undefined) layer.parent = parent;
  return layer;
}

/** True when every figure of a convolution's algorithms is finite (hostile sizes overflow them too). */
function algorithmsFinite(a: ConvAlgorithms): boolean {
  const w = a.winograd;
  return (
    Number.isFinite(a.directMacs) &&
    Number.isFinite(a.gemm.m * a.gemm.k * a.gemm.n * a.gemm.groups) &&
    Number.isFinite(a.im2colBufferElements) &&
    Number.isFinite(a.im2colBufferBytes) &&
    Number.isFinite(a.im2colInputRatio) &&
    (w === undefined ||
      (Number.isFinite(w.f2x2_3x3.tiles * w.f2x2_3x3.multiplications) &&
        Number.isFinite(w.f4x4_3x3.tiles * w.f4x4_3x3.multiplications))) &&
    (a.fftEstimateFlops === undefined || Number.isFinite(a.fftEstimateFlops))
  );
}

/**
 * The result for a layer whose evaluation threw (a bug of ours, not of the model): an error at
 * the layer, unknown outputs, and the analysis goes on with the rest of the model.
 */
function internalFailure(node: IRNode, n: number, state: EvalState, err: unknown): LayerResult {
  const { index, shapes } = state;
  const t0 = index.topStart[n]!;
  const outputs = nullOutputs(node);
  for (let i = 0; i < node.tops.length; i++) {
    state.shown.push(index.topIdx[t0 + i]!);
    shapes[index.topIdx[t0 + i]!] = null;
    state.rfAt[index.topIdx[t0 + i]!] = null;
  }
  const b0 = index.bottomStart[n]!;
  const nb = index.bottomStart[n + 1]! - b0;
  const inputShapes: (Shape | null)[] = new Array(nb);
  for (let i = 0; i < nb; i++) inputShapes[i] = shapes[index.bottomIdx[b0 + i]!] ?? null;
  const message = err instanceof Error ? err.message : String(err);
  return {
    index: node.index,
    name: node.name,
    type: node.type,
    category: 'other',
    status: 'broken',
    bottoms: node.bottoms,
    tops: node.tops,
    inputShapes,
    outputs,
    params: 0,
    buffers: 0,
    macs: 0,
    flops: 0,
    activationBytes: 0,
    weightBytes: 0,
    arithmeticIntensity: null,
    receptiveField: null,
    algorithms: null,
    inPlace: false,
    approx: undefined,
    diagnostics: [
      {
        severity: 'error',
        message: `${node.name}: internal error while analysing this layer (${message.slice(0, 200)}); its figures are unknown`,
        layer: node.name,
        ...where(node, undefined),
      },
    ],
  };
}

export { sameShape };
