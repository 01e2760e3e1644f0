import type { Shape } from '../../ir';
import type { OpDefinition, SubgraphEval, TensorFacts } from '../types';
import { onnxOp, type OnnxCtx, type OnnxResult } from './context';

/** Index of the sub-graph held by attribute `attr`. */
function subIndex(o: OnnxCtx, attr: string): number {
  return o.ctx.node.subgraphs?.findIndex((s) => s.attr === attr) ?? -1;
}

/** Most iterations of a loop body the analysis walks one by one (exact shapes and costs). */
const MAX_UNROLL = 64;

interface Totals {
  macs: number;
  flops: number;
  params: number;
  buffers: number;
}

function addCosts(t: Totals, r: SubgraphEval, times = 1): void {
  t.macs += r.macs * times;
  t.flops += r.flops * times;
}

/** Facts with the values dropped (values change between iterations; shapes and types do not). */
function stripValue(f: TensorFacts | undefined): TensorFacts | undefined {
  if (!f || f.value === undefined) return f;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { value, ...rest } = f;
  return rest;
}

const sameShape = (a: Shape | null | undefined, b: Shape | null | undefined) =>
  !!a && !!b && a.length === b.length && a.every((d, i) => d === b[i]);

/** Same kind of value with the same sequence structure (element shapes) or optional presence. */
function sameKind(a: TensorFacts | undefined, b: TensorFacts | undefined): boolean {
  if (a?.kind !== b?.kind) return false;
  if (a?.kind === 'sequence') {
    const x = a.elements;
    const y = b!.elements;
    return !!x && !!y && x.length === y.length && x.every((s, i) => sameShape(s, y[i]) || (!s && !y[i]));
  }
  if (a?.kind === 'optional') return a.present === b!.present;
  return true;
}

/** What stays true of a carried value whose later iterations are not followed: its kind and type. */
function loosen(f: TensorFacts | undefined): TensorFacts | undefined {
  if (!f) return undefined;
  return {
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.dtype ? { dtype: f.dtype } : {}),
    ...(f.kind ? { elementShape: null } : {}),
  };
}

const ifOp = onnxOp({
  type: 'If',
  category: 'container',
  doc: 'runs then_branch or else_branch by a boolean condition; both are sub-graphs shown inside',
  formula: 'figures: the branch taken when the condition is known, else the costlier branch (said in a warning)',
  arity: [1, 1],
  infer(o): OnnxResult | undefined {
    const ti = subIndex(o, 'then_branch');
    const ei = subIndex(o, 'else_branch');
    if (ti < 0 || ei < 0) return o.error('needs then_branch and else_branch sub-graphs');
    const cond = o.value(0)?.[0];
    if (cond !== undefined) {
      // A known condition: only the branch taken runs (the other may not even fit these shapes).
      o.ctx.skipSubgraph?.(cond ? ei : ti);
      const taken = o.subgraph(cond ? ti : ei, [], []);
      if (!taken) return undefined;
      return {
        outputs: taken.outputs,
        facts: taken.facts,
        macs: taken.macs,
        flops: taken.flops,
        params: taken.params,
        buffers: taken.buffers,
        dtypes: taken.facts.map((f) => f?.dtype),
      };
    }
    const then = o.subgraph(ti, [], []);
    const other = o.subgraph(ei, [], []);
    if (!then || !other) return undefined;
    const params = then.params + other.params;
    const buffers = then.buffers + other.buffers;
    const costly = then.flops >= other.flops ? then : other;
    o.warn(
      `the condition is known only at run time: figures are those of the costlier branch (${costly === then ? 'then_branch' : 'else_branch'}); outputs whose shapes differ between branches are unknown`,
    );
    const outputs = then.outputs.map((s, i) => (sameShape(s, other.outputs[i]) ? s : null));
    const facts = then.facts.map((f, i) => {
      const g = other.facts[i];
      if (!f || !g) return undefined;
      return f.dtype === g.dtype && f.kind === g.kind
        ? { ...(f.dtype ? { dtype: f.dtype } : {}), ...(f.kind ? { kind: f.kind } : {}) }
        : undefined;
    });
    return {
      outputs,
      facts,
      macs: costly.macs,
      flops: costly.flops,
      params,
      buffers,
      dtypes: facts.map((f) => f?.dtype),
    };
  },
});

