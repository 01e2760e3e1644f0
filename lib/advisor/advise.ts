import type { AnalysisResult, LayerResult } from '../analysis/types';
import type { Shape } from '../ir';
import type { RFAxis } from '../ops/types';
import type { BlockWriter } from '../write/block';
import { caffeWriter, readCaffeLayer } from '../write/caffe-block';
import { kerasWriter, readKerasLayer } from '../write/keras-block';
import { splice } from '../write/json-text';
import { evaluateBlock } from './evaluate';
import { planRewrite, type NameSource } from './plan';
import { convSite, type ConvSite } from './site';
import { blockSummary, formatCount } from './summary';
import {
  REWRITE_KINDS,
  type BlockLayer,
  type CostFigures,
  type LayerAdvice,
  type RewriteKind,
  type RewriteOptions,
  type Skipped,
  type Suggestion,
} from './types';

/** The model the advisor works on: its text and the analysis of that text. */
export interface AdviseInput {
  readonly text: string;
  readonly analysis: AnalysisResult;
}

/** Options per rewrite kind (`{ bottleneck: { width: 16 } }`); unset kinds use their defaults. */
export type OptionsByKind = Partial<Readonly<Record<RewriteKind, RewriteOptions>>>;

/** A computed rewrite: the suggestion, and the text that replaces the layer. */
interface Rewrite {
  readonly suggestion: Suggestion;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** Every layer name and blob name of the model: what a new name must not be. */
export function takenNames(analysis: AnalysisResult): ReadonlySet<string> {
  const taken = new Set<string>();
  for (const n of analysis.graph.nodes) taken.add(n.name);
  for (const b of analysis.graph.blobs.values()) taken.add(b.name);
  return taken;
}

/**
 * Names that clash with nothing in `taken` nor with each other. `taken` is only read, so one set
 * serves every rewrite of a model: making it again for each one made advice on a model of
 * 175,000 layers quadratic (it ran for more than 5 minutes).
 */
export function freshNames(taken: ReadonlySet<string>): NameSource {
  const added = new Set<string>();
  return (base) => {
    let name = base;
    for (let i = 2; taken.has(name) || added.has(name); i++) name = `${base}_${i}`;
    added.add(name);
    return name;
  };
}

/** Names that clash with nothing: every layer name and blob name of the model is taken. */
export function nameSource(analysis: AnalysisResult): NameSource {
  return freshNames(takenNames(analysis));
}

function figuresOf(l: LayerResult): CostFigures {
  return {
    params: l.params,
    macs: l.macs,
    flops: l.flops,
    rf: l.receptiveField,
    activationBytes: l.activationBytes,
    weightBytes: l.weightBytes,
  };
}

function sameRF(a: readonly RFAxis[] | null, b: readonly RFAxis[] | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.length === b.length &&
    a.every((x, i) => x.size === b[i]!.size && x.jump === b[i]!.jump && x.start === b[i]!.start)
  );
}

function sameShape(a: Shape | null, b: Shape | null): boolean {
  return !!a && !!b && a.length === b.length && a.every((d, i) => d === b[i]);
}

function rfText(rf: readonly RFAxis[] | null): string {
  return rf ? rf.map((a) => `size ${a.size}, jump ${a.jump}, start ${a.start}`).join(' / ') : 'not followed';
}

function writerFor(input: AdviseInput, site: ConvSite, fresh: NameSource): BlockWriter | string {
  const { text } = input;
  if (site.format === 'keras') {
    const src = readKerasLayer(text, site.node);
    return typeof src === 'string' ? src : kerasWriter(src, fresh, site.outShape);
  }
  const src = readCaffeLayer(text, site.node, site.format === 'caffe' ? 'prototxt' : 'json');
  return typeof src === 'string' ? src : caffeWriter(src, fresh);
}

