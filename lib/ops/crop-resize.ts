import type { RFAxisStep } from './types';
import type { OpDefinition } from './types';
import { axisOrError, fmtShape, unknownOutputs } from './op-helpers';
import { numel } from './util';

export const cropOp: OpDefinition = {
  type: 'Crop',
  category: 'shape',
  doc: 'Crops bottom 0 to the shape of bottom 1 from `axis` on, starting at `offset` (FCN).',
  formula: 'out[i] = in1[i] for i ≥ axis, in0[i] before; needs in0[i] − offset_i ≥ in1[i]; FLOPs = 0',
  arity: [2, 2],
  paramBlock: 'crop_param',
  evaluate(ctx) {
    const [input, ref] = ctx.inputs;
    if (!input || !ref) return unknownOutputs(ctx);
    const p = ctx.attrs.msg('crop_param');
    // crop_layer.cpp LayerSetUp: axis (default 2) canonicalised; with more than one offset
    // there must be exactly one per axis from `axis` on.
    const axis = axisOrError(ctx, p.num('axis', 2), input.length, 'crop_param.axis');
    if (axis === undefined) return unknownOutputs(ctx);
    const offsets = p.nums('offset');
    if (offsets.length > 1 && axis + offsets.length !== input.length) {
      ctx.error(
        `${offsets.length} offsets given but ${input.length - axis} axes are cropped (axis ${axis} of a ${input.length}-D input)`,
        'crop_param.offset',
      );
      return unknownOutputs(ctx);
    }
    if (ref.length < input.length) {
      ctx.error(`reference bottom ${fmtShape(ref)} has fewer axes than the input ${fmtShape(input)}`);
      return unknownOutputs(ctx);
    }
    const out: number[] = [];
    const steps: RFAxisStep[] = [];
    for (let i = 0; i < input.length; i++) {
      let size = input[i]!;
      let offset = 0;
      if (i >= axis) {
        size = ref[i]!;
        offset = offsets.length === 1 ? offsets[0]! : (offsets[i - axis] ?? 0);
        // crop_layer.cpp Reshape: CHECK_GE(bottom[0]->shape(i) - crop_offset, bottom[1]->shape(i)).
        if (offset < 0 || input[i]! - offset < size) {
          ctx.error(
            `crop of axis ${i} is out of range: offset ${offset} + size ${size} exceeds the input's ${input[i]} (input ${fmtShape(input)}, reference ${fmtShape(ref)})`,
            'crop_param.offset',
          );
          return unknownOutputs(ctx);
        }
      }
      out.push(size);
      // Output pixel j is input pixel j + offset: a 1-wide window shifted by −offset padding.
      if (i >= 2) steps.push({ kernel: 1, stride: 1, pad: -offset });
    }
    return { outputs: [out], flops: 0, ...(steps.length > 0 ? { rf: steps } : {}) };
  },
};

/** Receptive-field step of a bilinear resize with aligned corners along one axis. */
function interpStep(inEff: number, out: number, padBeg: number): RFAxisStep | undefined {
  if (out < 2) return undefined;
  // caffe_cpu_interp2: output i samples input position −pad_beg + i·(in_eff − 1)/(out − 1)
  // from its two neighbours; exactly one when that ratio is an integer.
  const stride = (inEff - 1) / (out - 1);
  const kernel = Number.isInteger(stride) ? 1 : 2;
  // Window of `kernel` pixels starting at −pad_beg: centre −pad_beg + (kernel − 1)/2.
  return { kernel, stride, pad: padBeg };
}