const loop = onnxOp({
  type: 'Loop',
  category: 'container',
  doc: 'repeats its body up to M times while cond holds; carried values and stacked scan outputs',
  formula:
    'figures = body figures × iterations when the trip count is known; per iteration otherwise (said in a warning)',
  arity: [2, Infinity],
  infer(o): OnnxResult | undefined {
    const k = subIndex(o, 'body');
    if (k < 0) return o.error('needs a body sub-graph');
    const body = o.ctx.node.subgraphs![k]!;
    const nCarried = o.nIn - 2;
    const nScan = body.outputs.length - 1 - nCarried;
    if (nScan < 0)
      return o.error(
        `the body has ${body.outputs.length} outputs for ${nCarried} carried values (needs cond + carried + scan outputs)`,
      );
    const tripLimit = o.has(0) ? o.value(0)?.[0] : Infinity;
    let cond: number | undefined = o.has(1) ? o.value(1)?.[0] : 1;
    let shapes: (Shape | null)[] = [];
    let facts: (TensorFacts | undefined)[] = [];
    for (let i = 0; i < nCarried; i++) {
      shapes.push(o.ctx.inputs[i + 2] ?? null);
      facts.push(o.ctx.facts?.[i + 2]);
    }
    const totals: Totals = { macs: 0, flops: 0, params: 0, buffers: 0 };
    let trips = 0;
    let last: SubgraphEval | undefined;
    let exact = true;
    let scanElems: (Shape | null)[] = [];
    const step = (iter: number | undefined): SubgraphEval | undefined => {
      const r = o.subgraph(
        k,
        [[], [], ...shapes],
        [
          { dtype: 'int64', ...(iter !== undefined ? { value: [iter] } : {}) },
          { dtype: 'bool', ...(cond !== undefined ? { value: [cond] } : {}) },
          ...facts,
        ],
      );
      return r;
    };
    while (true) {
      if (tripLimit !== undefined && trips >= tripLimit) break;
      if (cond === 0) break;
      const r = step(trips);
      if (!r) return undefined;
      last = r;
      addCosts(totals, r);
      const nextShapes = r.outputs.slice(1, 1 + nCarried);
      const nextFacts = r.facts.slice(1, 1 + nCarried);
      const elems = r.outputs.slice(1 + nCarried);
      scanElems = trips === 0 ? elems : scanElems.map((s, i) => (sameShape(s, elems[i]) ? s : null));
      const fixed =
        nextShapes.every((s, i) => sameShape(s, shapes[i]) || (!s && !shapes[i])) &&
        nextFacts.every((f, i) => sameKind(f, facts[i]));
      shapes = nextShapes;
      facts = nextFacts;
      cond = r.outputs[0] !== undefined ? r.facts[0]?.value?.[0] : undefined;
      trips++;
      const unknownLimit = tripLimit === undefined || (tripLimit === Infinity && cond === undefined);
      if (unknownLimit) {
        // One iteration says nothing of the final values, nor of a carried value that changes.
        exact = false;
        if (!fixed) shapes = shapes.map(() => null);
        facts = facts.map((f) => (fixed ? stripValue(f) : loosen(f)));
        break;
      }
      if (trips >= MAX_UNROLL && tripLimit !== Infinity && trips < tripLimit!) {
        // A long loop with a steady body: the remaining iterations cost the same.
        if (!fixed) {
          shapes = shapes.map(() => null);
          scanElems = scanElems.map(() => null);
        }
        addCosts(totals, r, tripLimit! - trips);
        facts = facts.map((f) => (fixed ? stripValue(f) : loosen(f)));
        trips = tripLimit!;
        break;
      }
    }
    if (!last) {
      // Zero iterations: carried values pass through, scan outputs are empty.
      const r = step(undefined);
      scanElems = r ? r.outputs.slice(1 + nCarried) : [];
    }
    if (!exact) {
      o.warn(
        `the trip count is known only at run time: figures are for one iteration of the body${nScan ? '; the stacked scan outputs have an unknown length' : ''}`,
      );
    }
    const scanOut = scanElems.map((s) => (exact && s ? [trips, ...s] : null));
    const scanFacts = (last?.facts.slice(1 + nCarried) ?? []).map((f) =>
      f ? { ...(f.dtype ? { dtype: f.dtype } : {}) } : undefined,
    );
    return {
      outputs: [...shapes, ...scanOut],
      facts: [...facts, ...scanFacts],
      dtypes: [...facts.map((f) => f?.dtype), ...scanFacts.map((f) => f?.dtype)],
      macs: totals.macs,
      flops: totals.flops,
      params: last?.params ?? 0,
      buffers: last?.buffers ?? 0,
    };
  },
});

