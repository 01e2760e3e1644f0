/**
 * For `BENCH_TRACE=1 npm run bench:exec`: how much garbage collection a contender's worker did
 * while its timed runs went on. Both workers mark the timed runs with `performance.mark`
 * ('layerscope-timed-start' / '-end'); the Chrome trace has those marks on the worker's thread,
 * and V8's GC events on the thread that paused for them (and on helper threads for concurrent
 * marking). Our worker builds the ONNX model itself, ~100 MB of weights for ResNet-50, which a
 * later GC has to clear: this tells whether that happens while we time.
 */

/** Trace categories the summary needs (user-timing marks and V8's GC events). */
export const TRACE_CATEGORIES = ['blink.user_timing', 'devtools.timeline', 'v8', 'disabled-by-default-v8.gc'];

interface TraceEvent {
  readonly name?: string;
  readonly ph?: string;
  readonly ts?: number;
  readonly dur?: number;
  readonly pid?: number;
  readonly tid?: number;
}

/** GC during the timed runs, in ms. */
export interface GcSummary {
  readonly windowMs: number;
  /** Top-level GC events on the worker thread itself (pauses and incremental marking steps). */
  readonly events: number;
  /** Time the worker thread spent in GC (union of its GC events, nested ones not counted twice). */
  readonly ms: number;
  /** Of which mark-compact work (incremental marking steps, finalisation, full GCs). */
  readonly majorEvents: number;
  readonly majorMs: number;
  /** GC work on the renderer's other threads (concurrent marking, sweeping) in the same window. */
  readonly otherMs: number;
}

const isGc = (name: string) => /GC/.test(name);
const isMajor = (name: string) => name === 'MajorGC' || /^V8\.GC(IncrementalMarking|FinalizeMC|_MC_)/.test(name);

/** Total length of the union of intervals (µs). */
function unionUs(spans: [number, number][]): number {
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** Sums GC between the timed-run marks of the last marked thread; null when there are no marks. */
export function gcDuringTimedRuns(trace: unknown): GcSummary | null {
  const events: readonly TraceEvent[] = Array.isArray(trace)
    ? (trace as TraceEvent[])
    : ((trace as { traceEvents?: TraceEvent[] }).traceEvents ?? []);
  const start = events.filter((e) => e.name === 'layerscope-timed-start').at(-1);
  const end = events.filter((e) => e.name === 'layerscope-timed-end').at(-1);
  if (!start || !end || start.ts === undefined || end.ts === undefined) return null;
  const t0 = start.ts;
  const t1 = end.ts;
  const own: [number, number][] = [];
  const ownMajor: [number, number][] = [];
  const others = new Map<number, [number, number][]>();
  let count = 0;
  let major = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.ts === undefined || e.dur === undefined || !e.name || !isGc(e.name)) continue;
    if (e.pid !== start.pid) continue;
    // The part of the event inside the window.
    const span: [number, number] = [Math.max(e.ts, t0), Math.min(e.ts + e.dur, t1)];
    if (span[1] <= span[0]) continue;
    if (e.tid === start.tid) {
      // Count events not nested in one already seen (events come sorted by start for a thread).
      const nested = own.some(([a, b]) => span[0] >= a && span[1] <= b);
      own.push(span);
      if (isMajor(e.name)) ownMajor.push(span);
      if (!nested) {
        count++;
        if (isMajor(e.name)) major++;
      }
    } else if (e.tid !== undefined) {
      others.set(e.tid, [...(others.get(e.tid) ?? []), span]);
    }
  }
  let otherUs = 0;
  for (const spans of others.values()) otherUs += unionUs(spans);
  return {
    windowMs: (t1 - t0) / 1000,
    events: count,
    ms: unionUs(own) / 1000,
    majorEvents: major,
    majorMs: unionUs(ownMajor) / 1000,
    otherMs: otherUs / 1000,
  };
}
