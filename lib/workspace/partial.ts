/**
 * Honest partial results: what the workspace shows after an edit. Any text the reader could read
 * (errors included) is shown as the new model, with the layers that have errors marked broken and
 * the layers whose figures cannot be known (an unknown input shape upstream) marked unknown; only
 * text that cannot be read at all (a syntax error, no layers) leaves the last readable model on
 * screen, and then the views say so. Framework-free, shared by the page and its tests.
 */
import { figuresKnown, type AnalysisResult, type LayerResult, type LayerStatus, type Totals } from '../analysis';

/** True when views can show this result as the current model: no syntax error and at least one layer. */
export function isShowable(a: AnalysisResult): boolean {
  if (a.layers.length === 0) return false;
  for (const d of a.diagnostics) if (d.syntax) return false;
  return true;
}

/** A result ready for the views, with how much of it is known. */
export interface MarkedAnalysis {
  /** The analysis with layer statuses made honest and totals summed over the known layers only. */
  readonly analysis: AnalysisResult;
  /** Layers with an error of their own (reader or analysis): their figures are not trusted. */
  readonly broken: number;
  /** Layers whose figures are unknown: the broken ones plus those fed by an unknown shape. */
  readonly unknown: number;
}

const ADDITIVE = ['params', 'buffers', 'macs', 'flops', 'activationBytes', 'weightBytes'] as const;

/**
 * Marks every layer whose figures the analysis cannot vouch for:
 * - 'broken': the analysis says so, or an error diagnostic names the layer (a dangling bottom, a
 *   schema error: the analysis may have computed figures from a default it should not have used);
 * - 'unknown': an unknown layer type, or an input or output shape that is unknown (the layer
 *   depends on a broken one, or on an input with no declared shape).
 * Totals of the additive figures are then the sums over the 'ok' layers: a lower bound that the
 * views print as "≥ …" whenever `unknown` > 0, and `totals.unknownLayers` is this count (the
 * analysis' own count misses layers whose only error comes from the reader, e.g. a schema error).
 * The same object comes back when every layer is known.
 */
export function markAnalysis(a: AnalysisResult): MarkedAnalysis {
  const erroneous = new Set<string>();
  for (const d of a.diagnostics) if (d.severity === 'error' && d.layer !== undefined) erroneous.add(d.layer);
  let broken = 0;
  let unknown = 0;
  // A copy of the list only from the first layer whose status changes (usually none changes).
  let marked: LayerResult[] | null = null;
  const all = a.layers;
  for (let i = 0; i < all.length; i++) {
    const l = all[i]!;
    let status: LayerStatus = l.status;
    if (status === 'ok' && erroneous.size > 0 && erroneous.has(l.name)) status = 'broken';
    else if (status === 'ok' && !figuresKnown(l)) status = 'unknown';
    if (status === 'broken') broken++;
    if (status !== 'ok') unknown++;
    if (status !== l.status) (marked ??= all.slice(0, i)).push({ ...l, status });
    else if (marked !== null) marked.push(l);
  }
  if (unknown === 0) return { analysis: a, broken, unknown };
  const layers = marked ?? all;
  const sums: Record<(typeof ADDITIVE)[number], number> = {
    params: 0,
    buffers: 0,
    macs: 0,
    flops: 0,
    activationBytes: 0,
    weightBytes: 0,
  };
  for (const l of layers) {
    if (l.status !== 'ok') continue;
    for (const k of ADDITIVE) sums[k] += l[k];
  }
  // Exact digits of big totals belong to the old sums; approximate marks stay (conservative).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { exact, ...rest } = a.totals;
  const totals: Totals = { ...rest, ...sums, unknownLayers: unknown };
  return { analysis: { ...a, layers, totals }, broken, unknown };
}

/** What the views need to say about figures with unknown parts ("≥ 1.2 G, 3 layers unknown"). */
export interface Completeness {
  /** Layers whose figures are unknown (0: every total is exact). */
  readonly unknownLayers: number;
  /** Layers with errors of their own. */
  readonly brokenLayers: number;
}

/** The completeness of a marked analysis. */
export function completeness(m: MarkedAnalysis | null): Completeness {
  return { unknownLayers: m?.unknown ?? 0, brokenLayers: m?.broken ?? 0 };
}

/** "3 layers unknown" / "1 layer unknown". */
export function unknownLayersText(n: number): string {
  return `${n.toLocaleString('en-US')} layer${n === 1 ? '' : 's'} unknown`;
}
