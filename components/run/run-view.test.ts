import { describe, expect, test } from 'vitest';
import { analyzeText } from '@/lib/index';
import type { EngineResult } from '@/lib/exec/engine';
import { summarize } from '@/lib/exec/stats';
import { progressText, warmupRuleText } from './run-progress';
import { measuredRows, spreadText, warmupText } from './run-view';

function result(over: Partial<EngineResult>): EngineResult {
  return {
    backend: 'wasm',
    mode: 'profile',
    modelBytes: 1,
    sessionMs: 1,
    runMs: [1],
    medianMs: 1,
    runStats: summarize([1]),
    slowRuns: [],
    warmupRuns: 0,
    warmupMs: 0,
    warmup: { runs: 0, ms: 0, stop: 'minimum', windows: null, head: [], tail: [], settleRuns: 0 },
    perLayerMs: null,
    perLayerStats: null,
    perLayerRunMs: null,
    layerTimeSource: null,
    shapeChecks: [],
    outputs: [],
    notes: [],
    ...over,
  };
}

describe('run results text', () => {
  test('warm-up: how long, and what ended it', () => {
    const base = result({}).warmup;
    expect(warmupText(result({ warmup: { ...base, runs: 1, ms: 312.4 } }))).toBe('after 1 warm-up run (312 ms)');
    // ResNet-50 in Node: converged at run 12 (windows 915.8 → 942.0 ms).
    expect(
      warmupText(
        result({
          warmup: {
            ...base,
            runs: 12,
            ms: 12747,
            stop: 'converged',
            windows: { runs: 5, earlierMs: 915.8, laterMs: 942 },
          },
        }),
      ),
    ).toBe(
      'after 12 warm-up runs (12747 ms), once runs stopped getting faster (last 5 runs: median 942 ms, the 5 before: 916 ms)',
    );
    expect(
      warmupText(
        result({
          warmup: {
            ...base,
            runs: 7,
            ms: 30900,
            stop: 'max-time',
            windows: null,
            settleRuns: 2,
          },
        }),
      ),
    ).toBe(
      'after 7 warm-up runs (30900 ms): stopped at its time limit while runs were still getting faster, then 2 untimed runs of the profiled session',
    );
  });

  test('spread: p10–p90 from 10 runs, min–max below', () => {
    expect(spreadText(summarize([123, 135, 118, 112, 107, 53, 48, 50, 50, 47]))).toBe('p10–p90 48.0–123');
    expect(spreadText(summarize([2.35, 1.1, 0.9]))).toBe('min–max 0.900–2.35');
  });

  test('progress names the warm-up rule as the fields set it', () => {
    expect(warmupRuleText({ warmup: 2, warmupMs: 3000, warmupMaxMs: 30000 })).toBe(
      'at least 2 runs and 3.0 s, then until runs stop getting faster, at most 30.0 s',
    );
    expect(warmupRuleText({ warmup: 1, warmupMs: 0, warmupMaxMs: 0 })).toBe('at least 1 run and 0.0 s');
    expect(
      progressText({ phase: 'warmup', done: 11, total: 12, elapsedMs: 4210, lastMs: 43.27 }, {
        type: 'run',
        id: 1,
        warmup: 2,
        warmupMs: 3000,
        warmupMaxMs: 30000,
      } as never),
    ).toBe(
      'warm-up run 12, 4.2 s, last 43.3 ms (at least 2 runs and 3.0 s, then until runs stop getting faster, at most 30.0 s)',
    );
    expect(progressText({ phase: 'settle', done: 0, total: 2 }, null)).toBe('untimed run 1/2 of the profiled session');
  });

  test('rows join the analysis, carry their spread and flags, slowest first', () => {
    const perm = (name: string, order: number[]) =>
      `layer { name: "${name}" type: "Permute" bottom: "data" top: "${name}" permute_param { ${order.map((o) => `order: ${o}`).join(' ')} } }`;
    const analysis = analyzeText(
      ['input: "data"', 'input_shape { dim: 1 dim: 256 dim: 64 dim: 64 }']
        .concat(
          ['k1', 'k2', 'k3', 'k4'].map((n) => perm(n, [0, 1, 2, 3])),
          [perm('swap', [0, 3, 2, 1])],
        )
        .join('\n'),
    );
    // Measured in Node (1 thread): the transposing Permute ~20 ms, the order-keeping ones ~0.25 ms.
    const runs: Record<string, number[]> = {
      k1: [0.34, 0.2, 0.28, 0.28, 0.26],
      k2: [0.39, 0.22, 0.31, 0.23, 0.3],
      k3: [0.26, 0.22, 0.29, 0.25, 0.95],
      k4: [0.22, 0.25, 0.21, 0.19, 0.24],
      swap: [13.23, 16.22, 20.34, 17.91, 20.64],
    };
    const stats = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, summarize(v)]));
    const rows = measuredRows(analysis, result({ perLayerRunMs: runs, perLayerStats: stats, perLayerMs: {} }));
    expect(rows.map((r) => r.layer)).toEqual(['swap', 'k2', 'k1', 'k3', 'k4']);
    expect(rows[0]!.flags.map((f) => f.kind)).toEqual(['slow-for-type']);
    expect(rows[0]!.flags[0]!.message).toBe(
      '17.9 ms where 4 comparable Permute layers would take 0.270 ms for its 1.05 M elements written: 66× slower than its type in this run',
    );
    expect(rows.slice(1).every((r) => r.flags.length === 0)).toBe(true);
    expect(rows[0]!.share).toBeCloseTo(17.91 / (17.91 + 0.3 + 0.28 + 0.26 + 0.22), 6);
  });
});
