import { describe, expect, test } from 'vitest';
import { gcDuringTimedRuns } from './bench-exec-trace';

describe('bench:exec trace summary', () => {
  test('counts GC on the marked thread inside the timed window only, nested events once', () => {
    const trace = {
      traceEvents: [
        { name: 'MajorGC', ph: 'X', ts: 500, dur: 300, pid: 1, tid: 7 }, // before: not counted
        { name: 'layerscope-timed-start', ph: 'R', ts: 1_000, pid: 1, tid: 7 },
        { name: 'MinorGC', ph: 'X', ts: 2_000, dur: 400, pid: 1, tid: 7 },
        { name: 'V8.GC_SCAVENGER', ph: 'X', ts: 2_010, dur: 300, pid: 1, tid: 7 }, // nested: not counted again
        { name: 'V8.GCIncrementalMarking', ph: 'X', ts: 5_000, dur: 8_000, pid: 1, tid: 7 },
        { name: 'MinorGC', ph: 'X', ts: 3_000, dur: 900, pid: 1, tid: 9 }, // another thread
        { name: 'V8.GC_MC_BACKGROUND_MARKING', ph: 'X', ts: 4_000, dur: 2_000, pid: 1, tid: 11 },
        { name: 'V8.GC_MC_BACKGROUND_MARKING', ph: 'X', ts: 4_500, dur: 500, pid: 1, tid: 11 }, // overlaps
        { name: 'layerscope-timed-end', ph: 'R', ts: 11_000, pid: 1, tid: 7 },
      ],
    };
    // The marking step runs past the end mark: only its 6 ms inside the window count.
    expect(gcDuringTimedRuns(trace)).toEqual({
      windowMs: 10,
      events: 2,
      ms: 6.4,
      majorEvents: 1,
      majorMs: 6,
      otherMs: 2.9,
    });
    expect(gcDuringTimedRuns({ traceEvents: [] })).toBeNull();
  });
});