/** Notes that depend on the figures: a rewrite that costs more says so and shows the sum. */
function figureNotes(
  kind: RewriteKind,
  before: CostFigures,
  after: CostFigures,
  block: readonly BlockLayer[],
  costsMore: boolean,
) {
  const notes: string[] = [];
  const parts = block.filter((b) => b.macs > 0).map((b) => formatCount(b.macs));
  if (costsMore) {
    notes.push(
      `Costs more than the layer: ${parts.length > 1 ? `${parts.join(' + ')} = ` : ''}${formatCount(after.macs)} MACs against ${formatCount(before.macs)}.`,
    );
    if (kind === 'stack-3x3') {
      notes.push(
        'Two 3×3 beat one 5×5 (18 vs 25 per output per channel pair) only when the intermediate maps are no larger than the output; without padding the first 3×3 computes a bigger map than the block returns, and wide intermediate layers cost more too.',
      );
    }
  }
  if (!sameRF(before.rf, after.rf)) {
    notes.push(`The receptive field changes: ${rfText(before.rf)} → ${rfText(after.rf)}.`);
  }
  return notes;
}

/** Computes one rewrite of one layer, or why it does not apply. */
function rewrite(
  input: AdviseInput,
  site: ConvSite,
  kind: RewriteKind,
  options: RewriteOptions,
  fresh: NameSource,
): Rewrite | string {
  if (kind === 'group-shuffle' && site.format !== 'keras' && /^[A-Z_0-9]+$/.test(site.node.sourceType)) {
    return 'the legacy V1 format has no ShuffleChannel layer type';
  }
  const writer = writerFor(input, site, fresh);
  if (typeof writer === 'string') return writer;
  const plan = planRewrite(site, kind, options, fresh);
  if (typeof plan === 'string') return plan;
  const layers = writer.layers(plan.layers);
  const ev = evaluateBlock(site, input.analysis.graph.layout, layers);
  if (ev.error) return `the rewritten block would not analyse: ${ev.error}`;
  if (!sameShape(ev.outShape, site.outShape)) {
    return `the block would output ${ev.outShape?.join('×') ?? 'an unknown shape'} instead of ${site.outShape.join('×')}`;
  }
  const before = figuresOf(site.layer);
  const after = ev.figures;
  const costsMore = after.macs > before.macs || (after.macs === before.macs && after.params > before.params);
  const block: BlockLayer[] = ev.layers.map((l) => ({
    name: l.name,
    type: l.type,
    summary: blockSummary(l, input.analysis.graph.format),
    output: l.outputs[0] ?? null,
    params: l.params,
    macs: l.macs,
    flops: l.flops,
  }));
  const suggestion: Suggestion = {
    id: `${kind}:${site.node.name}`,
    layer: site.node.name,
    kind,
    description: plan.description,
    options: plan.options,
    before,
    after,
    costsMore,
    outputShape: site.outShape,
    block,
    notes: [...figureNotes(kind, before, after, block, costsMore), ...plan.notes],
  };
  const span = site.node.span!;
  const comment = `layerscope advise ${kind}: ${site.node.name} ${plan.description}`;
  const replacement = writer.print(layers, input.text, span.offset, span.offset + span.length, comment, ev.inShapes);
  return { suggestion, start: span.offset, end: span.offset + span.length, replacement };
}

function layerIndex(analysis: AnalysisResult): Map<number, LayerResult> {
  return new Map(analysis.layers.map((l) => [l.index, l]));
}

/**
 * Every rewrite for one layer: those that apply (cheaper first… in the fixed kind order) and, for
 * students, why the others do not. Null when the layer is not a convolution the advisor rewrites.
 */
export function adviseLayer(input: AdviseInput, layerName: string, options: OptionsByKind = {}): LayerAdvice | null {
  const { analysis } = input;
  const layer = analysis.layers.find((l) => l.name === layerName);
  if (!layer) return null;
  const found = convSite(analysis, layer, layerIndex(analysis));
  if ('reason' in found) return null;
  const suggestions: Suggestion[] = [];
  const skipped: Skipped[] = [];
  const taken = takenNames(analysis);
  for (const kind of REWRITE_KINDS) {
    const r = rewrite(input, found.site, kind, options[kind] ?? {}, freshNames(taken));
    if (typeof r === 'string') skipped.push({ kind, reason: r });
    else suggestions.push(r.suggestion);
  }
  return { layer: layerName, format: analysis.graph.format, suggestions, skipped };
}

/** Why a layer gets no advice at all (not a 2-D convolution, broken…), or null when it gets some. */
export function whyNoAdvice(analysis: AnalysisResult, layerName: string): string | null {
  const layer = analysis.layers.find((l) => l.name === layerName);
  if (!layer) return `there is no layer "${layerName}"`;
  const found = convSite(analysis, layer, layerIndex(analysis));
  return 'reason' in found ? found.reason : null;
}

