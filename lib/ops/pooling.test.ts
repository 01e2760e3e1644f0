import { describe, expect, it } from 'vitest';
import { analyzeLayers, layer, spanAt } from './spatial-test-graph';

const pool = (name: string, p: Record<string, unknown>, extra: object = {}) => ({
  name,
  type: 'Pooling',
  attrs: { pooling_param: p as never },
  ...extra,
});

describe('Pooling', () => {
  it('AlexNet pool1 MAX 3/2: 55 → 27, FLOPs k−1 compares per output, RF step', () => {
    const r = analyzeLayers([1, 96, 55, 55], [pool('pool1', { pool: 'MAX', kernel_size: 3, stride: 2 })]);
    const l = layer(r, 'pool1');
    expect(l.outputs[0]).toEqual([1, 96, 27, 27]);
    expect(l.params).toBe(0);
    expect(l.macs).toBe(0);
    expect(l.flops).toBe(96 * 27 * 27 * 8);
    expect(l.receptiveField![0]).toEqual({ size: 3, jump: 2, start: 1 });
  });

  it('Caffe rounds up (GoogLeNet pool1 112 → 56); ceil_mode: false and round_mode: FLOOR round down', () => {
    const r = analyzeLayers(
      [1, 64, 112, 112],
      [
        pool('ceil', { pool: 'MAX', kernel_size: 3, stride: 2 }),
        pool('floor1', { pool: 'MAX', kernel_size: 3, stride: 2, ceil_mode: false }, { bottoms: ['data'] }),
        pool('floor2', { pool: 'MAX', kernel_size: 3, stride: 2, round_mode: 'FLOOR' }, { bottoms: ['data'] }),
        // DenseNet pool1: pad 1 — 57 with Caffe rounding, 56 with ceil_mode: false.
        pool('dn', { pool: 'MAX', kernel_size: 3, stride: 2, pad: 1 }, { bottoms: ['data'] }),
        pool('dnf', { pool: 'MAX', kernel_size: 3, stride: 2, pad: 1, ceil_mode: false }, { bottoms: ['data'] }),
      ],
    );
    expect(layer(r, 'ceil').outputs[0]).toEqual([1, 64, 56, 56]);
    expect(layer(r, 'floor1').outputs[0]).toEqual([1, 64, 55, 55]);
    expect(layer(r, 'floor2').outputs[0]).toEqual([1, 64, 55, 55]);
    expect(layer(r, 'dn').outputs[0]).toEqual([1, 64, 57, 57]);
    expect(layer(r, 'dnf').outputs[0]).toEqual([1, 64, 56, 56]);
  });

  it('clips a last window that would start in the padding', () => {
    // in 5, k 3, s 3, p 1: ceil(4/3)+1 = 3, but (3−1)·3 = 6 ≥ 5+1 → 2.
    const r = analyzeLayers([1, 1, 5, 5], [pool('p', { pool: 'AVE', kernel_size: 3, stride: 3, pad: 1 })]);
    expect(layer(r, 'p').outputs[0]).toEqual([1, 1, 2, 2]);
    expect(layer(r, 'p').flops).toBe(4 * 10); // AVE: 9 adds + 1 divide per output
  });

  it('kernel_h/kernel_w and stride_h/stride_w', () => {
    const r = analyzeLayers(
      [1, 2, 10, 20],
      [pool('p', { pool: 'MAX', kernel_h: 2, kernel_w: 4, stride_h: 2, stride_w: 4 })],
    );
    expect(layer(r, 'p').outputs[0]).toEqual([1, 2, 5, 5]);
  });

  it('global pooling: whole map, one output per channel, FLOPs over H·W', () => {
    const r = analyzeLayers([1, 1024, 7, 7], [pool('gap', { pool: 'AVE', global_pooling: true })]);
    expect(layer(r, 'gap').outputs[0]).toEqual([1, 1024, 1, 1]);
    expect(layer(r, 'gap').flops).toBe(1024 * 50);
    expect(layer(r, 'gap').receptiveField![0]).toEqual({ size: 7, jump: 1, start: 3 });
  });

  it('MAX with two tops: output and mask of the same shape', () => {
    const r = analyzeLayers(
      [1, 64, 224, 224],
      [pool('p', { pool: 'MAX', kernel_size: 2, stride: 2 }, { tops: ['p', 'mask'] })],
    );
    expect(layer(r, 'p').outputs).toEqual([
      [1, 64, 112, 112],
      [1, 64, 112, 112],
    ]);
  });

  it('bad input: mask top on AVE, pad ≥ kernel, STOCHASTIC with pad, kernel larger than padded input, 5-D input', () => {
    const spans = { 'pooling_param.kernel_size': spanAt(12, 18, 2) };
    const r = analyzeLayers(
      [1, 8, 6, 6],
      [
        pool('twotops', { pool: 'AVE', kernel_size: 2 }, { tops: ['a', 'b'] }),
        pool('bigpad', { pool: 'MAX', kernel_size: 2, pad: 2 }, { bottoms: ['data'] }),
        pool('sto', { pool: 'STOCHASTIC', kernel_size: 3, pad: 1 }, { bottoms: ['data'] }),
        pool('big', { pool: 'MAX', kernel_size: 10, stride: 1 }, { bottoms: ['data'], attrSpans: spans }),
        { name: 'conv', type: 'Convolution', attrs: { convolution_param: { num_output: 2, kernel_size: 1 } } },
        pool('ok', { pool: 'MAX', kernel_size: 2, stride: 2 }, { bottoms: ['data'] }),
      ],
    );
    const msg = (n: string) => layer(r, n).diagnostics[0]?.message;
    expect(msg('twotops')).toBe('twotops: only MAX pooling has a second (mask) top; AVE pooling has one');
    expect(msg('bigpad')).toBe('bigpad: pad 2 must be ≥ 0 and smaller than the kernel 2 on axis H');
    expect(msg('sto')).toBe('sto: padding is implemented only for average and max pooling');
    expect(msg('big')).toBe('big: kernel 10 is larger than the padded input 6 on axis H (output size -3)');
    expect(layer(r, 'big').diagnostics[0]!.span).toMatchObject({ line: 12, column: 18 });
    expect(layer(r, 'conv').outputs).toEqual([null]);
    expect(layer(r, 'ok').outputs[0]).toEqual([1, 8, 3, 3]);

    // 5-D is the N-D pooling forks' dialect (see pooling-nd.test.ts); 2-D blobs have no spatial axis.
    const five = analyzeLayers([1, 3, 4, 8, 8], [pool('p5', { pool: 'MAX', kernel_size: 2 })]);
    expect(layer(five, 'p5').outputs[0]).toEqual([1, 3, 3, 7, 7]);
    const two = analyzeLayers([1, 3], [pool('p2', { pool: 'MAX', kernel_size: 2 })]);
    expect(layer(two, 'p2').diagnostics[0]!.message).toBe(
      'p2: input 1×3 has 2 axes; Pooling needs at least 3 (N, C, spatial…)',
    );
  });
});