const scan = onnxOp({
  type: 'Scan',
  category: 'container',
  doc: 'runs its body once per slice of the scan inputs; carried states and stacked scan outputs',
  formula: 'figures = body figures × iterations (the scan axis length)',
  arity: [1, Infinity],
  infer(o): OnnxResult | undefined {
    const k = subIndex(o, 'body');
    if (k < 0) return o.error('needs a body sub-graph');
    const body = o.ctx.node.subgraphs![k]!;
    const legacy = o.opset < 9;
    const first = legacy ? 1 : 0;
    const m = o.int('num_scan_inputs', 0);
    const nStates = o.nIn - first - m;
    if (m <= 0 || nStates < 0) return o.error(`num_scan_inputs ${m} does not fit ${o.nIn} inputs`, 'num_scan_inputs');
    const nScanOut = body.outputs.length - nStates;
    const states: (Shape | null)[] = [];
    const stateFacts: (TensorFacts | undefined)[] = [];
    for (let i = 0; i < nStates; i++) {
      const s = o.ctx.inputs[first + i] ?? null;
      states.push(legacy && s ? s.slice(1) : s);
      stateFacts.push(stripValue(o.ctx.facts?.[first + i]));
    }
    const inAxes = o.intsAttr('scan_input_axes') ?? Array.from({ length: m }, () => 0);
    let length: number | undefined;
    let batch = 1;
    const slices: (Shape | null)[] = [];
    for (let j = 0; j < m; j++) {
      const s = o.ctx.inputs[first + nStates + j];
      if (!s) {
        slices.push(null);
        continue;
      }
      const axis = legacy ? 1 : inAxes[j]! < 0 ? inAxes[j]! + s.length : inAxes[j]!;
      if (legacy) batch = s[0]!;
      length = s[axis];
      slices.push(s.filter((_, i) => i !== axis && !(legacy && i === 0)));
    }
    const r = o.subgraph(
      k,
      [...states, ...slices],
      [...stateFacts, ...slices.map((_, j) => stripValue(o.ctx.facts?.[first + nStates + j]))],
    );
    if (!r) return undefined;
    const outAxes = o.intsAttr('scan_output_axes') ?? Array.from({ length: nScanOut }, () => 0);
    const finalStates = r.outputs.slice(0, nStates).map((s) => (s && legacy ? [batch, ...s] : s));
    const scanOuts = r.outputs.slice(nStates).map((s, j) => {
      if (!s || length === undefined) return null;
      if (legacy) return [batch, length, ...s];
      const rank = s.length + 1;
      const a = outAxes[j]! < 0 ? outAxes[j]! + rank : outAxes[j]!;
      return [...s.slice(0, a), length, ...s.slice(a)];
    });
    const iterations = (length ?? 1) * batch;
    if (length === undefined) o.warn('the scan length is unknown: figures are for one iteration of the body');
    return {
      outputs: [...finalStates, ...scanOuts],
      dtypes: r.facts.map((f) => f?.dtype),
      macs: r.macs * iterations,
      flops: r.flops * iterations,
      params: r.params,
      buffers: r.buffers,
    };
  },
});

/** Facts of a sequence value. */
function seq(
  elements: readonly (Shape | null)[] | undefined,
  dtype: string | undefined,
  elementShape?: Shape | null,
): TensorFacts {
  const uniform =
    elements && elements.length > 0 && elements.every((e) => sameShape(e, elements[0])) ? elements[0]! : null;
  return {
    kind: 'sequence',
    ...(dtype ? { dtype } : {}),
    ...(elements ? { elements } : {}),
    elementShape: elementShape !== undefined ? elementShape : uniform,
  };
}

const seqResult = (f: TensorFacts): OnnxResult => ({ outputs: [null], facts: [f], dtypes: [f.dtype] });

/** The element list of a sequence input, when its length is known. */
function elementsOf(o: OnnxCtx, i: number): readonly (Shape | null)[] | undefined {
  const f = o.facts(i);
  return f?.kind === 'sequence' ? f.elements : undefined;
}

