import type { OpDefinition } from './types';
import { axisOrError, channelsOf, countRange, fmtShape, shapesEqual, unknownOutputs } from './op-helpers';
import { numel } from './util';

export const flattenOp: OpDefinition = {
  type: 'Flatten',
  category: 'shape',
  doc: 'Collapses axes [axis, end_axis] into one.',
  formula: 'out = dims[0, axis) + [∏ dims[axis..end_axis]] + dims(end_axis, …]; FLOPs = 0',
  arity: [1, 1],
  paramBlock: 'flatten_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const p = ctx.attrs.msg('flatten_param');
    // flatten_layer.cpp: start = CanonicalAxisIndex(axis = 1), end = CanonicalAxisIndex(end_axis = −1).
    const start = axisOrError(ctx, p.num('axis', 1), input.length, 'flatten_param.axis');
    if (start === undefined) return unknownOutputs(ctx);
    const end = axisOrError(ctx, p.num('end_axis', -1), input.length, 'flatten_param.end_axis');
    if (end === undefined) return unknownOutputs(ctx);
    if (end < start) {
      ctx.error(`end_axis ${end} comes before axis ${start} in a ${input.length}-D input`, 'flatten_param.end_axis');
      return unknownOutputs(ctx);
    }
    const out = [...input.slice(0, start), countRange(input, start, end + 1), ...input.slice(end + 1)];
    return { outputs: [out], flops: 0, ...(shapesEqual(out, input) ? { rf: 'identity' as const } : {}) };
  },
};

export const reshapeOp: OpDefinition = {
  type: 'Reshape',
  category: 'shape',
  doc: 'Gives the bottom a new shape with the same element count (0 copies a dim, −1 infers one).',
  formula: 'dims[axis, axis+num_axes) ← shape (0 = copy, −1 = count ÷ product of the others); FLOPs = 0',
  arity: [1, 1],
  paramBlock: 'reshape_param',
  evaluate(ctx) {
    const p = ctx.attrs.msg('reshape_param');
    const dims = p.msg('shape').nums('dim');
    const inferred = dims.flatMap((d, i) => (d === -1 ? [i] : []));
    // reshape_layer.cpp LayerSetUp: at most one −1; other values must be ≥ 0.
    if (inferred.length > 1) {
      ctx.error(`shape has ${inferred.length} dims of −1; at most one can be inferred`, 'reshape_param.shape');
      return unknownOutputs(ctx);
    }
    const badDim = dims.find((d) => d < -1 || !Number.isInteger(d));
    if (badDim !== undefined) {
      ctx.error(
        `shape dim ${badDim} is not allowed (use a positive size, 0 to copy or −1 to infer)`,
        'reshape_param.shape',
      );
      return unknownOutputs(ctx);
    }
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const rank = input.length;
    const axisIn = p.num('axis', 0);
    // Reshape's axis counts from the end like a slice position: −1 means "after the last axis".
    const start = axisIn >= 0 ? axisIn : rank + axisIn + 1;
    if (start < 0 || start > rank) {
      ctx.error(`axis ${axisIn} is out of range for a ${rank}-D input`, 'reshape_param.axis');
      return unknownOutputs(ctx);
    }
    const numAxes = p.num('num_axes', -1);
    const end = numAxes === -1 ? rank : start + numAxes;
    if (numAxes < -1 || end > rank) {
      ctx.error(`axis ${start} + num_axes ${numAxes} is out of range for a ${rank}-D input`, 'reshape_param.num_axes');
      return unknownOutputs(ctx);
    }
    const out = [...input.slice(0, start), ...dims, ...input.slice(end)];
    for (let i = 0; i < dims.length; i++) {
      if (dims[i] !== 0) continue;
      if (start + i >= rank) {
        ctx.error(
          `shape dim ${i} is 0 (copy) but the ${rank}-D input ${fmtShape(input)} has no axis ${start + i}`,
          'reshape_param.shape',
        );
        return unknownOutputs(ctx);
      }
      out[start + i] = input[start + i]!;
    }
    const total = numel(input);
    if (inferred.length === 1) {
      const at = start + inferred[0]!;
      const explicit = out.reduce((acc, d, i) => (i === at ? acc : acc * d), 1);
      if (explicit === 0 || total % explicit !== 0) {
        ctx.error(
          `cannot infer the −1 dim: input ${fmtShape(input)} has ${total} elements, not divisible by the product ${explicit} of the other dims`,
          'reshape_param.shape',
        );
        return unknownOutputs(ctx);
      }
      out[at] = total / explicit;
    }
    if (numel(out) !== total) {
      ctx.error(
        `new shape ${fmtShape(out)} has ${numel(out)} elements but the input ${fmtShape(input)} has ${total}`,
        'reshape_param.shape',
      );
      return unknownOutputs(ctx);
    }
    return { outputs: [out], flops: 0, ...(shapesEqual(out, input) ? { rf: 'identity' as const } : {}) };
  },
};

