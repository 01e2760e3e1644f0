import { describe, expect, it } from 'vitest';
import { fieldSpan, runNet } from './op-test-utils';

describe('Crop', () => {
  it('crops bottom 0 to bottom 1 from axis 2 at the offset (FCN-8s score crop)', () => {
    // FCN-8s: upscore8 1×21×568×568 cropped to data 1×3×500×500 at offset 31.
    const net = runNet({ up: [1, 21, 568, 568], data: [1, 3, 500, 500] }, [
      { name: 'score', type: 'Crop', bottoms: ['up', 'data'], attrs: { crop_param: { axis: 2, offset: 31 } } },
    ]);
    const l = net.layer('score');
    expect(l.outputs).toEqual([[1, 21, 500, 500]]);
    expect(l.flops).toBe(0);
  });

  it('moves the receptive-field start by the offset', () => {
    const net = runNet({ x: [1, 4, 10, 10], ref: [1, 4, 6, 6] }, [
      { name: 'c', type: 'Crop', bottoms: ['x', 'ref'], attrs: { crop_param: { offset: [1, 3] } } },
    ]);
    // Inputs start with size 1, start 0; output pixel 0 is input pixel (1, 3).
    expect(net.layer('c').receptiveField).toEqual([
      { size: 1, jump: 1, start: 1 },
      { size: 1, jump: 1, start: 3 },
    ]);
  });

  it('offset out of range: broken on crop_param.offset, downstream unknown', () => {
    const net = runNet({ x: [1, 4, 10, 10], ref: [1, 4, 6, 6] }, [
      {
        name: 'c',
        type: 'Crop',
        bottoms: ['x', 'ref'],
        attrs: { crop_param: { offset: 5 } },
        spanFields: ['crop_param.offset'],
      },
      { name: 'after', type: 'ReLU', bottoms: ['c'] },
    ]);
    const l = net.layer('c');
    expect(l.status).toBe('broken');
    expect(l.diagnostics[0]?.message).toBe(
      "c: crop of axis 2 is out of range: offset 5 + size 6 exceeds the input's 10 (input 1×4×10×10, reference 1×4×6×6)",
    );
    expect(l.diagnostics[0]?.span).toEqual(fieldSpan(0));
    expect(net.layer('after').outputs).toEqual([null]);
  });

  it('a reference larger than the input is out of range too; wrong offset count is rejected', () => {
    const net = runNet({ x: [1, 4, 10, 10], big: [1, 4, 12, 12] }, [
      { name: 'big', type: 'Crop', bottoms: ['x', 'big'] },
      { name: 'count', type: 'Crop', bottoms: ['x', 'x'], attrs: { crop_param: { axis: 1, offset: [0, 0] } } },
    ]);
    expect(net.layer('big').diagnostics[0]?.message).toMatch(
      /^big: crop of axis 2 is out of range: offset 0 \+ size 12/,
    );
    expect(net.layer('count').diagnostics[0]?.message).toBe(
      'count: 2 offsets given but 3 axes are cropped (axis 1 of a 4-D input)',
    );
  });
});

