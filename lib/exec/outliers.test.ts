import { describe, expect, test } from 'vitest';
import { layerFlags, quartiles, type LayerTiming } from './outliers';
import { summarize } from './stats';
import { RESNET50_SCALE_TIMES } from './testing/resnet50-scale-times';

function timing(layer: string, type: string, flops: number, intensity: number | null, runs: readonly number[]) {
  return {
    layer,
    type,
    flops,
    outputElements: flops / 2,
    intensity,
    stats: summarize(runs),
    runs,
  } satisfies LayerTiming;
}

const SCALES = RESNET50_SCALE_TIMES.map(([layer, flops, , intensity, runs]) =>
  timing(layer, 'Scale', flops, intensity, runs),
);

describe('layer outliers', () => {
  test("ResNet-50's Scale layers: the five on big tensors are flagged against their 48 siblings, with the figures", () => {
    const flags = layerFlags(SCALES);
    const slow = [...flags].filter(([, f]) => f.some((x) => x.kind === 'slow-for-type')).map(([l]) => l);
    expect(slow).toEqual([
      'scale_conv1',
      'scale2a_branch1',
      'scale2a_branch2c',
      'scale2b_branch2c',
      'scale2c_branch2c',
    ]);
    const conv1 = flags.get('scale_conv1')!.find((f) => f.kind === 'slow-for-type')!;
    expect(conv1.message).toBe(
      '81.8 ms where 22 comparable Scale layers would take 0.560 ms for its 1.61 MFLOPs: 146× slower than its type in this run',
    );
    expect(conv1.ratio).toBeCloseTo(146.1, 0);
    // scale3a_branch2c's runs: 0.24–0.30 ms, with 3 of 10 at 3.3–4.5 ms: the middle half spans 14×.
    expect(flags.get('scale3a_branch2c')).toEqual([
      {
        kind: 'unsteady',
        ratio: expect.closeTo(13.75, 2) as number,
        message:
          'its 10 runs disagree: the middle half spans 0.240–3.30 ms (14×), so its median of 0.285 ms is not a ' +
          'steady figure (something else took the CPU at times): run again or with more runs',
      },
    ]);
    // Two interrupted runs of ten (scale3a_branch2a: 16.26 ms among 0.12–0.19) do not make a layer unsteady.
    expect(flags.has('scale2a_branch2a')).toBe(false);
    expect([...flags.keys()]).toHaveLength(6);
  });

  test('nothing is flagged where the layers agree, and too few peers flag nothing', () => {
    const fast = SCALES.filter((s) => s.stats.median < 1);
    const flags = layerFlags(fast);
    expect([...flags.values()].flat().filter((f) => f.kind === 'slow-for-type')).toEqual([]);
    // scale_conv1 with only three siblings left: still 3 peers, still flagged; with two, not.
    const three = [SCALES[0]!, ...fast.slice(0, 3)];
    expect(layerFlags(three, 0.05).get('scale_conv1')?.[0]?.kind).toBe('slow-for-type');
    expect(layerFlags(three.slice(0, 3), 0.05).get('scale_conv1')).toBeUndefined();
  });

  test('peers are layers of the same type with arithmetic intensity and work within 4×', () => {
    // MobileNet v1 in Node (1 thread): the pointwise conv runs at 0.034 ns/FLOP, depthwise convs
    // at 0.13 (56×56) to 0.57 (7×7): per-call overhead weighs more on small layers. Neither the
    // dense conv nor the 7×7 depthwise conv is an outlier: each differs from the others in kind
    // or in size, and has no 3 comparable peers.
    const convs = [
      timing(
        'conv2_2/sep',
        'Convolution',
        51380224,
        21.047,
        [1.732, 9.933, 1.735, 21.819, 6.365, 1.664, 9.882, 1.762, 1.602, 1.542],
      ),
      timing(
        'conv3_1/dw',
        'Convolution',
        7225344,
        2.247,
        [1.003, 0.873, 0.936, 0.779, 2.347, 0.776, 12.996, 0.946, 0.844, 4.904],
      ),
      timing(
        'conv4_1/dw',
        'Convolution',
        3612672,
        2.237,
        [0.536, 0.524, 10.467, 0.504, 0.506, 0.543, 1.884, 0.617, 0.524, 0.541],
      ),
      timing(
        'conv5_1/dw',
        'Convolution',
        1806336,
        2.2,
        [0.506, 0.515, 0.49, 8.339, 0.587, 0.484, 0.524, 0.486, 0.5, 0.573],
      ),
      timing(
        'conv6/dw',
        'Convolution',
        903168,
        2.061,
        [0.481, 2.979, 0.474, 0.733, 0.474, 0.459, 0.553, 6.135, 2.926, 0.441],
      ),
    ];
    const slowOnes = (m: Map<string, { kind: string }[]>) =>
      [...m].filter(([, f]) => f.some((x) => x.kind === 'slow-for-type')).map(([l]) => l);
    expect(slowOnes(layerFlags(convs, 0.05))).toEqual([]);
    // Its five identical 14×14 depthwise convs and five pointwise convs (same run): the pointwise
    // ones are 55 FLOPs/B against 2.2, so each kind is compared with its own.
    const block = [
      timing(
        'conv5_1/dw',
        'Convolution',
        1806336,
        2.2,
        [0.506, 0.515, 0.49, 8.339, 0.587, 0.484, 0.524, 0.486, 0.5, 0.573],
      ),
      timing(
        'conv5_1/sep',
        'Convolution',
        102760448,
        55.504,
        [7.993, 11.65, 12.043, 8.975, 9.619, 17.362, 7.371, 25.112, 19.974, 12.245],
      ),
      timing(
        'conv5_2/dw',
        'Convolution',
        1806336,
        2.2,
        [0.521, 9.353, 8.655, 0.524, 0.512, 0.526, 0.474, 0.63, 0.538, 0.552],
      ),
      timing(
        'conv5_2/sep',
        'Convolution',
        102760448,
        55.504,
        [8.084, 17.055, 48.66, 12.855, 14.905, 16.334, 11.996, 8.364, 10.383, 11.873],
      ),
      timing(
        'conv5_3/dw',
        'Convolution',
        1806336,
        2.2,
        [0.513, 0.499, 0.517, 0.551, 0.523, 0.503, 8.697, 0.73, 2.638, 0.586],
      ),
      timing(
        'conv5_3/sep',
        'Convolution',
        102760448,
        55.504,
        [5.845, 7.953, 8.609, 7.973, 14.657, 14.084, 7.938, 16.558, 7.842, 8.058],
      ),
      timing(
        'conv5_4/dw',
        'Convolution',
        1806336,
        2.2,
        [0.511, 0.944, 0.527, 0.491, 0.486, 0.521, 0.502, 0.547, 0.507, 0.633],
      ),
      timing(
        'conv5_4/sep',
        'Convolution',
        102760448,
        55.504,
        [3.88, 4.726, 6.013, 8.109, 13.997, 11.659, 7.988, 10.307, 7.827, 8.402],
      ),
      timing(
        'conv5_5/dw',
        'Convolution',
        1806336,
        2.2,
        [12.689, 2.001, 0.488, 0.482, 0.536, 0.521, 0.6, 0.577, 0.511, 0.54],
      ),
      timing(
        'conv5_5/sep',
        'Convolution',
        102760448,
        55.504,
        [9.927, 8.389, 10.506, 8.931, 9.426, 18.688, 12.688, 8.244, 3.744, 13.946],
      ),
    ];
    expect(slowOnes(layerFlags(block, 0.05))).toEqual([]);
    // One depthwise conv at 12× its measured times: flagged against the four others only.
    const slowDw = block.map((c) =>
      c.layer === 'conv5_3/dw'
        ? timing(
            c.layer,
            c.type,
            c.flops,
            c.intensity,
            c.runs.map((v) => v * 12),
          )
        : c,
    );
    expect(slowOnes(layerFlags(slowDw, 0.05))).toEqual(['conv5_3/dw']);
    expect(layerFlags(slowDw, 0.05).get('conv5_3/dw')?.[0]?.message).toBe(
      '6.44 ms where 4 comparable Convolution layers would take 0.524 ms for its 1.81 MFLOPs: 12× slower than its type in this run',
    );
  });

  test('quartiles are measured values; fewer than 4 runs have none', () => {
    // bn_conv1 with every top exposed: 4 runs at 0.23–0.26 ms, 8 at 10–78 ms.
    const bn = [22.59, 62.54, 20.07, 34.89, 46.06, 78.2, 37.08, 0.24, 0.26, 0.24, 10.05, 0.23];
    expect(quartiles(bn)).toEqual({ q25: 0.26, q75: 37.08 });
    expect(quartiles([1, 2, 3])).toBeNull();
    const flags = layerFlags([timing('bn_conv1', 'BatchNorm', 3211264, 0.25, bn)]);
    expect(flags.get('bn_conv1')?.map((f) => f.kind)).toEqual(['unsteady']);
  });
});
