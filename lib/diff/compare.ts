/**
 * Compares two analyses: per-layer status (added / removed / changed / same) with what
 * changed (type, attributes, output shapes, inputs, name) and cost deltas, plus totals
 * deltas. B is "the new version": rows follow B's order, removed A layers are placed after
 * the row of their nearest matched predecessor.
 */
import { TOTAL_KEYS, type AnalysisResult, type LayerResult, type Totals } from '../analysis';
import type { AttrMap, AttrValue, Shape } from '../ir';
import { comparableLayers, crossFormat, matchItems, pairLeftovers } from './cross-format';
import { matchLayers } from './match';

/** How one layer differs between A and B. */
export type DiffStatus = 'added' | 'removed' | 'changed' | 'same';

/** Costs compared per layer and in totals. */
export interface CostFigures {
  readonly params: number;
  readonly buffers: number;
  readonly macs: number;
  readonly flops: number;
  readonly activationBytes: number;
}

/** One changed attribute, by dotted path (`convolution_param.kernel_size`). */
export interface AttrChange {
  readonly path: string;
  readonly a: AttrValue | undefined;
  readonly b: AttrValue | undefined;
}

/** One changed output shape, by top position. */
export interface ShapeChange {
  readonly top: number;
  readonly a: Shape | null;
  readonly b: Shape | null;
}

/** One row of the per-layer diff. */
export interface LayerDiff {
  readonly status: DiffStatus;
  /** B's name, or A's for removed layers. */
  readonly name: string;
  /** A's name when the layer was matched by position under another name. */
  readonly renamedFrom: string | null;
  readonly matchedBy: 'name' | 'position' | null;
  readonly typeA: string | null;
  readonly typeB: string | null;
  readonly a: LayerResult | null;
  readonly b: LayerResult | null;
  readonly attrChanges: readonly AttrChange[];
  readonly shapeChanges: readonly ShapeChange[];
  /** True when the layer reads from different (matched) producers or a different number of blobs. */
  readonly inputsChanged: boolean;
  /** B − A. */
  readonly delta: CostFigures;
  /** Short human-readable list of what changed, e.g. `kernel_size 5→3`, `out 1×32×28×28→1×64×28×28`. */
  readonly summary: readonly string[];
}

/** Totals side by side. */
export interface TotalsDiff {
  readonly a: Totals;
  readonly b: Totals;
  /** B − A for every total. */
  readonly delta: Totals;
}

/** The whole comparison. */
export interface ModelDiff {
  readonly layers: readonly LayerDiff[];
  readonly totals: TotalsDiff;
  readonly counts: Readonly<Record<DiffStatus, number>>;
  /** The two models are in different formats: layers were matched by position and signature, attributes not compared. */
  readonly crossFormat?: boolean;
}

const ZERO: CostFigures = { params: 0, buffers: 0, macs: 0, flops: 0, activationBytes: 0 };

function costs(l: LayerResult | null): CostFigures {
  if (!l) return ZERO;
  return { params: l.params, buffers: l.buffers, macs: l.macs, flops: l.flops, activationBytes: l.activationBytes };
}

function sub<T extends object>(b: T, a: T): T {
  const out: Record<string, number> = {};
  for (const k of Object.keys(b)) out[k] = (b as Record<string, number>)[k]! - (a as Record<string, number>)[k]!;
  return out as T;
}

/** B − A of every count total (the approximate / exact marks stay with A and B). */
function subTotals(b: Totals, a: Totals): Totals {
  const out: Record<string, number> = { unknownLayers: b.unknownLayers - a.unknownLayers };
  for (const k of TOTAL_KEYS) out[k] = b[k] - a[k];
  return out as unknown as Totals;
}

