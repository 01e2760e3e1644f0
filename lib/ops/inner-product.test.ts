import { describe, expect, it } from 'vitest';
import { analyzeLayers, layer } from './spatial-test-graph';
import { sppLevel } from './spp';

describe('InnerProduct', () => {
  it('flattens from axis 1: AlexNet fc6 on 256×6×6', () => {
    const r = analyzeLayers(
      [10, 256, 6, 6],
      [{ name: 'fc6', type: 'InnerProduct', attrs: { inner_product_param: { num_output: 4096 } } }],
    );
    const l = layer(r, 'fc6');
    expect(l.outputs[0]).toEqual([10, 4096]);
    expect(l.params).toBe(9216 * 4096 + 4096);
    expect(l.macs).toBe(10 * 9216 * 4096);
    expect(l.flops).toBe(2 * l.macs + 10 * 4096);
    expect(l.receptiveField).toBeNull();
  });

  it('axis 2 keeps the leading dims; transpose and bias_term: false', () => {
    const r = analyzeLayers(
      [4, 7, 30],
      [
        {
          name: 'ip',
          type: 'InnerProduct',
          attrs: { inner_product_param: { num_output: 5, axis: 2, transpose: true, bias_term: false } },
        },
      ],
    );
    const l = layer(r, 'ip');
    expect(l.outputs[0]).toEqual([4, 7, 5]);
    expect(l.params).toBe(150);
    expect(l.macs).toBe(28 * 30 * 5);
    expect(l.flops).toBe(2 * 28 * 150);
  });

  it('on a 5-D blob (C3D fc6) K is the product of every axis after N', () => {
    const r = analyzeLayers(
      [1, 512, 1, 4, 4],
      [{ name: 'fc6', type: 'InnerProduct', attrs: { inner_product_param: { num_output: 4096 } } }],
    );
    expect(layer(r, 'fc6').params).toBe(8192 * 4096 + 4096);
  });

  it('missing num_output and bad axis are errors', () => {
    const r = analyzeLayers(
      [1, 10],
      [
        { name: 'a', type: 'InnerProduct', attrs: {} },
        {
          name: 'b',
          type: 'InnerProduct',
          attrs: { inner_product_param: { num_output: 3, axis: 4 } },
          bottoms: ['data'],
        },
      ],
    );
    expect(layer(r, 'a').diagnostics[0]!.message).toBe('a: num_output is missing (required for InnerProduct)');
    expect(layer(r, 'b').diagnostics[0]!.message).toBe('b: axis 4 is out of range for a 2-D input (1×10)');
  });
});

describe('ROIPooling', () => {
  it('R regions × C × pooled_h × pooled_w', () => {
    // The analysis applies its batch to every graph input, so the regions blob is the first
    // input here (declared 300×5) to keep R = 300; the feature map shares that batch.
    const r = analyzeLayers(
      [300, 5],
      [
        {
          name: 'roi_pool5',
          type: 'ROIPooling',
          attrs: { roi_pooling_param: { pooled_h: 7, pooled_w: 7, spatial_scale: 0.0625 } },
          bottoms: ['conv5_3', 'data'],
        },
      ],
      { conv5_3: [1, 512, 38, 50] },
    );
    expect(layer(r, 'roi_pool5').outputs[0]).toEqual([300, 512, 7, 7]);
    expect(layer(r, 'roi_pool5').params).toBe(0);
  });

  it('needs two bottoms and positive pooled sizes', () => {
    const r = analyzeLayers(
      [1, 8, 10, 10],
      [
        { name: 'one', type: 'ROIPooling', attrs: { roi_pooling_param: { pooled_h: 2, pooled_w: 2 } } },
        { name: 'zero', type: 'ROIPooling', attrs: { roi_pooling_param: { pooled_w: 2 } }, bottoms: ['data', 'rois'] },
      ],
      { rois: [4, 5] },
    );
    expect(layer(r, 'one').diagnostics[0]!.message).toBe('one: ROIPooling takes 2 bottom(s), got 1');
    expect(layer(r, 'zero').diagnostics[0]!.message).toBe('zero: pooled_h must be a positive integer (got 0)');
  });
});

describe('SPP', () => {
  it('levels follow spp_layer.cpp: kernel ceil(in/bins), pad (kernel·bins − in + 1)/2', () => {
    expect(sppLevel(0, 13, 13)).toEqual({ kernel: [13, 13], out: [1, 1] });
    expect(sppLevel(1, 13, 13)).toEqual({ kernel: [7, 7], out: [2, 2] });
    expect(sppLevel(2, 13, 13)).toEqual({ kernel: [4, 4], out: [4, 4] });
  });

  it('pyramid of 3 on 256×13×13 concatenates 256·(1+4+16) features; height 1 keeps 4-D', () => {
    const r = analyzeLayers(
      [2, 256, 13, 13],
      [
        { name: 'spp', type: 'SPP', attrs: { spp_param: { pyramid_height: 3, pool: 'MAX' } } },
        { name: 'spp1', type: 'SPP', attrs: { spp_param: { pyramid_height: 1 } }, bottoms: ['data'] },
      ],
    );
    expect(layer(r, 'spp').outputs[0]).toEqual([2, 256 * 21]);
    expect(layer(r, 'spp').flops).toBe(2 * 256 * (1 * 168 + 4 * 48 + 16 * 15));
    expect(layer(r, 'spp1').outputs[0]).toEqual([2, 256, 1, 1]);
  });
});

describe('Im2col', () => {
  it('C·∏k rows by the convolution output grid', () => {
    const r = analyzeLayers(
      [1, 3, 5, 5],
      [{ name: 'cols', type: 'Im2col', attrs: { convolution_param: { kernel_size: 3 } } }],
    );
    expect(layer(r, 'cols').outputs[0]).toEqual([1, 27, 3, 3]);
    expect(layer(r, 'cols').flops).toBe(0);
  });
});
