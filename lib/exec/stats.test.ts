import { describe, expect, test } from 'vitest';
import { median, scaledMad, slowRuns, summarize } from './stats';

// MobileNet v1 in Chromium, 10 timed runs after 3 fixed warm-up runs (session 3's measurement):
// the WebAssembly tier-up landed half-way through.
const MOBILENET_CHROMIUM = [123, 135, 118, 112, 107, 53, 48, 50, 50, 47];
// ResNet-50 profile runs in Node (1 thread, load ~19, every top exposed): two slow first runs.
const RESNET50_NODE = [6542, 3568, 2203, 2675, 1958, 2555, 2125, 2053, 1834, 1844, 2113, 2200];

describe('run statistics', () => {
  test('median, p10–p90 (a tenth dropped at each end, measured values only) and min–max', () => {
    expect(summarize(MOBILENET_CHROMIUM)).toEqual({ n: 10, median: 80, p10: 48, p90: 123, min: 47, max: 135 });
    // 12 runs: one dropped at each end.
    expect(summarize(RESNET50_NODE)).toEqual({ n: 12, median: 2162.5, p10: 1844, p90: 3568, min: 1834, max: 6542 });
    // Below 10 runs nothing is dropped: p10–p90 is min–max.
    expect(summarize([2488, 934, 899, 1340, 1085, 1046])).toEqual({
      n: 6,
      median: 1065.5,
      p10: 899,
      p90: 2488,
      min: 899,
      max: 2488,
    });
    expect(() => summarize([])).toThrow('no runs');
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  test('slow runs: ≥ 1.25× the median and 3.5 scaled MADs above it', () => {
    // Median 2162.5, MAD 261.5 (scaled: 387.7): the cut-off is 2162.5 + 3.5 × 387.7 = 3519.5.
    expect(scaledMad(RESNET50_NODE)).toBeCloseTo(387.7, 1);
    expect(slowRuns(RESNET50_NODE).map((r) => [r.index, r.ms, r.ratio.toFixed(2)])).toEqual([
      [0, 6542, '3.03'],
      [1, 3568, '1.65'],
    ]);
    // Node MobileNet v1 fast mode at load ~9: median 201.15, scaled MAD 34.6, cut-off 322.3; only
    // the 357.9 ms run (1.78×) is out, the 242.3 ms one (1.20×) is ordinary spread.
    expect(slowRuns([193.2, 220.0, 205.8, 195.5, 242.3, 357.9, 229.0, 196.5, 153.7, 171.1]).map((r) => r.ms)).toEqual([
      357.9,
    ]);
    // The bimodal warm-up series is not "slow runs": half of it is slow, the median sits between.
    expect(slowRuns(MOBILENET_CHROMIUM)).toEqual([]);
    expect(slowRuns([100, 400, 100, 100])).toEqual([]);
  });
});
