import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../ir/graph-builder';
import { analyze } from '../analysis/analyze';
import { runNet } from './op-test-utils';
import { getOp } from './registry';

describe('Softmax, ArgMax, Reduction', () => {
  it('Softmax keeps the shape, 3 FLOPs per element, over any axis', () => {
    const net = runNet({ x: [1, 10, 3, 3] }, [
      { name: 's', type: 'Softmax', bottoms: ['x'] },
      { name: 's2', type: 'Softmax', bottoms: ['x'], attrs: { softmax_param: { axis: 5 } } },
    ]);
    expect(net.layer('s').outputs).toEqual([[1, 10, 3, 3]]);
    expect(net.layer('s').flops).toBe(270);
    expect(net.layer('s2').diagnostics[0]?.message).toBe('s2: axis 5 is out of range for a 4-D input');
  });

  it('ArgMax: N×1×top_k×1 without axis (N×2×… with values), top_k along an axis', () => {
    const net = runNet({ x: [2, 1000] }, [
      { name: 'a', type: 'ArgMax', bottoms: ['x'], attrs: { argmax_param: { top_k: 5 } } },
      { name: 'v', type: 'ArgMax', bottoms: ['x'], attrs: { argmax_param: { top_k: 5, out_max_val: true } } },
      { name: 'ax', type: 'ArgMax', bottoms: ['x'], attrs: { argmax_param: { axis: 1, top_k: 3 } } },
      { name: 'big', type: 'ArgMax', bottoms: ['x'], attrs: { argmax_param: { top_k: 1001 } } },
    ]);
    expect(net.layer('a').outputs).toEqual([[2, 1, 5]]);
    expect(net.layer('v').outputs).toEqual([[2, 2, 5]]);
    expect(net.layer('ax').outputs).toEqual([[2, 3]]);
    expect(net.layer('big').diagnostics[0]?.message).toBe(
      'big: top_k 1001 exceeds the 1000 values per image of 2×1000',
    );
  });

  it('Reduction keeps the dims before axis (default 0: a scalar)', () => {
    const net = runNet({ x: [2, 3, 4] }, [
      { name: 'r', type: 'Reduction', bottoms: ['x'] },
      { name: 'r1', type: 'Reduction', bottoms: ['x'], attrs: { reduction_param: { axis: 1, operation: 'SUMSQ' } } },
      { name: 'm', type: 'Reduction', bottoms: ['x'], attrs: { reduction_param: { axis: -1, operation: 4 } } },
    ]);
    expect(net.layer('r').outputs).toEqual([[]]);
    expect(net.layer('r').flops).toBe(24);
    expect(net.layer('r1').outputs).toEqual([[2]]);
    expect(net.layer('r1').flops).toBe(48);
    expect(net.layer('m').outputs).toEqual([[2, 3]]);
    expect(net.layer('m').flops).toBe(30);
  });
});

