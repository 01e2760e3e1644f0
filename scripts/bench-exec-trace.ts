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
  /** MinorGC / MajorGC pauses on the worker thread itself. */
  readonly events: number;
  readonly ms: number;
  readonly majorEvents: number;
  readonly majorMs: number;
  /** GC work on the renderer's other threads (concurrent marking, sweeping) in the same window. */
  readonly otherMs: number;
}

const PAUSES = new Set(['MinorGC', 'MajorGC']);

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
  let count = 0;
  let us = 0;
  let major = 0;
  let majorUs = 0;
  let otherUs = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.ts === undefined || e.dur === undefined || !e.name) continue;
    // The part of the event inside the window.
    const overlap = Math.min(e.ts + e.dur, t1) - Math.max(e.ts, t0);
    if (overlap <= 0) continue;
    if (e.pid === start.pid && e.tid === start.tid) {
      if (!PAUSES.has(e.name)) continue;
      count++;
      us += overlap;
      if (e.name === 'MajorGC') {
        major++;
        majorUs += overlap;
      }
    } else if (e.pid === start.pid && /GC/.test(e.name) && !PAUSES.has(e.name)) {
      otherUs += overlap;
    }
  }
  return {
    windowMs: (t1 - t0) / 1000,
    events: count,
    ms: us / 1000,
    majorEvents: major,
    majorMs: majorUs / 1000,
    otherMs: otherUs / 1000,
  };
}
