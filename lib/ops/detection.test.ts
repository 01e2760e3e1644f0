import { describe, expect, it } from 'vitest';
import { fieldSpan, runNet } from './op-test-utils';

const prior = (params: Record<string, unknown>) => ({ prior_box_param: params }) as never;

describe('PriorBox', () => {
  it('SSD conv4_3: min 30, max 60, aspect 2 with flip → 4 priors, 38·38·4·4 = 23104', () => {
    const net = runNet({ feat: [1, 512, 38, 38], data: [1, 3, 300, 300] }, [
      {
        name: 'pb',
        type: 'PriorBox',
        bottoms: ['feat', 'data'],
        attrs: prior({ min_size: 30, max_size: 60, aspect_ratio: 2, flip: true }),
      },
    ]);
    expect(net.layer('pb').outputs).toEqual([[1, 2, 23104]]);
  });

  it('SSD fc7: aspect 2 and 3 with flip → 6 priors; N stays 1 at any batch', () => {
    const net = runNet(
      { feat: [4, 1024, 19, 19], data: [4, 3, 300, 300] },
      [
        {
          name: 'pb',
          type: 'PriorBox',
          bottoms: ['feat', 'data'],
          attrs: prior({ min_size: 60, max_size: 111, aspect_ratio: [2, 3] }),
        },
      ],
      { batch: 4 },
    );
    expect(net.layer('pb').outputs).toEqual([[1, 2, 19 * 19 * 6 * 4]]);
  });

  it('duplicates are ignored, flip false adds no inverses, no max_size means no extra prior', () => {
    const net = runNet({ feat: [1, 8, 10, 10], data: [1, 3, 300, 300] }, [
      // ratios {1, 2, 0.5}: 0.5 listed again is a duplicate of 1/2; two min sizes → 3·2 = 6.
      {
        name: 'a',
        type: 'PriorBox',
        bottoms: ['feat', 'data'],
        attrs: prior({ min_size: [10, 20], aspect_ratio: [2, 0.5, 1] }),
      },
      // ratios {1, 2, 3}, one min, one max → 3 + 1 = 4.
      {
        name: 'b',
        type: 'PriorBox',
        bottoms: ['feat', 'data'],
        attrs: prior({ min_size: 10, max_size: 20, aspect_ratio: [2, 3], flip: false }),
      },
    ]);
    expect(net.layer('a').outputs).toEqual([[1, 2, 100 * 6 * 4]]);
    expect(net.layer('b').outputs).toEqual([[1, 2, 100 * 4 * 4]]);
  });

  it('missing min_size, max ≤ min, and a variance count other than 1 or 4 are errors', () => {
    const net = runNet({ feat: [1, 8, 10, 10], data: [1, 3, 300, 300] }, [
      {
        name: 'none',
        type: 'PriorBox',
        bottoms: ['feat', 'data'],
        attrs: prior({}),
        spanFields: ['prior_box_param.min_size'],
      },
      { name: 'mm', type: 'PriorBox', bottoms: ['feat', 'data'], attrs: prior({ min_size: 30, max_size: 20 }) },
      {
        name: 'var',
        type: 'PriorBox',
        bottoms: ['feat', 'data'],
        attrs: prior({ min_size: 30, variance: [0.1, 0.2] }),
      },
    ]);
    expect(net.layer('none').diagnostics[0]?.message).toBe('none: min_size must be given');
    expect(net.layer('none').diagnostics[0]?.span).toEqual(fieldSpan(0));
    expect(net.layer('mm').diagnostics[0]?.message).toBe('mm: max_size 20 must be greater than min_size 30');
    expect(net.layer('var').diagnostics[0]?.message).toBe('var: variance takes 1 or 4 values, got 2');
  });
});

describe('DetectionOutput', () => {
  const det = (params: Record<string, unknown>) => ({ detection_output_param: params }) as never;

  it('keeps keep_top_k rows of 7 per image', () => {
    const net = runNet({ loc: [1, 34928], conf: [1, 183372], pri: [1, 2, 34928] }, [
      {
        name: 'd',
        type: 'DetectionOutput',
        bottoms: ['loc', 'conf', 'pri'],
        attrs: det({ num_classes: 21, keep_top_k: 200 }),
      },
    ]);
    expect(net.layer('d').outputs).toEqual([[1, 1, 200, 7]]);
    expect(net.layer('d').flops).toBe(0);
  });

  it('without keep_top_k the bound is top_k per non-background class', () => {
    const net = runNet({ loc: [1, 40], conf: [1, 30], pri: [1, 2, 40] }, [
      {
        name: 'd',
        type: 'DetectionOutput',
        bottoms: ['loc', 'conf', 'pri'],
        attrs: det({ num_classes: 3, nms_param: { top_k: 4 } }),
      },
    ]);
    // 10 priors, 2 foreground classes, at most 4 each.
    expect(net.layer('d').outputs).toEqual([[1, 1, 8, 7]]);
  });

  it('prediction counts must match the priors', () => {
    const net = runNet({ loc: [1, 36], conf: [1, 30], pri: [1, 2, 40] }, [
      { name: 'd', type: 'DetectionOutput', bottoms: ['loc', 'conf', 'pri'], attrs: det({ num_classes: 3 }) },
      { name: 'n', type: 'DetectionOutput', bottoms: ['loc', 'conf', 'pri'], attrs: det({}) },
    ]);
    expect(net.layer('d').diagnostics[0]?.message).toBe(
      'd: location predictions 1×36 do not match 10 priors × 1 location class(es) × 4 = 40',
    );
    expect(net.layer('n').diagnostics[0]?.message).toBe('n: num_classes must be given and positive');
  });
});
