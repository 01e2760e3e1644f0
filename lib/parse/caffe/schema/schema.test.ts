import { describe, expect, it } from 'vitest';
import { OPS } from '../../../ops/registry';
import {
  allEnums,
  allMessages,
  closest,
  editDistance,
  enumDesc,
  FORKS,
  K_ENUM,
  K_MESSAGE,
  LAYER_PARAMETER,
  messageAtPath,
  messageDesc,
  NET_PARAMETER,
  typeLabel,
  V1_LAYER_PARAMETER,
} from './index';

/** Every message of BVLC caffe.proto (master). */
const BVLC_MESSAGES = [
  'BlobShape',
  'BlobProto',
  'BlobProtoVector',
  'Datum',
  'FillerParameter',
  'NetParameter',
  'SolverParameter',
  'SolverState',
  'NetState',
  'NetStateRule',
  'ParamSpec',
  'LayerParameter',
  'TransformationParameter',
  'LossParameter',
  'AccuracyParameter',
  'ArgMaxParameter',
  'ClipParameter',
  'ConcatParameter',
  'BatchNormParameter',
  'BiasParameter',
  'ContrastiveLossParameter',
  'ConvolutionParameter',
  'CropParameter',
  'DataParameter',
  'DropoutParameter',
  'DummyDataParameter',
  'EltwiseParameter',
  'ELUParameter',
  'EmbedParameter',
  'ExpParameter',
  'FlattenParameter',
  'HDF5DataParameter',
  'HDF5OutputParameter',
  'HingeLossParameter',
  'ImageDataParameter',
  'InfogainLossParameter',
  'InnerProductParameter',
  'InputParameter',
  'LogParameter',
  'LRNParameter',
  'MemoryDataParameter',
  'MVNParameter',
  'ParameterParameter',
  'PoolingParameter',
  'PowerParameter',
  'PythonParameter',
  'RecurrentParameter',
  'ReductionParameter',
  'ReLUParameter',
  'ReshapeParameter',
  'ScaleParameter',
  'SigmoidParameter',
  'SoftmaxParameter',
  'SwishParameter',
  'TanHParameter',
  'TileParameter',
  'ThresholdParameter',
  'WindowDataParameter',
  'SPPParameter',
  'V1LayerParameter',
  'V0LayerParameter',
  'PReLUParameter',
];

