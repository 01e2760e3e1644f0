import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../index';
import { allFinite, mismatches, runOnce } from '../testing/run-check';
import { feedingLayers, lowerAnalysis } from './index';

// A detection-shaped net: a backbone, two heads, and an SSD PriorBox (no ONNX lowering) whose
// anchors a Concat joins; relu works in place on c1.
const NET = `
name: "mini-ssd"
input: "data"
input_shape { dim: 1 dim: 3 dim: 16 dim: 16 }
layer { name: "c1" type: "Convolution" bottom: "data" top: "c1" convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }
layer { name: "relu" type: "ReLU" bottom: "c1" top: "c1" }
layer { name: "pool" type: "Pooling" bottom: "c1" top: "pool" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
layer { name: "loc" type: "Convolution" bottom: "pool" top: "loc" convolution_param { num_output: 4 kernel_size: 3 pad: 1 } }
layer { name: "conf" type: "Convolution" bottom: "pool" top: "conf" convolution_param { num_output: 6 kernel_size: 3 pad: 1 } }
layer { name: "prior" type: "PriorBox" bottom: "pool" bottom: "data" top: "prior" prior_box_param { min_size: 4 } }
layer { name: "loc_flat" type: "Flatten" bottom: "loc" top: "loc_flat" }
layer { name: "priors" type: "Concat" bottom: "prior" bottom: "prior" top: "priors" concat_param { axis: 2 } }
`;

describe('partial runs', () => {
  test('the whole model is refused with every layer that blocks it', () => {
    const r = lowerAnalysis(analyzeText(NET));
    expect(r.ok ? [] : r.refused.map((x) => [x.layer, x.reason])).toEqual([
      [
        'prior',
        'no ONNX lowering for type "PriorBox": its output is anchor coordinates computed from shapes, not an ONNX op',
      ],
      ['priors', 'reads "prior", which no lowered layer produces'],
    ]);
  });

  test('the supported part: every layer up to the first one on its path that cannot be lowered', async () => {
    const r = lowerAnalysis(analyzeText(NET), { kind: 'supported' });
    if (!r.ok) throw new Error(r.refused.map((x) => x.reason).join('; '));
    expect(r.model.layers).toEqual(['c1', 'relu', 'pool', 'loc', 'conf', 'loc_flat']);
    expect(r.model.excluded.map((x) => [x.layer, x.type])).toEqual([
      ['prior', 'PriorBox'],
      ['priors', 'Concat'],
    ]);
    // The partial graph's outputs are what nothing inside it reads.
    expect(r.model.outputs.map((o) => [o.name, o.shape])).toEqual([
      ['conf', [1, 6, 8, 8]],
      ['loc_flat', [1, 256]],
    ]);
    const run = await runOnce(r.model);
    expect(mismatches(run)).toEqual([]);
    expect(run.shapeChecks.map((c) => c.tensor)).toEqual(r.model.tops.map((t) => t.name));
    expect(allFinite(run)).toBe(true);
  });

  test('the layers feeding a chosen layer, and only those', async () => {
    const analysis = analyzeText(NET);
    // loc needs pool, which needs relu (in place on c1) and c1.
    expect([...feedingLayers(analysis, 'loc')!].sort()).toEqual([0, 1, 2, 3]);
    const r = lowerAnalysis(analysis, { kind: 'feeding', layer: 'loc' });
    if (!r.ok) throw new Error('refused');
    expect(r.model.layers).toEqual(['c1', 'relu', 'pool', 'loc']);
    expect(r.model.outputs.map((o) => o.name)).toEqual(['loc']);
    expect(r.model.excluded.map((x) => [x.layer, x.reason])).toEqual([
      ['conf', 'not needed for loc'],
      ['prior', 'not needed for loc'],
      ['loc_flat', 'not needed for loc'],
      ['priors', 'not needed for loc'],
    ]);
    expect(mismatches(await runOnce(r.model))).toEqual([]);
    // A sub-graph holding a layer that cannot be lowered is refused with that layer named.
    const blocked = lowerAnalysis(analysis, { kind: 'feeding', layer: 'priors' });
    expect(blocked.ok ? [] : blocked.refused.map((x) => x.layer)).toEqual(['prior', 'priors']);
    expect(lowerAnalysis(analysis, { kind: 'feeding', layer: 'nope' })).toEqual({
      ok: false,
      refused: [{ layer: 'nope', type: 'scope', reason: 'no layer named "nope"' }],
    });
  });

  test('a graph input without a shape still blocks the supported part', () => {
    const r = lowerAnalysis(analyzeText(NET.replace('input_shape { dim: 1 dim: 3 dim: 16 dim: 16 }', '')), {
      kind: 'supported',
    });
    expect(r.ok).toBe(false);
  });
});
