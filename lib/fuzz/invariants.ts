import type { AnalysisResult, LayerResult } from '../analysis';
import { FIGURE_KEYS, MAX_EXACT, TOTAL_KEYS, isApprox } from '../analysis/figures';
import { attrSpansOf, type Diagnostic, type SourceSpan } from '../ir';

/** What went wrong in one fuzz case. */
export type ViolationKind = 'crash' | 'hang' | 'non-finite' | 'unpositioned' | 'bad-span' | 'unflagged';

export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
}

/** Offsets of line starts, to check that a span's line:column matches its offset. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Why a span does not fit the input, or null. Text inputs also check line:column against the offset. */
function spanProblem(
  s: SourceSpan,
  size: number,
  text: string | undefined,
  starts: number[] | undefined,
): string | null {
  if (!Number.isInteger(s.offset) || s.offset < 0 || s.offset > size) return `offset ${s.offset} outside 0…${size}`;
  if (!Number.isInteger(s.length) || s.length < 0 || s.offset + s.length > size)
    return `length ${s.length} at ${s.offset} runs past the end (${size})`;
  if (text === undefined || starts === undefined) return null;
  const start = starts[s.line - 1];
  if (start === undefined) return `line ${s.line} does not exist`;
  // A BOM at offset 0 is not a column.
  const bom = s.line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const column = s.offset - start + 1 - bom;
  return column === s.column ? null : `line ${s.line} column ${s.column} is not offset ${s.offset} (column ${column})`;
}

function finiteShape(s: readonly number[] | null | undefined): boolean {
  if (!s) return true;
  for (const d of s) if (!Number.isFinite(d)) return false;
  return true;
}

function allFinite(v: unknown, depth = 0): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v === null || depth > 6) return true;
  for (const x of Object.values(v)) if (!allFinite(x, depth + 1)) return false;
  return true;
}

function layerProblems(l: LayerResult, out: Violation[]): void {
  for (const k of FIGURE_KEYS) {
    const v = l[k];
    if (!Number.isFinite(v) || v < 0) out.push({ kind: 'non-finite', message: `layer "${l.name}": ${k} is ${v}` });
    else if (v > MAX_EXACT && !isApprox(l, k))
      out.push({
        kind: 'unflagged',
        message: `layer "${l.name}": ${k} ${v} is beyond 2^53 but not marked approximate`,
      });
  }
  if (l.arithmeticIntensity !== null && !Number.isFinite(l.arithmeticIntensity))
    out.push({ kind: 'non-finite', message: `layer "${l.name}": arithmetic intensity is ${l.arithmeticIntensity}` });
  if (!allFinite(l.receptiveField)) out.push({ kind: 'non-finite', message: `layer "${l.name}": receptive field` });
  if (!allFinite(l.algorithms)) out.push({ kind: 'non-finite', message: `layer "${l.name}": algorithms` });
  if (!l.outputs.every(finiteShape) || !l.inputShapes.every(finiteShape))
    out.push({ kind: 'non-finite', message: `layer "${l.name}": a shape has a non-finite dimension` });
}

/**
 * Checks the analyser's promises on one result: every figure a finite count, figures beyond
 * 2^53 marked, every error positioned, every position inside the input.
 */
export function checkAnalysis(a: AnalysisResult, input: string | Uint8Array): Violation[] {
  const out: Violation[] = [];
  for (const l of a.layers) layerProblems(l, out);
  const t = a.totals;
  for (const k of TOTAL_KEYS) {
    const v = t[k];
    if (!Number.isFinite(v) || v < 0) out.push({ kind: 'non-finite', message: `total ${k} is ${v}` });
    else if (v > MAX_EXACT && !isApprox(t, k)) {
      const exact = t.exact?.[k];
      if (exact === undefined)
        out.push({ kind: 'unflagged', message: `total ${k} ${v} is beyond 2^53 but not marked` });
      else if (Number(BigInt(exact)) !== v)
        out.push({ kind: 'unflagged', message: `total ${k}: exact ${exact} does not round to ${v}` });
    }
  }
  if (!Number.isInteger(t.unknownLayers) || t.unknownLayers < 0 || t.unknownLayers > a.layers.length)
    out.push({ kind: 'non-finite', message: `unknownLayers is ${t.unknownLayers}` });
  for (const inp of a.inputs)
    if (!finiteShape(inp.shape)) out.push({ kind: 'non-finite', message: `input "${inp.name}" shape` });
  checkDiagnostics(a.diagnostics, input, out);
  checkNodeSpans(a, input, out);
  return out;
}

/** Field spans checked per case: made on demand (Caffe prototxt), so a sample, spread over the graph. */
const SPAN_SAMPLE = 50;

/** Every node's spans, and the field spans of a sample of nodes, lie inside the input. */
function checkNodeSpans(a: AnalysisResult, input: string | Uint8Array, out: Violation[]): void {
  // A binary model's node spans point into its printed text form, not into the bytes.
  if (typeof input !== 'string') return;
  const text = input;
  const starts = lineStarts(text);
  const nodes = a.graph.nodes;
  const step = Math.max(1, Math.ceil(nodes.length / SPAN_SAMPLE));
  const check = (span: SourceSpan | undefined, what: string) => {
    const why = span ? spanProblem(span, input.length, text, starts) : null;
    if (why) out.push({ kind: 'bad-span', message: `${why}: ${what}` });
  };
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    check(n.span, `layer "${n.name}"`);
    check(n.nameSpan, `name of layer "${n.name}"`);
    if (i % step !== 0) continue;
    const spans = attrSpansOf(n);
    if (spans) for (const [path, s] of Object.entries(spans)) check(s, `${path} of layer "${n.name}"`);
  }
}

/** Every error has a position; every position lies inside the input. */
export function checkDiagnostics(diags: readonly Diagnostic[], input: string | Uint8Array, out: Violation[]): void {
  const text = typeof input === 'string' ? input : undefined;
  const size = input.length;
  let starts: number[] | undefined;
  for (const d of diags) {
    if (!d.span) {
      if (d.severity === 'error') out.push({ kind: 'unpositioned', message: `error without a position: ${d.message}` });
      continue;
    }
    if (text !== undefined) starts ??= lineStarts(text);
    const why = spanProblem(d.span, size, text, starts);
    if (why) out.push({ kind: 'bad-span', message: `${why}: ${d.message}` });
  }
}