describe('Interp (PSPNet / DeepLab)', () => {
  const run = (interp_param: Record<string, number>, shape = [1, 512, 60, 60]) =>
    runNet({ x: shape }, [{ name: 'i', type: 'Interp', bottoms: ['x'], attrs: { interp_param } }]).layer('i');

  it('zoom_factor: out = in + (in − 1)(zoom − 1)', () => {
    // PSPNet: 60 → zoom 8 → 60 + 59·7 = 473 (its 473×473 input).
    const l = run({ zoom_factor: 8 });
    expect(l.outputs).toEqual([[1, 512, 473, 473]]);
    expect(l.flops).toBe(4 * 512 * 473 * 473);
  });

  it('shrink_factor: out = (in − 1)/shrink + 1 (integer division)', () => {
    expect(run({ shrink_factor: 4 }).outputs).toEqual([[1, 512, 15, 15]]);
    expect(run({ shrink_factor: 8 }).outputs).toEqual([[1, 512, 8, 8]]);
  });

  it('height/width, shrink then zoom, and cropping pads', () => {
    expect(run({ height: 97, width: 33 }).outputs).toEqual([[1, 512, 97, 33]]);
    // shrink 2: (60 − 1)/2 + 1 = 30, then zoom 3: 30 + 29·2 = 88.
    expect(run({ shrink_factor: 2, zoom_factor: 3 }).outputs).toEqual([[1, 512, 88, 88]]);
    // pad −2/−2: in_eff = 56; zoom 2 → 111.
    expect(run({ zoom_factor: 2, pad_beg: -2, pad_end: -2 }).outputs).toEqual([[1, 512, 111, 111]]);
  });

  it('a second bottom gives the size; positive pads and missing sizes are errors', () => {
    const net = runNet({ x: [1, 8, 10, 10], ref: [1, 3, 37, 41] }, [
      { name: 'i', type: 'Interp', bottoms: ['x', 'ref'] },
      {
        name: 'pad',
        type: 'Interp',
        bottoms: ['x'],
        attrs: { interp_param: { zoom_factor: 2, pad_beg: 1 } },
        spanFields: ['interp_param.pad_beg'],
      },
      { name: 'none', type: 'Interp', bottoms: ['x'] },
      { name: 'amb', type: 'Interp', bottoms: ['x', 'ref'], attrs: { interp_param: { zoom_factor: 2 } } },
    ]);
    expect(net.layer('amb').diagnostics[0]?.message).toBe(
      'amb: a second bottom sets the size, so zoom_factor, shrink_factor, height and width must not be given',
    );
    expect(net.layer('i').outputs).toEqual([[1, 8, 37, 41]]);
    expect(net.layer('pad').diagnostics[0]?.message).toBe(
      'pad: pad_beg and pad_end must be ≤ 0 (cropping only), got 1 and 0',
    );
    expect(net.layer('pad').diagnostics[0]?.span).toEqual(fieldSpan(1));
    expect(net.layer('none').diagnostics[0]?.message).toBe(
      'none: Interp needs zoom_factor, shrink_factor, or both height and width',
    );
  });

  it('receptive field: zoom divides the jump; bilinear taps two pixels', () => {
    const net = runNet({ x: [1, 2, 5, 5] }, [
      { name: 'i', type: 'Interp', bottoms: ['x'], attrs: { interp_param: { zoom_factor: 2 } } },
    ]);
    // 5 → 9, stride (5−1)/(9−1) = 0.5: size 1 + 1·1 = 2, jump 0.5, start 0.5.
    expect(net.layer('i').receptiveField).toEqual([
      { size: 2, jump: 0.5, start: 0.5 },
      { size: 2, jump: 0.5, start: 0.5 },
    ]);
  });
});

describe('Upsample (SegNet)', () => {
  it('scale (default 2) with the pooling mask; upsample_h/w win', () => {
    const net = runNet({ x: [1, 64, 23, 30], mask: [1, 64, 23, 30] }, [
      { name: 'u', type: 'Upsample', bottoms: ['x', 'mask'] },
      {
        name: 'u2',
        type: 'Upsample',
        bottoms: ['x', 'mask'],
        attrs: { upsample_param: { upsample_h: 45, upsample_w: 60 } },
      },
      { name: 'u3', type: 'Upsample', bottoms: ['x'], attrs: { upsample_param: { scale: 2, pad_out_h: true } } },
    ]);
    expect(net.layer('u').outputs).toEqual([[1, 64, 46, 60]]);
    expect(net.layer('u').flops).toBe(0);
    expect(net.layer('u2').outputs).toEqual([[1, 64, 45, 60]]);
    expect(net.layer('u3').outputs).toEqual([[1, 64, 45, 60]]);
    expect(net.layer('u').receptiveField).toEqual([
      { size: 1, jump: 0.5, start: 0 },
      { size: 1, jump: 0.5, start: 0 },
    ]);
  });

  it('a mask of another shape is an error', () => {
    const net = runNet({ x: [1, 64, 23, 30], mask: [1, 64, 24, 30] }, [
      { name: 'u', type: 'Upsample', bottoms: ['x', 'mask'] },
    ]);
    expect(net.layer('u').diagnostics[0]?.message).toBe(
      "u: the pooling mask 1×64×24×30 must have the input's shape 1×64×23×30",
    );
  });
});