function position(o: OnnxCtx, i: number, length: number, fallback: number): number | undefined {
  if (!o.has(i)) return fallback;
  const p = o.value(i)?.[0];
  if (p === undefined) return undefined;
  return p < 0 ? p + length : p;
}

const SEQUENCE_OPS: OpDefinition[] = [
  onnxOp({
    type: 'SequenceEmpty',
    category: 'shape',
    doc: 'an empty sequence',
    arity: [0, 0],
    infer: (o) => seqResult(seq([], o.hasAttr('dtype') ? undefined : 'float')),
  }),
  onnxOp({
    type: 'SequenceConstruct',
    category: 'shape',
    doc: 'a sequence of the inputs',
    arity: [1, Infinity],
    infer: (o) =>
      seqResult(
        seq(
          Array.from({ length: o.nIn }, (_, i) => o.shape(i)),
          o.dtype(0),
        ),
      ),
  }),
  onnxOp({
    type: 'SequenceLength',
    category: 'shape',
    doc: 'number of tensors in a sequence (int64 scalar)',
    arity: [1, 1],
    infer(o) {
      const el = elementsOf(o, 0);
      return { outputs: [[]], dtypes: ['int64'], ...(el ? { values: [[el.length]] } : {}) };
    },
  }),
  onnxOp({
    type: 'SequenceAt',
    category: 'shape',
    doc: 'the tensor at a position of a sequence',
    arity: [2, 2],
    infer(o) {
      const f = o.facts(0);
      const el = elementsOf(o, 0);
      const p = el ? position(o, 1, el.length, 0) : undefined;
      const shape = el && p !== undefined ? (el[p] ?? null) : (f?.elementShape ?? null);
      return { outputs: [shape], dtypes: [f?.dtype] };
    },
  }),
  onnxOp({
    type: 'SequenceInsert',
    category: 'shape',
    doc: 'a sequence with a tensor inserted (at the end by default)',
    arity: [2, 3],
    infer(o) {
      const el = elementsOf(o, 0);
      const t = o.shape(1);
      if (!el) return seqResult(seq(undefined, o.dtype(1), null));
      const p = position(o, 2, el.length, el.length);
      if (p === undefined) return seqResult(seq(undefined, o.dtype(1), null));
      return seqResult(seq([...el.slice(0, p), t, ...el.slice(p)], o.facts(0)?.dtype ?? o.dtype(1)));
    },
  }),
  onnxOp({
    type: 'SequenceErase',
    category: 'shape',
    doc: 'a sequence with one tensor removed (the last by default)',
    arity: [1, 2],
    infer(o) {
      const el = elementsOf(o, 0);
      const f = o.facts(0);
      if (!el) return seqResult(seq(undefined, f?.dtype, f?.elementShape ?? null));
      const p = position(o, 1, el.length, el.length - 1);
      if (p === undefined) return seqResult(seq(undefined, f?.dtype, null));
      return seqResult(seq([...el.slice(0, p), ...el.slice(p + 1)], f?.dtype));
    },
  }),
  onnxOp({
    type: 'SplitToSequence',
    category: 'shape',
    doc: 'splits a tensor along axis into a sequence (sizes, equal chunks, or single slices)',
    arity: [1, 2],
    infer(o) {
      const x = o.shape(0);
      if (!x) return seqResult(seq(undefined, o.dtype(0), null));
      const axis = o.axis(o.int('axis', 0), x.length);
      if (axis === undefined) return undefined;
      const len = x[axis]!;
      const split = o.has(1) ? o.ints(1) : null;
      if (split === undefined) return seqResult(seq(undefined, o.dtype(0), null));
      let parts: number[];
      let keep = true;
      if (split === null) {
        parts = Array.from({ length: len }, () => 1);
        keep = o.int('keepdims', 1) !== 0;
      } else if (o.shape(1)?.length === 0) {
        const c = split[0]!;
        parts = Array.from({ length: Math.ceil(len / c) }, (_, i) => Math.min(c, len - i * c));
      } else parts = split;
      const els = parts.map((p) => (keep ? x.map((d, i) => (i === axis ? p : d)) : x.filter((_, i) => i !== axis)));
      return seqResult(seq(els, o.dtype(0)));
    },
  }),
  onnxOp({
    type: 'ConcatFromSequence',
    category: 'concat',
    doc: 'concatenates (or stacks, new_axis) the tensors of a sequence',
    arity: [1, 1],
    infer(o) {
      const el = elementsOf(o, 0);
      const f = o.facts(0);
      if (!el || el.length === 0 || el.some((e) => !e)) return { outputs: [null], dtypes: [f?.dtype] };
      const shapes = el as Shape[];
      const newAxis = o.int('new_axis', 0) !== 0;
      const rank = shapes[0]!.length + (newAxis ? 1 : 0);
      const axis = o.axis(o.int('axis', 0), rank);
      if (axis === undefined) return undefined;
      if (newAxis)
        return {
          outputs: [[...shapes[0]!.slice(0, axis), shapes.length, ...shapes[0]!.slice(axis)]],
          dtypes: [f?.dtype],
        };
      const out = [...shapes[0]!];
      out[axis] = shapes.reduce((a, s) => a + s[axis]!, 0);
      return { outputs: [out], dtypes: [f?.dtype] };
    },
  }),
  onnxOp({
    type: 'SequenceMap',
    category: 'container',
    doc: 'applies its body to each element of the input sequence(s)',
    formula: 'figures = Σ over elements of the body figures',
    arity: [1, Infinity],
    infer(o) {
      const k = subIndex(o, 'body');
      const el = elementsOf(o, 0);
      if (k < 0 || !el) return undefined;
      const nOut = o.nOut;
      const outs: (Shape | null)[][] = Array.from({ length: nOut }, () => []);
      let macs = 0;
      let flops = 0;
      let dtypes: (string | undefined)[] = [];
      for (let e = 0; e < el.length; e++) {
        const ins: (Shape | null)[] = [];
        const fs: (TensorFacts | undefined)[] = [];
        for (let i = 0; i < o.nIn; i++) {
          const f = o.facts(i);
          ins.push(f?.kind === 'sequence' ? (f.elements?.[e] ?? null) : o.shape(i));
          fs.push(f?.kind === 'sequence' ? (f.dtype ? { dtype: f.dtype } : undefined) : f);
        }
        const r = o.subgraph(k, ins, fs);
        if (!r) return undefined;
        macs += r.macs;
        flops += r.flops;
        dtypes = r.facts.map((f) => f?.dtype);
        r.outputs.forEach((s, i) => outs[i]?.push(s));
      }
      const facts = outs.map((els, i) => seq(els, dtypes[i]));
      return { outputs: outs.map(() => null), facts, dtypes: facts.map((f) => f.dtype), macs, flops };
    },
  }),
];

