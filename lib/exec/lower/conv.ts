import { attrInt, attrInts } from '../onnx/attrs';
import type { GeometryStyle } from '../../ops/conv-params';
import { convGeometry } from './caffe-params';
import { LoweringRefused, type LowerContext, type Lowerer } from './types';

function prod(xs: readonly number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}

function convAttrs(g: ReturnType<typeof convGeometry>, group: number) {
  return [
    attrInts('kernel_shape', g.kernel),
    attrInts('strides', g.stride),
    // ONNX pads are [begin…, end…]; Caffe pads both ends by the same amount.
    attrInts('pads', [...g.pad, ...g.pad]),
    attrInts('dilations', g.dilation),
    attrInt('group', group),
  ];
}

function lowerConv(ctx: LowerContext, depthwise: boolean, style: GeometryStyle = 'caffe'): void {
  const x = ctx.inShapes[0]!;
  const y = ctx.outShapes[0]!;
  const g = convGeometry(ctx, style);
  const cin = x[1]!;
  const cout = y[1]!;
  const group = depthwise ? cin : g.group;
  if (cin % group !== 0 || cout % group !== 0) throw new LoweringRefused(`group ${group} does not divide channels`);
  const fanIn = (cin / group) * prod(g.kernel);
  const w = ctx.weight('W', [cout, cin / group, ...g.kernel], 'fan', fanIn);
  const inputs = [ctx.inputs[0]!, w];
  if (g.bias) inputs.push(ctx.weight('B', [cout], 'small'));
  ctx.op('Conv', inputs, [ctx.outputs[0]!], convAttrs(g, group));
}

/** Caffe Convolution (any rank, groups, dilation) → ONNX Conv. */
export const convolution: Lowerer = (ctx) => lowerConv(ctx, false);

/** Depthwise dialects (`ConvolutionDepthwise`, `DepthwiseConvolution`) → Conv with group = C_in. */
export const depthwiseConvolution: Lowerer = (ctx) => lowerConv(ctx, true);

/** video-caffe NdConvolution (kernel_shape/stride_shape/pad_shape) → Conv over every spatial axis. */
export const ndConvolution: Lowerer = (ctx) => lowerConv(ctx, false, 'nd');

/** Caffe Deconvolution → ONNX ConvTranspose: s·(i−1) + d·(k−1) + 1 − 2p matches with symmetric pads. */
export const deconvolution: Lowerer = (ctx) => {
  const x = ctx.inShapes[0]!;
  const y = ctx.outShapes[0]!;
  const g = convGeometry(ctx);
  const cin = x[1]!;
  const cout = y[1]!;
  if (cin % g.group !== 0 || cout % g.group !== 0)
    throw new LoweringRefused(`group ${g.group} does not divide channels`);
  const w = ctx.weight('W', [cin, cout / g.group, ...g.kernel], 'fan', (cin / g.group) * prod(g.kernel));
  const inputs = [ctx.inputs[0]!, w];
  if (g.bias) inputs.push(ctx.weight('B', [cout], 'small'));
  ctx.op('ConvTranspose', inputs, [ctx.outputs[0]!], convAttrs(g, g.group));
};

/** Caffe InnerProduct → Flatten(axis) + Gemm (+ Reshape when the output keeps more than two axes). */
export const innerProduct: Lowerer = (ctx) => {
  const x = ctx.inShapes[0]!;
  const y = ctx.outShapes[0]!;
  const p = ctx.attrs.msg('inner_product_param');
  const axis = p.num('axis', 1);
  const a = axis < 0 ? axis + x.length : axis;
  const k = prod(x.slice(a));
  const n = y[y.length - 1]!;
  const transpose = p.bool('transpose', false);
  const flat = x.length === 2 && a === 1 ? ctx.inputs[0]! : ctx.tmp('flat');
  if (flat !== ctx.inputs[0]) ctx.op('Flatten', [ctx.inputs[0]!], [flat], [attrInt('axis', a)]);
  // Caffe stores W as N×K (transB) unless `transpose`, where it is K×N.
  const w = ctx.weight('W', transpose ? [k, n] : [n, k], 'fan', k);
  const inputs = [flat, w];
  if (p.bool('bias_term', true)) inputs.push(ctx.weight('B', [n], 'small'));
  const direct = y.length === 2;
  const out = direct ? ctx.outputs[0]! : ctx.tmp('gemm');
  ctx.op('Gemm', inputs, [out], [attrInt('transB', transpose ? 0 : 1)]);
  if (!direct) ctx.op('Reshape', [out, ctx.ints('shape', y)], [ctx.outputs[0]!]);
};