describe('data layers', () => {
  it('Input and DummyData: one shape for all tops or one per top, N = analysis batch', () => {
    const b = new GraphBuilder('caffe', 'NCHW');
    b.addLayer({
      name: 'in',
      type: 'Input',
      attrs: { input_param: { shape: [{ dim: [10, 3, 8, 8] }, { dim: [10, 5] }] } },
      bottoms: [],
      tops: ['a', 'b'],
    });
    b.addLayer({
      name: 'dd',
      type: 'DummyData',
      attrs: { dummy_data_param: { num: 7, channels: 2, height: 3, width: 4 } },
      bottoms: [],
      tops: ['c', 'd'],
    });
    b.addLayer({
      name: 'bad',
      type: 'Input',
      attrs: { input_param: { shape: [{ dim: [1, 2] }, { dim: [1, 3] }] } },
      bottoms: [],
      tops: ['e'],
    });
    const r = analyze(b.build('t'), { batch: 2 });
    expect(r.layers[0]!.outputs).toEqual([
      [2, 3, 8, 8],
      [2, 5],
    ]);
    expect(r.layers[1]!.outputs).toEqual([
      [2, 2, 3, 4],
      [2, 2, 3, 4],
    ]);
    expect(r.layers[2]!.diagnostics[0]?.message).toBe('bad: 2 shapes given for 1 tops; give one shape, or one per top');
  });

  it('Data-like layers: label top is N; image shapes from crop_size / new size / memory params', () => {
    const b = new GraphBuilder('caffe', 'NCHW');
    b.addLayer({ name: 'db', type: 'Data', attrs: { data_param: { batch_size: 64 } }, bottoms: [], tops: ['x', 'y'] });
    b.addLayer({
      name: 'img',
      type: 'ImageData',
      attrs: {
        image_data_param: { new_height: 256, new_width: 256, is_color: false },
        transform_param: { crop_size: 227 },
      },
      bottoms: [],
      tops: ['i', 'il'],
    });
    b.addLayer({
      name: 'win',
      type: 'WindowData',
      attrs: { transform_param: { crop_size: 227 } },
      bottoms: [],
      tops: ['w', 'wl'],
    });
    b.addLayer({
      name: 'mem',
      type: 'MemoryData',
      attrs: { memory_data_param: { batch_size: 8, channels: 3, height: 32, width: 32 } },
      bottoms: [],
      tops: ['m', 'ml'],
    });
    b.addLayer({ name: 'h5', type: 'HDF5Data', attrs: {}, bottoms: [], tops: ['h'] });
    const r = analyze(b.build('t'), { batch: 4 });
    expect(r.layers[0]!.outputs).toEqual([null, [4]]);
    expect(r.layers[1]!.outputs).toEqual([[4, 1, 227, 227], [4]]);
    expect(r.layers[2]!.outputs).toEqual([[4, 3, 227, 227], [4]]);
    expect(r.layers[3]!.outputs).toEqual([[4, 3, 32, 32], [4]]);
    expect(r.layers[4]!.outputs).toEqual([null]);
  });
});

describe('loss, accuracy and the rest', () => {
  it('losses are train-only scalars with zero cost; SoftmaxWithLoss may expose the probabilities', () => {
    const net = runNet({ score: [2, 10], label: [2] }, [
      { name: 'loss', type: 'SoftmaxWithLoss', bottoms: ['score', 'label'], tops: ['loss', 'prob'] },
      { name: 'acc', type: 'Accuracy', bottoms: ['score', 'label'], tops: ['acc', 'per_class'] },
      { name: 'e', type: 'EuclideanLoss', bottoms: ['score', 'score'] },
    ]);
    expect(net.layer('loss').outputs).toEqual([[], [2, 10]]);
    expect(net.layer('loss').flops).toBe(0);
    expect(net.layer('acc').outputs).toEqual([[], [10]]);
    expect(net.layer('e').outputs).toEqual([[]]);
    for (const t of [
      'SoftmaxWithLoss',
      'EuclideanLoss',
      'SigmoidCrossEntropyLoss',
      'HingeLoss',
      'InfogainLoss',
      'MultinomialLogisticLoss',
      'ContrastiveLoss',
      'Accuracy',
    ]) {
      expect(getOp(t)?.trainOnly, t).toBe(true);
    }
  });

  it('Silence and HDF5Output have no tops; Parameter is a learned blob', () => {
    const net = runNet({ x: [1, 3] }, [
      { name: 'sil', type: 'Silence', bottoms: ['x'], tops: [] },
      { name: 'p', type: 'Parameter', attrs: { parameter_param: { shape: { dim: [4, 5] } } } },
    ]);
    expect(net.layer('sil').outputs).toEqual([]);
    expect(net.layer('sil').status).toBe('ok');
    expect(net.layer('p').outputs).toEqual([[4, 5]]);
    expect(net.layer('p').params).toBe(20);
  });

  it('Filter passes shapes as the upper bound; BatchReindex takes N from the indices', () => {
    const net = runNet(
      { x: [6, 3, 2, 2], sel: [6, 1], idx: [6] },
      [
        { name: 'f', type: 'Filter', bottoms: ['x', 'sel'] },
        { name: 'br', type: 'BatchReindex', bottoms: ['x', 'idx'] },
      ],
      { batch: 6 },
    );
    expect(net.layer('f').outputs).toEqual([[6, 3, 2, 2]]);
    expect(net.layer('br').outputs).toEqual([[6, 3, 2, 2]]);
  });
});