describe('NdPooling', () => {
  it('C3D pool1 (1×2×2) and pool5 (2×2×2 on 2×7×7 → 1×4×4 with Caffe rounding)', () => {
    const nd = (name: string, k: number[], s: number[], extra: object = {}) => ({
      name,
      type: 'NdPooling',
      attrs: { pooling_param: { pool: 'MAX', kernel_shape: { dim: k }, stride_shape: { dim: s } } },
      ...extra,
    });
    const r = analyzeLayers([1, 64, 16, 112, 112], [nd('pool1', [1, 2, 2], [1, 2, 2])]);
    expect(layer(r, 'pool1').outputs[0]).toEqual([1, 64, 16, 56, 56]);
    expect(layer(r, 'pool1').flops).toBe(64 * 16 * 56 * 56 * 3);
    expect(layer(r, 'pool1').receptiveField).toHaveLength(3);
    const r5 = analyzeLayers([1, 512, 2, 7, 7], [nd('pool5', [2, 2, 2], [2, 2, 2])]);
    expect(layer(r5, 'pool5').outputs[0]).toEqual([1, 512, 1, 4, 4]);
  });
});

describe('NdPooling spellings', () => {
  it('a one-dim kernel_shape broadcasts; BVLC-style kernel_size works too', () => {
    const r = analyzeLayers(
      [1, 8, 4, 8, 8],
      [
        {
          name: 'a',
          type: 'NdPooling',
          attrs: { pooling_param: { pool: 'AVE', kernel_shape: { dim: 2 }, stride_shape: { dim: 2 } } },
        },
        {
          name: 'b',
          type: 'NdPooling',
          attrs: { pooling_param: { pool: 'MAX', kernel_size: [1, 2, 2], stride: [1, 2, 2] } },
          bottoms: ['data'],
        },
      ],
    );
    expect(layer(r, 'a').outputs[0]).toEqual([1, 8, 2, 4, 4]);
    expect(layer(r, 'a').flops).toBe(8 * 2 * 4 * 4 * 9);
    expect(layer(r, 'b').outputs[0]).toEqual([1, 8, 4, 4, 4]);
  });
});
