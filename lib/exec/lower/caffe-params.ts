import { readAxisField, readConvSpatial, type GeometryStyle } from '../../ops/conv-params';
import type { OpContext } from '../../ops/types';
import type { LowerContext } from './types';
import { LoweringRefused } from './types';

/**
 * An OpContext over a layer being lowered, so lowering reuses lib/ops' own field readers
 * (defaults, broadcasting, _h/_w spellings) instead of a second copy of Caffe's rules. The
 * analysis already accepted this layer, so an error here means lowering cannot follow it.
 */
export function opContext(ctx: LowerContext): OpContext {
  const fail = (message: string): never => {
    throw new LoweringRefused(message);
  };
  return {
    node: ctx.node,
    layout: 'NCHW',
    batch: ctx.inShapes[0]?.[0] ?? 1,
    attrs: ctx.attrs,
    inputs: ctx.inShapes,
    error: fail,
    warn: () => undefined,
  };
}

/** Convolution-family geometry in ONNX terms. */
export interface ConvGeometry {
  readonly kernel: number[];
  readonly stride: number[];
  readonly pad: number[];
  readonly dilation: number[];
  readonly group: number;
  readonly bias: boolean;
}

/** Reads `convolution_param` (Caffe or NdConvolution style) for an N×C×spatial… input. */
export function convGeometry(ctx: LowerContext, style: GeometryStyle = 'caffe'): ConvGeometry {
  const p = ctx.attrs.msg('convolution_param');
  const rank = ctx.inShapes[0]!.length;
  const axis = p.num('axis', 1);
  if (axis !== 1 && axis !== 1 - rank) throw new LoweringRefused('convolution with axis ≠ 1 has no ONNX equivalent');
  const sp = readConvSpatial(opContext(ctx), 'convolution_param', rank - 2, style);
  if (!sp) throw new LoweringRefused('convolution geometry could not be read');
  return { ...sp, group: p.num('group', 1), bias: p.bool('bias_term', true) };
}

/** Reads a pooling window field (kernel_size / stride / pad, or NdPooling's *_shape) for `n` axes. */
export function poolField(ctx: LowerContext, name: string, n: number, fallback: number | null, hw: boolean): number[] {
  const values = readAxisField(opContext(ctx), ctx.attrs.msg('pooling_param'), 'pooling_param', name, n, fallback, hw);
  if (!values) throw new LoweringRefused(`pooling ${name} could not be read`);
  return values;
}