export const permuteOp: OpDefinition = {
  type: 'Permute',
  category: 'shape',
  doc: 'Reorders axes (SSD); axes not listed in order keep their relative order after the listed ones.',
  formula: 'out[i] = in[order[i]]; FLOPs = 0',
  arity: [1, 1],
  paramBlock: 'permute_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const given = ctx.attrs.msg('permute_param').nums('order');
    // weiliu89/caffe (ssd) permute_layer.cpp LayerSetUp: each order < num_axes, no duplicates,
    // then the missing axes appended in increasing order.
    const order: number[] = [];
    for (const o of given) {
      if (!Number.isInteger(o) || o < 0 || o >= input.length) {
        ctx.error(`order ${o} is out of range for a ${input.length}-D input`, 'permute_param.order');
        return unknownOutputs(ctx);
      }
      if (order.includes(o)) {
        ctx.error(`order lists axis ${o} twice`, 'permute_param.order');
        return unknownOutputs(ctx);
      }
      order.push(o);
    }
    for (let i = 0; i < input.length; i++) if (!order.includes(i)) order.push(i);
    const out = order.map((o) => input[o]!);
    const identity = order.every((o, i) => o === i);
    return { outputs: [out], flops: 0, ...(identity ? { rf: 'identity' as const } : {}) };
  },
};

export const shuffleChannelOp: OpDefinition = {
  type: 'ShuffleChannel',
  category: 'shape',
  doc: 'ShuffleNet channel shuffle: reshape C to g×(C/g), transpose, flatten back.',
  formula: 'shape unchanged; C must be divisible by group; FLOPs = 0',
  arity: [1, 1],
  paramBlock: 'shuffle_channel_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    const group = ctx.attrs.msg('shuffle_channel_param').num('group', 1);
    if (!Number.isInteger(group) || group < 1) {
      ctx.error(`group must be a positive integer, got ${group}`, 'shuffle_channel_param.group');
      return unknownOutputs(ctx);
    }
    if (!input) return unknownOutputs(ctx);
    // farmingyard/ShuffleNet shuffle_channel_layer.cpp reshapes C into group × (C / group).
    const c = channelsOf(input);
    if (c % group !== 0) {
      ctx.error(`${c} channels are not divisible by group ${group}`, 'shuffle_channel_param.group');
      return unknownOutputs(ctx);
    }
    return { outputs: [input], flops: 0, rf: 'identity' };
  },
};

export const tileOp: OpDefinition = {
  type: 'Tile',
  category: 'shape',
  doc: 'Repeats the bottom `tiles` times along one axis.',
  formula: 'out[axis] = in[axis]·tiles; FLOPs = 0',
  arity: [1, 1],
  paramBlock: 'tile_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    const p = ctx.attrs.msg('tile_param');
    const tiles = p.numOpt('tiles');
    // tile_layer.cpp: CHECK(has_tiles()), CHECK_GT(tiles, 0).
    if (tiles === undefined || !Number.isInteger(tiles) || tiles < 1) {
      ctx.error(
        tiles === undefined ? 'tiles must be given' : `tiles must be a positive integer, got ${tiles}`,
        'tile_param.tiles',
      );
      return unknownOutputs(ctx);
    }
    if (!input) return unknownOutputs(ctx);
    const axis = axisOrError(ctx, p.num('axis', 1), input.length, 'tile_param.axis');
    if (axis === undefined) return unknownOutputs(ctx);
    const out = input.map((d, i) => (i === axis ? d * tiles : d));
    return { outputs: [out], flops: 0, ...(axis < 2 ? { rf: 'identity' as const } : {}) };
  },
};

export const reorgOp: OpDefinition = {
  type: 'Reorg',
  category: 'shape',
  doc: 'YOLOv2 space-to-depth (passthrough) layer of Caffe ports: s×s blocks become channels (reverse: back).',
  formula: 'out = N×C·s²×H/s×W/s (reverse: N×C/s²×H·s×W·s); FLOPs = 0',
  arity: [1, 1],
  paramBlock: 'reorg_param',
  evaluate(ctx) {
    const p = ctx.attrs.msg('reorg_param');
    const s = p.numOpt('stride');
    // caffe-yolov2 reorg_layer.cpp: CHECK(has_stride()), CHECK_GT(stride, 0); H and W divisible by it.
    if (s === undefined || !Number.isInteger(s) || s < 1) {
      ctx.error(
        s === undefined ? 'stride must be given' : `stride must be a positive integer, got ${s}`,
        'reorg_param.stride',
      );
      return unknownOutputs(ctx);
    }
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    if (input.length !== 4) {
      ctx.error(`Reorg needs a 4-D input (N×C×H×W), got ${fmtShape(input)}`);
      return unknownOutputs(ctx);
    }
    const [n, c, h, w] = input as [number, number, number, number];
    if (p.bool('reverse', false)) {
      if (c % (s * s) !== 0) {
        ctx.error(`${c} channels are not divisible by stride² = ${s * s}`, 'reorg_param.stride');
        return unknownOutputs(ctx);
      }
      const up = { kernel: 1, stride: 1 / s, pad: 0 };
      return { outputs: [[n, c / (s * s), h * s, w * s]], flops: 0, rf: [up, up] };
    }
    if (h % s !== 0 || w % s !== 0) {
      ctx.error(`${h}×${w} is not divisible by stride ${s}`, 'reorg_param.stride');
      return unknownOutputs(ctx);
    }
    // Each output position gathers one s×s block of the input.
    const block = { kernel: s, stride: s, pad: 0 };
    return { outputs: [[n, c * s * s, h / s, w / s]], flops: 0, rf: [block, block] };
  },
};
