import { attrInt, attrInts } from '../onnx/attrs';
import type { AttributeObject } from '../onnx/proto';
import { poolField } from './caffe-params';
import { LoweringRefused, type LowerContext, type Lowerer } from './types';

/**
 * End padding that makes ONNX's floor rounding (ceil_mode 0) give exactly `out` windows when
 * the begin padding is `padBegin`: Caffe's ceil-then-clip rule becomes explicit, asymmetric
 * pads, so the engine's shape equals the analyser's by construction and no ceil_mode
 * subtleties (which differ between runtimes) are involved.
 */
export function poolEndPad(input: number, kernel: number, stride: number, padBegin: number, out: number): number {
  const end = Math.max(0, (out - 1) * stride + kernel - input - padBegin);
  const got = Math.floor((input + padBegin + end - kernel) / stride) + 1;
  if (got !== out)
    throw new LoweringRefused(`pooling output ${out} cannot be expressed with explicit pads (got ${got})`);
  // The last window must start inside input + begin pad, otherwise ORT would read only padding.
  if ((out - 1) * stride >= input + padBegin) throw new LoweringRefused('last pooling window starts in the padding');
  return end;
}

function lowerPooling(ctx: LowerContext, nd: boolean): void {
  const x = ctx.inShapes[0]!;
  const y = ctx.outShapes[0]!;
  const p = ctx.attrs.msg('pooling_param');
  const method = p.enumOf('pool', ['MAX', 'AVE', 'STOCHASTIC'] as const, 'MAX');
  if (ctx.outputs.length > 1 && (method !== 'MAX' || p.bool('global_pooling', false)))
    throw new LoweringRefused('a second top (argmax mask) exists only for windowed MAX pooling');
  const n = x.length - 2;
  if (p.bool('global_pooling', false)) {
    if (method === 'STOCHASTIC') stochasticTest(ctx, [], 'GlobalAveragePool', []);
    else ctx.op(method === 'MAX' ? 'GlobalMaxPool' : 'GlobalAveragePool', [ctx.inputs[0]!], [ctx.outputs[0]!]);
    return;
  }
  const kernel = poolField(ctx, nd ? 'kernel_shape' : 'kernel_size', n, null, !nd);
  const stride = poolField(ctx, nd ? 'stride_shape' : 'stride', n, 1, !nd);
  const pad = poolField(ctx, nd ? 'pad_shape' : 'pad', n, 0, !nd);
  const ends = kernel.map((k, i) => poolEndPad(x[i + 2]!, k, stride[i]!, pad[i]!, y[i + 2]!));
  const attrs = [attrInts('kernel_shape', kernel), attrInts('strides', stride), attrInts('pads', [...pad, ...ends])];
  // Caffe divides border windows by the window clipped to input + pad, i.e. it counts the
  // declared padding: count_include_pad=1 matches it except for the extra ceil-mode column.
  if (method === 'AVE') attrs.push(attrInt('count_include_pad', pad.some((v) => v > 0) ? 1 : 0));
  if (method === 'STOCHASTIC') {
    stochasticTest(ctx, pad, 'AveragePool', [
      attrInts('kernel_shape', kernel),
      attrInts('strides', stride),
      attrInts('pads', [...pad, ...ends]),
    ]);
    return;
  }
  if (ctx.outputs.length === 1) {
    ctx.op(method === 'MAX' ? 'MaxPool' : 'AveragePool', [ctx.inputs[0]!], [ctx.outputs[0]!], attrs);
    return;
  }
  // pooling_layer.cpp writes mask = h·W + w, the argmax's offset inside its own channel plane
  // (of the unpadded input), as a float top. ONNX MaxPool's Indices (storage_order 0) are
  // offsets into the whole N×C×… input, so the plane offset is Indices mod ∏spatial.
  const indices = ctx.tmp('indices');
  const plane = ctx.tmp('plane_index');
  ctx.op('MaxPool', [ctx.inputs[0]!], [ctx.outputs[0]!, indices], [...attrs, attrInt('storage_order', 0)]);
  ctx.op('Mod', [indices, ctx.ints('plane_size', [x.slice(2).reduce((a, b) => a * b, 1)])], [plane]);
  ctx.op('Cast', [plane], [ctx.outputs[1]!], [attrInt('to', 1)]);
}

/**
 * STOCHASTIC pooling at test time (pooling_layer.cu StoPoolForwardTest; the CPU path is not
 * implemented in Caffe): Σx² / Σx over each window clipped to the input, without padding.
 * Two average pools over the same windows share their divisor, so their ratio is that.
 */
function stochasticTest(
  ctx: LowerContext,
  pad: readonly number[],
  opType: 'AveragePool' | 'GlobalAveragePool',
  attrs: AttributeObject[],
): void {
  if (pad.some((v) => v > 0))
    throw new LoweringRefused('STOCHASTIC pooling ignores pad in Caffe; padded form not lowered');
  const sq = ctx.tmp('squared');
  const num = ctx.tmp('sum_squares');
  const den = ctx.tmp('sum');
  const x = ctx.inputs[0]!;
  ctx.op('Mul', [x, x], [sq]);
  const all = opType === 'AveragePool' ? [...attrs, attrInt('count_include_pad', 0)] : [];
  ctx.op(opType, [sq], [num], all);
  ctx.op(opType, [x], [den], all);
  ctx.op('Div', [num, den], [ctx.outputs[0]!]);
}

/** Caffe Pooling (MAX / AVE / STOCHASTIC, global or windowed, Caffe or floor rounding) → ONNX pooling ops. */
export const pooling: Lowerer = (ctx) => lowerPooling(ctx, false);

/** video-caffe NdPooling (kernel_shape/stride_shape/pad_shape) → N-D ONNX pooling. */
export const ndPooling: Lowerer = (ctx) => lowerPooling(ctx, true);
