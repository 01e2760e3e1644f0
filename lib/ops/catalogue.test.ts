import { describe, expect, it } from 'vitest';
import { v1TypeTable } from '../parse/caffe/v1-types';
import { LAYER_PARAMETER } from '../parse/caffe/schema';
import { getOp, OPS } from './registry';
import { ACTIVATION_OPS } from './activations';
import { NORMALIZATION_OPS } from './normalization';
import { DATA_OPS } from './data';
import { LOSS_OPS } from './loss';
import { MISC_OPS } from './misc';

/**
 * Every layer type BVLC Caffe registers (REGISTER_LAYER_CLASS in src/caffe/layers/*.cpp),
 * except the abstract Recurrent base and Python (user code: shown as an unknown layer).
 */
const BVLC_TYPES = [
  'AbsVal',
  'Accuracy',
  'ArgMax',
  'BatchNorm',
  'BatchReindex',
  'Bias',
  'BNLL',
  'Clip',
  'Concat',
  'ContrastiveLoss',
  'Convolution',
  'Crop',
  'Data',
  'Deconvolution',
  'Dropout',
  'DummyData',
  'Eltwise',
  'ELU',
  'Embed',
  'EuclideanLoss',
  'Exp',
  'Filter',
  'Flatten',
  'HDF5Data',
  'HDF5Output',
  'HingeLoss',
  'Im2col',
  'ImageData',
  'InfogainLoss',
  'InnerProduct',
  'Input',
  'Log',
  'LRN',
  'LSTM',
  'LSTMUnit',
  'MemoryData',
  'MultinomialLogisticLoss',
  'MVN',
  'Parameter',
  'Pooling',
  'Power',
  'PReLU',
  'Reduction',
  'ReLU',
  'Reshape',
  'RNN',
  'Scale',
  'Sigmoid',
  'SigmoidCrossEntropyLoss',
  'Silence',
  'Slice',
  'Softmax',
  'SoftmaxWithLoss',
  'Split',
  'SPP',
  'Swish',
  'TanH',
  'Threshold',
  'Tile',
  'WindowData',
];

/** Fork types the issue names (SSD, SegNet/PSPNet/DeepLab, ShuffleNet, MobileNet). */
const FORK_TYPES = [
  'Normalize',
  'PriorBox',
  'DetectionOutput',
  'Permute',
  'BN',
  'Interp',
  'Upsample',
  'ShuffleChannel',
  'ReLU6',
];

describe('op catalogue', () => {
  it('registers every stock BVLC layer type and the named fork types', () => {
    const missing = [...BVLC_TYPES, ...FORK_TYPES].filter((t) => !getOp(t, 'caffe'));
    expect(missing).toEqual([]);
  });

  it('every V1 enum maps onto a registered type', () => {
    const missing = v1TypeTable()
      .filter(([name]) => name !== 'NONE')
      .filter(([, , current]) => !getOp(current, 'caffe'))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('every definition carries hover doc, formula, category and arity; param blocks come from the schema', () => {
    const mine = [...ACTIVATION_OPS, ...NORMALIZATION_OPS, ...DATA_OPS, ...LOSS_OPS, ...MISC_OPS];
    const names = new Set(mine.map((o) => o.type));
    for (const t of [
      'Eltwise',
      'Concat',
      'Slice',
      'Split',
      'Flatten',
      'Reshape',
      'Permute',
      'Crop',
      'Interp',
      'Upsample',
      'ShuffleChannel',
      'Tile',
      'Softmax',
      'ArgMax',
      'Reduction',
      'PriorBox',
      'DetectionOutput',
      'LSTM',
      'LSTMUnit',
      'RNN',
      'Embed',
      'Accuracy',
    ])
      names.add(t);
    for (const op of OPS.filter((o) => names.has(o.type) && o.dialect === undefined)) {
      expect(op.doc.length, op.type).toBeGreaterThan(10);
      expect(op.formula, op.type).toMatch(/FLOPs|TRAIN|FLOP/);
      expect(op.arity, op.type).toBeDefined();
      // One list of fields: the Caffe schema's message, never a second hand-kept list on the op.
      expect(op.fields, op.type).toBeUndefined();
      if (op.paramBlock)
        expect(LAYER_PARAMETER.byName.get(op.paramBlock)?.message?.fields.length, op.type).toBeGreaterThan(0);
    }
    expect(names.size).toBeGreaterThan(60);
  });
});
