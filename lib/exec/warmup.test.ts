import { describe, expect, test } from 'vitest';
import { lastWindows, stillWarming, warmupVerdict, warmupWindow, type WarmupRule } from './warmup';

/** Replays a measured warm-up series: the verdict after each run, elapsed = the runs' sum. */
function replay(series: readonly number[], rule: WarmupRule): { stopAt: number; stop: string | null } {
  let elapsed = 0;
  for (let n = 1; n <= series.length; n++) {
    elapsed += series[n - 1]!;
    const v = warmupVerdict(series.slice(0, n), elapsed, rule);
    if (v) return { stopAt: n, stop: v };
  }
  return { stopAt: series.length, stop: null };
}

const PANEL: WarmupRule = { minRuns: 2, minMs: 3_000, maxMs: 30_000 };

// ResNet-50 fast mode, onnxruntime-web WASM in Node, 1 thread, load ~9: the engine's own warm-up
// series; it stopped at run 12 ("converged", windows 915.8 → 942.0 ms).
const RESNET50_NODE = [2423.1, 955.3, 1074.7, 855.3, 915.8, 1005.1, 863.9, 831.4, 846.5, 942.0, 1039.5, 992.2];
// MobileNet v1 in Chromium after 3 fixed warm-up runs (session 3): the tier-up landed at run 6.
const MOBILENET_CHROMIUM = [123, 135, 118, 112, 107, 53, 48, 50, 50, 47];

describe('warm-up: timing starts once runs have stopped getting faster', () => {
  test('both minimums first, then two windows of 5 runs', () => {
    expect(warmupVerdict([], 0, PANEL)).toBeNull();
    // 2 runs, 3.4 s: the minimums are met but 10 runs are needed to compare two windows.
    expect(warmupVerdict(RESNET50_NODE.slice(0, 2), 3378.4, PANEL)).toBeNull();
    // Run 10: the 5 before had a median of 955.3 ms, the last 5 of 863.9 ms: 10.6% faster, go on.
    expect(lastWindows(RESNET50_NODE.slice(0, 10))).toEqual({ runs: 5, earlierMs: 955.3, laterMs: 863.9 });
    // Run 12: 915.8 → 942.0 ms, no longer faster: timing starts there, as it did in the engine.
    expect(replay(RESNET50_NODE, PANEL)).toEqual({ stopAt: 12, stop: 'converged' });
  });

  test('a series that is still falling is not timed, where the old 2-run/3-s rule would have timed it', () => {
    // Every prefix: still getting faster (118 → 50 ms at run 10).
    expect(replay(MOBILENET_CHROMIUM, { minRuns: 2, minMs: 0, maxMs: 60_000 })).toEqual({ stopAt: 10, stop: null });
    // With steady runs after it, timing starts once the earlier window's median is past the drop:
    // run 13 compares [118, 112, 107, 53, 48] (median 107) with 46 ms; run 14 compares
    // [107, 53, 48, 50, 50] (median 50) with [47, 46, 45, 47, 44] (median 46): 8.7% faster, stop.
    const after = [...MOBILENET_CHROMIUM, 46, 45, 47, 44, 46, 45];
    expect(replay(after, { minRuns: 2, minMs: 0, maxMs: 60_000 })).toEqual({ stopAt: 14, stop: 'converged' });
  });

  test('the maximum time ends a warm-up that is still getting faster, and says so', () => {
    // 746 ms after run 8, still too few runs to compare: the 700 ms limit ends it.
    expect(replay(MOBILENET_CHROMIUM, { minRuns: 2, minMs: 0, maxMs: 700 })).toEqual({ stopAt: 8, stop: 'max-time' });
    // No maximum (or one not above the minimum time): the minimums alone.
    expect(replay(MOBILENET_CHROMIUM, { minRuns: 3, minMs: 0, maxMs: 0 })).toEqual({ stopAt: 3, stop: 'minimum' });
    expect(replay(MOBILENET_CHROMIUM, { minRuns: 1, minMs: 500, maxMs: 500 })).toEqual({
      stopAt: 5,
      stop: 'minimum',
    });
  });

  test('fast models compare windows of a tenth of the series, so thousands of runs give steady medians', () => {
    expect(warmupWindow(10)).toBe(5);
    expect(warmupWindow(49)).toBe(5);
    expect(warmupWindow(3000)).toBe(300);
    // 3,000 runs of 0.10 ms after 3,000 of 0.20 ms: the last two tenths are equal → converged.
    const tiny = [...Array<number>(3000).fill(0.2), ...Array<number>(3000).fill(0.1)];
    expect(warmupVerdict(tiny, 900, PANEL)).toBeNull();
    expect(warmupVerdict(tiny, 3_000, PANEL)).toBe('converged');
  });

  test('stillWarming notes timed runs that were still getting faster, and only those', () => {
    expect(stillWarming(MOBILENET_CHROMIUM)).toMatch(
      /still falling \(first 5 runs: median 118\.0 ms, last 5: 50\.0 ms\)/,
    );
    expect(stillWarming([45, 44, 47, 43, 45, 46, 44, 45, 44, 46])).toBeNull();
    // Getting slower is noise, not warm-up.
    expect(stillWarming([40, 41, 40, 90, 95, 92])).toBeNull();
    // Too few runs to tell.
    expect(stillWarming([100, 100, 40, 40])).toBeNull();
  });
});