export const interpOp: OpDefinition = {
  type: 'Interp',
  category: 'shape',
  doc: 'DeepLab / PSPNet bilinear resize (aligned corners) by zoom or shrink factor, to a size, or to bottom 1.',
  formula:
    'in_eff = in + pad_beg + pad_end; zoom: out = in_eff + (in_eff − 1)(zoom − 1); shrink: out = (in_eff − 1)/shrink + 1; FLOPs = 4 per output element',
  arity: [1, 2],
  paramBlock: 'interp_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const p = ctx.attrs.msg('interp_param');
    const padBeg = p.num('pad_beg', 0);
    const padEnd = p.num('pad_end', 0);
    // hszhao/PSPNet (and DeepLab v2) interp_layer.cpp: "Only supports non-pos padding (cropping)".
    if (padBeg > 0 || padEnd > 0) {
      ctx.error(
        `pad_beg and pad_end must be ≤ 0 (cropping only), got ${padBeg} and ${padEnd}`,
        padBeg > 0 ? 'interp_param.pad_beg' : 'interp_param.pad_end',
      );
      return unknownOutputs(ctx);
    }
    if (input.length !== 4) {
      ctx.error(`Interp needs a 4-D input (N×C×H×W), got ${fmtShape(input)}`);
      return unknownOutputs(ctx);
    }
    const hEff = input[2]! + padBeg + padEnd;
    const wEff = input[3]! + padBeg + padEnd;
    if (hEff <= 0 || wEff <= 0) {
      ctx.error(
        `cropping by pad_beg ${padBeg} and pad_end ${padEnd} leaves nothing of ${fmtShape(input)}`,
        'interp_param.pad_end',
      );
      return unknownOutputs(ctx);
    }
    const zoom = p.numOpt('zoom_factor');
    const shrink = p.numOpt('shrink_factor');
    const shrunk = (d: number, s: number) => Math.floor((d - 1) / s) + 1;
    const zoomed = (d: number, z: number) => d + (d - 1) * (z - 1);
    let h: number;
    let w: number;
    if (zoom !== undefined && zoom < 1) {
      ctx.error(`zoom_factor must be ≥ 1, got ${zoom}`, 'interp_param.zoom_factor');
      return unknownOutputs(ctx);
    }
    if (shrink !== undefined && shrink < 1) {
      ctx.error(`shrink_factor must be ≥ 1, got ${shrink}`, 'interp_param.shrink_factor');
      return unknownOutputs(ctx);
    }
    // Same precedence as DeepLab v2 / PSPNet interp_layer.cpp Reshape. The two-bottom form
    // (take bottom 1's H×W) is a later fork's "bottom-specified resizing", which rejects any
    // size parameter next to it as ambiguous.
    const ref = ctx.inputs[1];
    if (ctx.inputs.length > 1) {
      if (zoom !== undefined || shrink !== undefined || p.has('height') || p.has('width')) {
        ctx.error('a second bottom sets the size, so zoom_factor, shrink_factor, height and width must not be given');
        return unknownOutputs(ctx);
      }
      if (!ref) return unknownOutputs(ctx);
      if (ref.length !== 4) {
        ctx.error(`the size reference bottom must be 4-D, got ${fmtShape(ref)}`);
        return unknownOutputs(ctx);
      }
      h = ref[2]!;
      w = ref[3]!;
    } else if (shrink !== undefined && zoom === undefined) {
      h = shrunk(hEff, shrink);
      w = shrunk(wEff, shrink);
    } else if (zoom !== undefined && shrink === undefined) {
      h = zoomed(hEff, zoom);
      w = zoomed(wEff, zoom);
    } else if (p.has('height') && p.has('width')) {
      h = p.num('height', 0);
      w = p.num('width', 0);
    } else if (zoom !== undefined && shrink !== undefined) {
      h = zoomed(shrunk(hEff, shrink), zoom);
      w = zoomed(shrunk(wEff, shrink), zoom);
    } else {
      ctx.error('Interp needs zoom_factor, shrink_factor, or both height and width');
      return unknownOutputs(ctx);
    }
    if (!(h > 0 && w > 0)) {
      ctx.error(`output size ${h}×${w} must be positive`, p.has('height') ? 'interp_param.height' : undefined);
      return unknownOutputs(ctx);
    }
    const out = [input[0]!, input[1]!, h, w];
    const sh = interpStep(hEff, h, padBeg);
    const sw = interpStep(wEff, w, padBeg);
    return { outputs: [out], flops: 4 * numel(out), ...(sh && sw ? { rf: [sh, sw] } : {}) };
  },
};

export const upsampleOp: OpDefinition = {
  type: 'Upsample',
  category: 'shape',
  doc: 'SegNet max-unpooling with the pooling mask (bottom 1), or nearest-neighbour upsampling in YOLO forks.',
  formula: 'out = upsample_h×upsample_w, else in·scale − pad_out; FLOPs = 0 (scatter/copy)',
  arity: [1, 2],
  paramBlock: 'upsample_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    if (input.length !== 4) {
      ctx.error(`Upsample needs a 4-D input (N×C×H×W), got ${fmtShape(input)}`);
      return unknownOutputs(ctx);
    }
    const mask = ctx.inputs[1];
    if (ctx.inputs.length > 1) {
      if (!mask) return unknownOutputs(ctx);
      // alexgkendall/caffe-segnet upsample_layer.cpp Reshape: the mask has bottom 0's N, C, H, W.
      if (mask.length !== 4 || mask.some((d, i) => d !== input[i])) {
        ctx.error(`the pooling mask ${fmtShape(mask)} must have the input's shape ${fmtShape(input)}`);
        return unknownOutputs(ctx);
      }
    }
    const p = ctx.attrs.msg('upsample_param');
    let h: number;
    let w: number;
    if (p.has('upsample_h') && p.has('upsample_w')) {
      h = p.num('upsample_h', 0);
      w = p.num('upsample_w', 0);
    } else {
      // SegNet's UpsampleParameter defaults scale to 2; darknet2caffe forks declare scale explicitly.
      const scale = p.num('scale', 2);
      const sh = p.num('scale_h', scale);
      const sw = p.num('scale_w', scale);
      h = input[2]! * sh - (p.bool('pad_out_h', false) ? 1 : 0);
      w = input[3]! * sw - (p.bool('pad_out_w', false) ? 1 : 0);
    }
    if (!(h > 0 && w > 0)) {
      ctx.error(`output size ${h}×${w} must be positive`, 'upsample_param.scale');
      return unknownOutputs(ctx);
    }
    // Each output pixel copies at most one input pixel (i ← floor(i·in/out)).
    const rf: RFAxisStep[] = [
      { kernel: 1, stride: input[2]! / h, pad: 0 },
      { kernel: 1, stride: input[3]! / w, pad: 0 },
    ];
    return { outputs: [[input[0]!, input[1]!, h, w]], flops: 0, rf };
  },
};