function isMap(v: AttrValue | undefined): v is AttrMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameValue(a: AttrValue | undefined, b: AttrValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Attribute differences, recursing into nested messages so paths name the leaf field. */
export function diffAttrs(a: AttrMap, b: AttrMap, prefix = ''): AttrChange[] {
  const out: AttrChange[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const va = a[k];
    const vb = b[k];
    const path = prefix ? `${prefix}.${k}` : k;
    if (isMap(va) && isMap(vb)) for (const c of diffAttrs(va, vb, path)) out.push(c);
    else if (!sameValue(va, vb)) out.push({ path, a: va, b: vb });
  }
  return out;
}

const shapeText = (s: Shape | null | undefined): string => (s ? s.join('×') : '?');
const valueText = (v: AttrValue | undefined): string =>
  v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function sameShape(a: Shape | null | undefined, b: Shape | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Name of the layer (or input) producing a blob id, or the blob name. */
function producers(r: AnalysisResult, l: LayerResult): string[] {
  return l.bottoms.map((id) => {
    const blob = r.graph.blobs.get(id);
    const p = blob?.producer;
    return p === null || p === undefined ? `input:${blob?.name ?? id}` : r.graph.nodes[p]!.name;
  });
}

const blobNames = (r: AnalysisResult, l: LayerResult): string =>
  l.bottoms.map((id) => r.graph.blobs.get(id)?.name ?? id).join('+');

/**
 * Compares analyses A (before) and B (after). Across formats (an ONNX export against its Caffe
 * original) layers pair by position and a format-neutral signature, and only shapes, inputs and
 * costs are compared: the attribute vocabularies differ.
 */
export function diffAnalyses(A0: AnalysisResult, B0: AnalysisResult): ModelDiff {
  const A = comparableLayers(A0);
  const B = comparableLayers(B0);
  const cross = crossFormat(A, B);
  const itemsA = matchItems(A, cross);
  const itemsB = matchItems(B, cross);
  const ordered = matchLayers(itemsA, itemsB);
  const pairs = cross ? pairLeftovers(ordered, itemsA, itemsB) : ordered;
  const partnerOfA = new Map<number, number>();
  const pairOfB = new Map<number, (typeof pairs)[number]>();
  for (const p of pairs) {
    partnerOfA.set(p.a, p.b);
    pairOfB.set(p.b, p);
  }
  // A layer name → B layer name, to decide whether a layer still reads from the same producers.
  const renameAB = new Map<string, string>();
  for (const p of pairs) renameAB.set(A.layers[p.a]!.name, B.layers[p.b]!.name);

  const rowFor = (ai: number | null, bi: number | null, by: 'name' | 'position' | null): LayerDiff => {
    const a = ai === null ? null : A.layers[ai]!;
    const b = bi === null ? null : B.layers[bi]!;
    const delta = sub(costs(b), costs(a));
    if (!a || !b) {
      const l = (a ?? b)!;
      return {
        status: a ? 'removed' : 'added',
        name: l.name,
        renamedFrom: null,
        matchedBy: null,
        typeA: a?.type ?? null,
        typeB: b?.type ?? null,
        a,
        b,
        attrChanges: [],
        shapeChanges: [],
        inputsChanged: false,
        delta,
        summary: [`${a ? 'removed' : 'added'} ${l.type} ${l.outputs.map(shapeText).join(', ')}`],
      };
    }
    const attrChanges = cross
      ? []
      : diffAttrs(A.graph.nodes[a.index]?.attrs ?? {}, B.graph.nodes[b.index]?.attrs ?? {});
    const shapeChanges: ShapeChange[] = [];
    const tops = Math.max(a.outputs.length, b.outputs.length);
    for (let t = 0; t < tops; t++) {
      if (!sameShape(a.outputs[t], b.outputs[t]))
        shapeChanges.push({ top: t, a: a.outputs[t] ?? null, b: b.outputs[t] ?? null });
    }
    const pa = producers(A, a).map((n) => renameAB.get(n) ?? n);
    const pb = producers(B, b);
    const inputsChanged = pa.length !== pb.length || pa.some((n, i) => n !== pb[i]);
    const renamedFrom = a.name !== b.name ? a.name : null;
    const summary: string[] = [];
    if (renamedFrom) summary.push(`renamed from ${renamedFrom}`);
    if (a.type !== b.type && !cross) summary.push(`type ${a.type}→${b.type}`);
    for (const c of attrChanges)
      summary.push(`${c.path.replace(/^\w+_param\./, '')} ${valueText(c.a)}→${valueText(c.b)}`);
    for (const s of shapeChanges) summary.push(`out${tops > 1 ? s.top : ''} ${shapeText(s.a)}→${shapeText(s.b)}`);
    if (inputsChanged) summary.push(`inputs ${blobNames(A, a) || '—'}→${blobNames(B, b) || '—'}`);
    const costsDiffer = Object.values(delta).some((d) => d !== 0);
    if (costsDiffer && attrChanges.length === 0 && shapeChanges.length === 0)
      summary.push('costs changed (input shapes)');
    const same = summary.length === 0;
    return {
      status: same ? 'same' : 'changed',
      name: b.name,
      renamedFrom,
      matchedBy: by,
      typeA: a.type,
      typeB: b.type,
      a,
      b,
      attrChanges,
      shapeChanges,
      inputsChanged,
      delta,
      summary,
    };
  };

  // Removed A layers are listed after the row of their nearest preceding matched A layer.
  const removedAfter = new Map<number, number[]>();
  const leadingRemoved: number[] = [];
  let lastMatchedB: number | null = null;
  A.layers.forEach((_l, i) => {
    const partner = partnerOfA.get(i);
    if (partner !== undefined) lastMatchedB = partner;
    else if (lastMatchedB === null) leadingRemoved.push(i);
    else (removedAfter.get(lastMatchedB) ?? removedAfter.set(lastMatchedB, []).get(lastMatchedB)!).push(i);
  });

  const layers: LayerDiff[] = leadingRemoved.map((i) => rowFor(i, null, null));
  B.layers.forEach((_l, j) => {
    const p = pairOfB.get(j);
    layers.push(p ? rowFor(p.a, j, p.by) : rowFor(null, j, null));
    for (const i of removedAfter.get(j) ?? []) layers.push(rowFor(i, null, null));
  });

  const counts = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const l of layers) counts[l.status]++;
  return {
    layers,
    totals: { a: A.totals, b: B.totals, delta: subTotals(B.totals, A.totals) },
    counts,
    ...(cross ? { crossFormat: true } : {}),
  };
}

/** Status of every B layer by name, for colouring the B graph. */
export function statusByLayer(diff: ModelDiff): Map<string, DiffStatus> {
  const map = new Map<string, DiffStatus>();
  for (const l of diff.layers) if (l.b) map.set(l.b.name, l.status);
  return map;
}