/** Suggestions for every rewritable layer (or one), cheaper ones only unless `all`. */
export function adviseModel(
  input: AdviseInput,
  opts: { layer?: string; all?: boolean; options?: OptionsByKind } = {},
): Suggestion[] {
  const byIndex = layerIndex(input.analysis);
  const taken = takenNames(input.analysis);
  const out: Suggestion[] = [];
  for (const layer of input.analysis.layers) {
    if (opts.layer !== undefined && layer.name !== opts.layer) continue;
    const found = convSite(input.analysis, layer, byIndex);
    if ('reason' in found) continue;
    for (const kind of REWRITE_KINDS) {
      const r = rewrite(input, found.site, kind, opts.options?.[kind] ?? {}, freshNames(taken));
      if (typeof r !== 'string' && (opts.all || !r.suggestion.costsMore)) out.push(r.suggestion);
    }
  }
  return out;
}

/** One rewrite to apply: a layer, a kind and its options. */
export interface RewriteRequest {
  readonly layer: string;
  readonly kind: RewriteKind;
  readonly options?: RewriteOptions;
}

/** The rewritten text, the suggestions that were applied, and why any request was not. */
export interface ApplyResult {
  readonly text: string;
  readonly applied: readonly Suggestion[];
  readonly errors: readonly string[];
}

/**
 * Applies rewrites to the text in one pass (one edit for the editor's undo): each layer's block
 * replaces its text; names are drawn from one source so two blocks never share a name.
 */
export function applyRewrites(input: AdviseInput, requests: readonly RewriteRequest[]): ApplyResult {
  const byIndex = layerIndex(input.analysis);
  const fresh = nameSource(input.analysis);
  const edits: Rewrite[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const req of requests) {
    if (seen.has(req.layer)) {
      errors.push(`${req.layer}: only one rewrite per layer at a time`);
      continue;
    }
    seen.add(req.layer);
    const layer = input.analysis.layers.find((l) => l.name === req.layer);
    if (!layer) {
      errors.push(`there is no layer "${req.layer}"`);
      continue;
    }
    const found = convSite(input.analysis, layer, byIndex);
    if ('reason' in found) {
      errors.push(`${req.layer}: ${found.reason}`);
      continue;
    }
    const r = rewrite(input, found.site, req.kind, req.options ?? {}, fresh);
    if (typeof r === 'string') errors.push(`${req.kind} does not apply to ${req.layer}: ${r}`);
    else edits.push(r);
  }
  let text = input.text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) text = splice(text, e.start, e.end, e.replacement);
  return { text, applied: edits.map((e) => e.suggestion), errors };
}

/**
 * Layers "similar" to a suggestion's: the same rewrite applies with the options the user chose
 * (`options`: defaults stay per layer, so a bottleneck's default width follows each layer's input)
 * and the same kernel, stride, dilation and group (so "apply to all 5×5 convs" does what it says).
 * Includes the suggestion's own layer; costlier ones are left out unless the suggestion itself costs more.
 */
export function similarLayers(input: AdviseInput, s: Suggestion, options: RewriteOptions = {}): string[] {
  const byIndex = layerIndex(input.analysis);
  const own = input.analysis.layers.find((l) => l.name === s.layer);
  const g0 = own?.algorithms?.geometry;
  if (!g0) return [];
  const key = (g: NonNullable<typeof g0>) =>
    `${g.kernel.join('x')}/${g.stride.join('x')}/${g.dilation.join('x')}/${g.group}`;
  const taken = takenNames(input.analysis);
  const out: string[] = [];
  for (const layer of input.analysis.layers) {
    const g = layer.algorithms?.geometry;
    if (!g || layer.type !== own.type || key(g) !== key(g0)) continue;
    const found = convSite(input.analysis, layer, byIndex);
    if ('reason' in found) continue;
    const r = rewrite(input, found.site, s.kind, options, freshNames(taken));
    if (typeof r !== 'string' && (s.costsMore || !r.suggestion.costsMore)) out.push(layer.name);
  }
  return out;
}