const OPTIONAL_OPS: OpDefinition[] = [
  onnxOp({
    type: 'Optional',
    category: 'shape',
    doc: 'an optional value holding the input, or nothing',
    arity: [0, 1],
    infer(o) {
      const f = o.facts(0);
      const present = o.has(0);
      return {
        outputs: [null],
        facts: [
          {
            kind: 'optional',
            present,
            elementShape: present ? o.shape(0) : null,
            ...(f?.kind ? { element: f } : {}),
            ...(f?.dtype ? { dtype: f.dtype } : {}),
          },
        ],
        dtypes: [f?.dtype],
      };
    },
  }),
  onnxOp({
    type: 'OptionalHasElement',
    category: 'shape',
    doc: 'whether an optional holds a value (bool scalar)',
    arity: [0, 1],
    infer(o) {
      const f = o.facts(0);
      const present = !o.has(0) ? false : f?.kind === 'optional' ? f.present : true;
      return { outputs: [[]], dtypes: ['bool'], ...(present !== undefined ? { values: [[present ? 1 : 0]] } : {}) };
    },
  }),
  onnxOp({
    type: 'OptionalGetElement',
    category: 'shape',
    doc: 'the value held by an optional',
    arity: [1, 1],
    infer(o) {
      const f = o.facts(0);
      if (f?.kind === 'optional') {
        return {
          outputs: [f.element ? null : (f.elementShape ?? null)],
          ...(f.element ? { facts: [f.element] } : {}),
          dtypes: [f.dtype],
        };
      }
      return { outputs: [o.shape(0)], ...(f ? { facts: [f] } : {}), dtypes: [f?.dtype] };
    },
  }),
];

/** Control flow (If, Loop, Scan), sequences and optionals of the ONNX namespace. */
export const ONNX_CONTROL_OPS: readonly OpDefinition[] = [ifOp, loop, scan, ...SEQUENCE_OPS, ...OPTIONAL_OPS];