describe('Caffe schema: completeness and consistency', () => {
  it('has every BVLC message, with no fork tag', () => {
    for (const name of BVLC_MESSAGES) {
      const m = messageDesc(name);
      expect(m, name).toBeDefined();
      expect(m!.fork, name).toBeUndefined();
    }
  });

  it('documents every message, field and enum in one line', () => {
    for (const m of allMessages()) {
      expect(m.doc.length, m.name).toBeGreaterThan(5);
      for (const f of m.fields) {
        expect(f.doc.length, `${m.name}.${f.name}`).toBeGreaterThan(5);
        expect(f.doc, `${m.name}.${f.name}`).not.toContain('\n');
      }
    }
    for (const e of allEnums()) expect(e.doc.length, e.name).toBeGreaterThan(5);
  });

  it('gives every BVLC field a number, unique within its message; fork fields are tagged', () => {
    for (const m of allMessages()) {
      const numbers = new Map<string, string>();
      for (const f of m.fields) {
        const origin = f.fork ?? m.fork ?? 'bvlc';
        if (origin === 'bvlc') expect(f.number, `${m.name}.${f.name}`).toBeDefined();
        if (f.number === undefined) continue;
        const key = `${origin}:${f.number}`;
        expect(numbers.get(key), `${m.name}.${f.name} reuses ${key}`).toBeUndefined();
        numbers.set(key, f.name);
      }
    }
  });

  it('resolves every field type to a scalar, a message or an enum', () => {
    for (const m of allMessages()) {
      for (const f of m.fields) {
        if (f.kind === K_MESSAGE) expect(f.message?.name, `${m.name}.${f.name}`).toBe(f.type);
        if (f.kind === K_ENUM) expect(f.enumType?.name, `${m.name}.${f.name}`).toBe(f.type);
      }
    }
  });

  it('matches caffe.proto on fields the readers lean on', () => {
    const conv = messageDesc('ConvolutionParameter')!;
    expect(conv.byName.get('num_output')).toMatchObject({ number: 1, label: 'optional', type: 'uint32' });
    expect(conv.byName.get('kernel_size')).toMatchObject({ number: 4, label: 'repeated', type: 'uint32' });
    expect(conv.byName.get('dilation')).toMatchObject({ number: 18, label: 'repeated' });
    expect(conv.byName.get('bias_term')).toMatchObject({ number: 2, default: true });
    const pool = messageDesc('PoolingParameter')!;
    expect(pool.byName.get('pool')).toMatchObject({ number: 1, type: 'PoolingParameter.PoolMethod', default: 'MAX' });
    expect(pool.byName.get('kernel_size')).toMatchObject({ label: 'optional', repeatedIn: 'nd-pooling' });
    expect(pool.byName.get('ceil_mode')).toMatchObject({ fork: 'ceil-mode', default: true });
    expect(LAYER_PARAMETER.byName.get('clip_param')).toMatchObject({ number: 148 });
    expect(LAYER_PARAMETER.byName.get('swish_param')).toMatchObject({ number: 147 });
    expect(LAYER_PARAMETER.byName.get('prior_box_param')).toMatchObject({ number: 203, fork: 'ssd' });
    expect(NET_PARAMETER.byName.get('layer')).toMatchObject({ number: 100, label: 'repeated', type: 'LayerParameter' });
    expect(NET_PARAMETER.byName.get('layers')?.message).toBe(V1_LAYER_PARAMETER);
    const v1 = enumDesc('V1LayerParameter.LayerType')!;
    expect(v1.byName.get('CONVOLUTION')).toMatchObject({ number: 4 });
    expect(v1.byName.get('CONVOLUTION3D')).toMatchObject({ number: 30, fork: 'c3d' });
    // BVLC keeps its number where C3D reuses it.
    expect(v1.byNumber.get(30)?.name).toBe('ARGMAX');
    expect(messageDesc('ClipParameter')!.byName.get('min')).toMatchObject({ label: 'required', type: 'float' });
  });

  it('names a parameter block of LayerParameter for every Caffe op that has one, and no second field list', () => {
    for (const op of OPS) {
      if (op.dialect === 'keras') continue;
      expect(op.fields, op.type).toBeUndefined();
      if (!op.paramBlock) continue;
      const f = LAYER_PARAMETER.byName.get(op.paramBlock);
      expect(f, `${op.type}: ${op.paramBlock}`).toBeDefined();
      expect(f!.kind, `${op.type}: ${op.paramBlock}`).toBe(K_MESSAGE);
    }
  });

  it('describes every fork it tags', () => {
    for (const m of allMessages()) {
      if (m.fork) expect(FORKS[m.fork]).toBeDefined();
      for (const f of m.fields) if (f.fork) expect(FORKS[f.fork], `${m.name}.${f.name}`).toBeDefined();
    }
  });

  it('walks field paths to messages and prints proto types', () => {
    expect(messageAtPath(['layer', 'convolution_param', 'weight_filler'])?.name).toBe('FillerParameter');
    expect(messageAtPath(['layers', 'pooling_param'])?.name).toBe('PoolingParameter');
    expect(messageAtPath(['layer', 'nope'])).toBeUndefined();
    expect(typeLabel(messageDesc('ConvolutionParameter')!.byName.get('pad')!)).toBe('repeated uint32');
    expect(typeLabel(messageDesc('PoolingParameter')!.byName.get('pool')!)).toBe('PoolMethod');
  });
});

describe('did you mean: closest name by edit distance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as one edit', () => {
    expect(editDistance('kernal_size', 'kernel_size')).toBe(1);
    expect(editDistance('strid', 'stride')).toBe(1);
    expect(editDistance('strdie', 'stride')).toBe(1);
    expect(editDistance('MAXX', 'MAX')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only close names', () => {
    const conv = messageDesc('ConvolutionParameter')!;
    expect(closest('kernal_size', conv.byName.keys())).toBe('kernel_size');
    expect(closest('strid', conv.byName.keys())).toBe('stride');
    expect(closest('numoutput', conv.byName.keys())).toBe('num_output');
    expect(closest('maxx', ['MAX', 'AVE', 'STOCHASTIC'])).toBe('MAX');
    expect(closest('quux_param', LAYER_PARAMETER.byName.keys())).toBeUndefined();
    expect(closest('zzz', ['MAX', 'AVE'])).toBeUndefined();
  });
});
