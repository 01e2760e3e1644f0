import { analyze, type BatchChoice } from '../analysis';
import { toCsv, toMarkdown, toReportJson, toTable } from '../report';
import { FUZZ_FORMATS, type FuzzCase, type FuzzFormat } from './formats';
import { checkAnalysis, type Violation, type ViolationKind } from './invariants';
import { caseSeed, createRng } from './rng';

/** A case that ran past this is a hang (the bound: 2 s per damaged model). */
export const HANG_MS = 2000;

/**
 * The bound for one input: 2 s, or the speed target (20 MB in 2 s) for inputs that
 * mutations grew past 20 MB (an 80 MB input read in 3 s is linear work, not a hang).
 */
export function hangBoundMs(input: string | Uint8Array, hangMs = HANG_MS): number {
  return Math.max(hangMs, (hangMs * input.length) / (20 * 1024 * 1024));
}

/** Analysis batches a case runs at: mostly 1, sometimes the declared one or a huge one (2^31, to reach 2^53). */
const BATCHES: readonly BatchChoice[] = [1, 1, 1, 'declared', 7, 2 ** 31];

/** The outcome of one case. */
export interface CaseResult {
  readonly index: number;
  readonly fuzzCase: FuzzCase;
  readonly batch: BatchChoice;
  readonly ms: number;
  readonly violations: readonly Violation[];
}

/** Builds case `index` of a run seeded with `seed` (deterministic: the reproducer is seed + index). */
export function generateCase(
  seed: number,
  index: number,
  formats: readonly FuzzFormat[] = FUZZ_FORMATS,
): { format: FuzzFormat; fuzzCase: FuzzCase; batch: BatchChoice } {
  const rng = createRng(caseSeed(seed, index));
  const format = formats[index % formats.length]!;
  const fuzzCase = format.generate(rng);
  return { format, fuzzCase, batch: rng.pick(BATCHES) };
}

const firstLines = (err: unknown) =>
  err instanceof Error
    ? `${err.name}: ${err.message}\n${(err.stack ?? '').split('\n').slice(1, 6).join('\n')}`
    : String(err);

/**
 * Reads and analyses one input and runs every report formatter over it, checking the
 * invariants. Internal errors that a reader or the analysis turned into a diagnostic count as
 * crashes too: they hide a bug and lose the user's model.
 */
export function checkInput(format: FuzzFormat, fuzzCase: FuzzCase, batch: BatchChoice, hangMs = HANG_MS) {
  const bound = hangBoundMs(fuzzCase.input, hangMs);
  const first = checkOnce(format, fuzzCase, batch);
  if (first.ms <= bound) return first;
  // Over the bound: run it once more (a GC pause or a busy shared machine is not a hang) and keep the faster time.
  const again = checkOnce(format, fuzzCase, batch);
  const ms = Math.min(first.ms, again.ms);
  const violations = [...first.violations];
  if (ms > bound)
    violations.push({ kind: 'hang', message: `took ${ms.toFixed(0)} ms, twice (bound ${bound.toFixed(0)} ms)` });
  return { ms, violations };
}

function checkOnce(format: FuzzFormat, fuzzCase: FuzzCase, batch: BatchChoice) {
  const violations: Violation[] = [];
  const t0 = performance.now();
  try {
    const read = format.read(fuzzCase.input);
    const a = analyze(read.graph, { batch });
    toTable(a);
    toCsv(a);
    toMarkdown(a);
    JSON.stringify(toReportJson(a));
    // A binary model's spans point into its text form; its byte offsets into the input.
    for (const v of checkAnalysis(a, read.graph.sourceText ?? fuzzCase.input)) violations.push(v);
    if (typeof fuzzCase.input !== 'string') {
      const size = fuzzCase.input.length;
      for (const d of a.diagnostics)
        if (
          d.byteOffset !== undefined &&
          !(Number.isInteger(d.byteOffset) && d.byteOffset >= 0 && d.byteOffset <= size)
        )
          violations.push({ kind: 'bad-span', message: `byte offset ${d.byteOffset} outside 0…${size}: ${d.message}` });
    }
    for (const d of a.diagnostics)
      if (d.message.includes('internal error')) violations.push({ kind: 'crash', message: d.message });
  } catch (err) {
    violations.push({ kind: 'crash', message: firstLines(err) });
  }
  return { ms: performance.now() - t0, violations };
}

/** Generates and checks case `index`. */
export function runCase(
  seed: number,
  index: number,
  formats: readonly FuzzFormat[] = FUZZ_FORMATS,
  hangMs = HANG_MS,
): CaseResult {
  const { format, fuzzCase, batch } = generateCase(seed, index, formats);
  const { ms, violations } = checkInput(format, fuzzCase, batch, hangMs);
  return { index, fuzzCase, batch, ms, violations };
}

/** Counts over a run. */
export interface FuzzSummary {
  cases: number;
  /** Cases with at least one violation of each kind. */
  readonly byKind: Record<ViolationKind, number>;
  /** Failing cases per format. */
  readonly byFormat: Record<string, number>;
  /** The failing cases (the first `keep`). */
  readonly failures: CaseResult[];
  slowest: { index: number; ms: number; format: string } | null;
  totalMs: number;
}

export function emptySummary(): FuzzSummary {
  return {
    cases: 0,
    byKind: { crash: 0, hang: 0, 'non-finite': 0, unpositioned: 0, 'bad-span': 0, unflagged: 0 },
    byFormat: {},
    failures: [],
    slowest: null,
    totalMs: 0,
  };
}

/** Adds one case to a summary. */
export function record(summary: FuzzSummary, r: CaseResult, keep = 50): void {
  summary.cases++;
  summary.totalMs += r.ms;
  if (!summary.slowest || r.ms > summary.slowest.ms)
    summary.slowest = { index: r.index, ms: r.ms, format: r.fuzzCase.format };
  if (r.violations.length === 0) return;
  const kinds = new Set(r.violations.map((v) => v.kind));
  for (const k of kinds) summary.byKind[k]++;
  summary.byFormat[r.fuzzCase.format] = (summary.byFormat[r.fuzzCase.format] ?? 0) + 1;
  if (summary.failures.length < keep) summary.failures.push(r);
}

/** Runs cases `from` … `from + count − 1` of a seeded run. */
export function runFuzz(options: {
  seed: number;
  count: number;
  from?: number;
  formats?: readonly FuzzFormat[];
  hangMs?: number;
}): FuzzSummary {
  const summary = emptySummary();
  const from = options.from ?? 0;
  for (let i = from; i < from + options.count; i++)
    record(summary, runCase(options.seed, i, options.formats ?? FUZZ_FORMATS, options.hangMs ?? HANG_MS));
  return summary;
}

/** One line per failing case: what broke and how to reproduce it. */
export function describeFailure(seed: number, r: CaseResult): string {
  const c = r.fuzzCase;
  const head = `case ${r.index} (${c.format}, seed model ${c.seed}, ${c.mutators.join('+')}, batch ${r.batch}, ${r.ms.toFixed(0)} ms)`;
  const lines = r.violations.slice(0, 4).map((v) => `  ${v.kind}: ${v.message.slice(0, 300).replace(/\n/g, '\n    ')}`);
  return [head, ...lines, `  reproduce: npm run fuzz -- --seed ${seed} --case ${r.index}`].join('\n');
}
