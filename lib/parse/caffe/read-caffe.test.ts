import { describe, expect, it } from 'vitest';
import type { Diagnostic, ReadOptions, ReadResult } from '../../ir';
import { attrSpansOf } from '../../ir';
import { readCaffe } from './index';
import { v1TypeByName, v1TypeByNumber, v1TypeTable } from './v1-types';

/** "severity line:col message" for every diagnostic. */
function diags(r: ReadResult): string[] {
  return r.diagnostics.map((d: Diagnostic) => `${d.severity} ${d.span?.line}:${d.span?.column} ${d.message}`);
}

function read(text: string, options?: ReadOptions): ReadResult {
  return readCaffe(text, options);
}

const relu = (name: string, blob: string) => `layer { name: "${name}" type: "ReLU" bottom: "${blob}" top: "${blob}" }`;

describe('readCaffe: inputs', () => {
  it('input + input_dim, four per input, several inputs', () => {
    const r = read(
      'input: "a"\ninput: "b"\ninput_dim: 2\ninput_dim: 3\ninput_dim: 8\ninput_dim: 8\ninput_dim: 2 input_dim: 1 input_dim: 4 input_dim: 4',
    );
    expect(diags(r)).toEqual([]);
    expect(r.graph.inputs.map((i) => [i.name, i.shape, i.source, i.span?.line])).toEqual([
      ['a', [2, 3, 8, 8], 'input_dim', 1],
      ['b', [2, 1, 4, 4], 'input_dim', 2],
    ]);
    expect(r.graph.declaredBatch).toBe(2);
  });

  it('input + input_shape, including 5-D', () => {
    const r = read('input: "clip"\ninput_shape { dim: 1 dim: 3 dim: 16 dim: 112 dim: 112 }');
    expect(r.graph.inputs.map((i) => [i.name, i.shape, i.source])).toEqual([
      ['clip', [1, 3, 16, 112, 112], 'input_shape'],
    ]);
  });

  it('input_dim count that is not 4 per input is an error with a position', () => {
    const r = read('input: "a"\ninput_dim: 1\ninput_dim: 3\ninput_dim: 8');
    expect(diags(r)).toEqual(['error 2:1 3 input_dim values for 1 input(s); expected 4 per input (N, C, H, W)']);
    expect(r.graph.inputs[0]!.shape).toBeNull();
  });

  it('Input layers: one shape per top, or one shape for all tops', () => {
    const r = read(
      'layer { name: "in" type: "Input" top: "x" top: "y"\n  input_param { shape { dim: 1 dim: 3 dim: 4 dim: 4 } shape { dim: 1 dim: 2 } } }\n' +
        'layer { name: "in2" type: "Input" top: "p" top: "q" input_param { shape: { dim: 5 dim: 6 } } }',
    );
    expect(diags(r)).toEqual([]);
    expect(r.graph.inputs.map((i) => [i.name, i.shape, i.source, i.node])).toEqual([
      ['x', [1, 3, 4, 4], 'Input', 0],
      ['y', [1, 2], 'Input', 0],
      ['p', [5, 6], 'Input', 1],
      ['q', [5, 6], 'Input', 1],
    ]);
    expect(r.graph.inputs[0]!.span).toMatchObject({ line: 2, column: 17 });
  });

  it('Input layer without a shape: null shape and a warning saying how to set it', () => {
    const r = read('layer { name: "in" type: "Input" top: "x" }');
    expect(diags(r)).toEqual([
      'warning 1:9 layer "in" (Input) declares no shape for top "x": set it with --input x=NxCxHxW or the input-shape control',
    ]);
    expect(r.graph.inputs).toMatchObject([{ name: 'x', shape: null, source: 'Input', node: 0 }]);
  });

  it('DummyData: shape blocks or num/channels/height/width', () => {
    const r = read(
      'layer { name: "d" type: "DummyData" top: "a" top: "b" dummy_data_param { shape { dim: 2 dim: 3 } shape { dim: 4 } } }\n' +
        'layer { name: "e" type: "DummyData" top: "c" dummy_data_param { num: 8 channels: 1 height: 28 width: 28 } }',
    );
    expect(diags(r)).toEqual([]);
    expect(r.graph.inputs.map((i) => [i.name, i.shape, i.source])).toEqual([
      ['a', [2, 3], 'DummyData'],
      ['b', [4], 'DummyData'],
      ['c', [8, 1, 28, 28], 'DummyData'],
    ]);
  });

  it('Data layer: shape from batch_size and crop_size, channels assumed 3 with a warning; label top left to the op', () => {
    const r = read(
      'layer {\n  name: "data" type: "Data" top: "data" top: "label"\n  data_param { batch_size: 64 }\n  transform_param { crop_size: 227 }\n}',
    );
    expect(diags(r)).toEqual([
      'warning 2:3 layer "data" (Data): input shape 64×3×227×227 for top "data" is inferred from batch_size and crop_size; channels are assumed to be 3; if that is wrong, set it with --input data=NxCxHxW or the input-shape control',
    ]);
    expect(r.graph.inputs.map((i) => [i.name, i.shape, i.source, i.node])).toEqual([
      ['data', [64, 3, 227, 227], 'Data', 0],
    ]);
    expect(r.graph.nodes[0]!.tops).toEqual(['data', 'label']);
  });

  it('ImageData: new_height/new_width, grayscale when is_color is false', () => {
    const r = read(
      'layer { name: "img" type: "ImageData" top: "im" top: "lb" image_data_param { batch_size: 4 new_height: 32 new_width: 48 is_color: false } }',
    );
    expect(r.graph.inputs[0]!.shape).toEqual([4, 1, 32, 48]);
    expect(diags(r)[0]).toContain('channels 1 (grayscale)');
  });

  it('MemoryData states every dimension, so no assumption warning', () => {
    const r = read(
      'layer { name: "m" type: "MemoryData" top: "x" top: "y" memory_data_param { batch_size: 2 channels: 1 height: 5 width: 6 } }',
    );
    expect(diags(r)).toEqual([]);
    expect(r.graph.inputs[0]!.shape).toEqual([2, 1, 5, 6]);
  });

  it('data layer with no shape at all: null shape and a warning naming the top and how to set it', () => {
    const r = read(
      'layer {\n  name: "h5" type: "HDF5Data" top: "x" top: "y"\n  hdf5_data_param { source: "f.txt" batch_size: 8 }\n}',
    );
    expect(diags(r)).toEqual([
      'warning 2:3 layer "h5" (HDF5Data) declares no input shape for top "x" (it has no crop_size, crop_h/crop_w or new_height/new_width): set it with --input x=NxCxHxW or the input-shape control',
    ]);
    expect(r.graph.inputs).toMatchObject([{ name: 'x', shape: null, source: 'Data' }]);
  });
});

describe('readCaffe: layers', () => {
  const net = [
    'name: "tiny"',
    'input: "data"',
    'input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }',
    'layer {',
    '  name: "conv1"',
    '  type: "Convolution"',
    '  bottom: "data"',
    '  top: "conv1"',
    '  param { lr_mult: 1 }',
    '  param { lr_mult: 2 }',
    '  convolution_param { num_output: 4 kernel_size: 3 pad: 1 weight_filler { type: "xavier" } }',
    '}',
    relu('relu1', 'conv1'),
    'layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }',
  ].join('\n');

  it('attrs are the layer fields except name/type/bottom/top: repeated as arrays, messages as maps, enums as strings', () => {
    const r = read(net);
    expect(diags(r)).toEqual([]);
    expect(r.graph.name).toBe('tiny');
    const [conv, , pool] = r.graph.nodes;
    expect(conv!.attrs).toEqual({
      param: [{ lr_mult: 1 }, { lr_mult: 2 }],
      convolution_param: { num_output: 4, kernel_size: 3, pad: 1, weight_filler: { type: 'xavier' } },
    });
    expect(pool!.attrs).toEqual({ pooling_param: { pool: 'MAX', kernel_size: 2, stride: 2 } });
  });

  it('fills attrSpans by dotted path, plus type, nameSpan and span', () => {
    const conv = read(net).graph.nodes[0]!;
    // Made on demand (the layer's block read again), equal to what an eager read keeps.
    expect(conv.attrSpans).toBeUndefined();
    const spans = attrSpansOf(conv);
    expect(spans?.['convolution_param.kernel_size']).toMatchObject({ line: 11, column: 37 });
    expect(spans?.['convolution_param.weight_filler.type']).toMatchObject({ line: 11, column: 75 });
    expect(spans?.['param.lr_mult']).toMatchObject({ line: 9, column: 11 });
    expect(spans?.type).toMatchObject({ line: 6, column: 3, length: 19 });
    expect(conv.nameSpan).toMatchObject({ line: 5, column: 3, length: 13 });
    expect(conv.span).toMatchObject({ line: 4, column: 1 });
    expect(net.slice(conv.span!.offset, conv.span!.offset + conv.span!.length)).toMatch(/^layer \{[\s\S]*\} \}\n\}$/);
    // Later occurrences of a path keep their own span under path#k.
    expect(spans?.['param.lr_mult#1']).toMatchObject({ line: 10, column: 11 });
    expect(spans?.['param#1']).toMatchObject({ line: 10, column: 3 });
  });

  it('in-place layers keep blob history: later readers see the rewritten version', () => {
    const g = read(net).graph;
    const [conv, reluNode, pool] = g.nodes;
    expect(conv!.tops).toEqual(['conv1']);
    expect(reluNode!.bottoms).toEqual(['conv1']);
    expect(reluNode!.tops).toEqual(['conv1@1']);
    expect(reluNode!.inPlace).toEqual([true]);
    expect(pool!.bottoms).toEqual(['conv1@1']);
    expect(g.outputs).toEqual(['pool1']);
  });

  it('legacy V1 layers map enum types, also given as numbers', () => {
    const r = read(
      'input: "data"\ninput_dim: 1 input_dim: 1 input_dim: 4 input_dim: 4\n' +
        'layers { name: "c" type: CONVOLUTION bottom: "data" top: "c" blobs_lr: 1 blobs_lr: 2 convolution_param { num_output: 2 kernel_size: 1 } }\n' +
        'layers { name: "r" type: 18 bottom: "c" top: "c" }\n' +
        'layers { name: "l" type: SOFTMAX_LOSS bottom: "c" bottom: "c" }',
    );
    expect(diags(r)).toEqual([]);
    // The text format accepts an enum by number: 18 is RELU.
    expect(r.graph.nodes.map((n) => [n.name, n.type, n.sourceType])).toEqual([
      ['c', 'Convolution', 'CONVOLUTION'],
      ['r', 'ReLU', '18'],
      ['l', 'SoftmaxWithLoss', 'SOFTMAX_LOSS'],
    ]);
    expect(r.graph.nodes[0]!.attrs.blobs_lr).toEqual([1, 2]);
  });

  it('maps every V1 LayerType enum name and number', () => {
    const table = v1TypeTable();
    expect(table).toHaveLength(40);
    expect(v1TypeByName('INNER_PRODUCT')).toBe('InnerProduct');
    expect(v1TypeByName('HDF5_DATA')).toBe('HDF5Data');
    expect(v1TypeByName('TANH')).toBe('TanH');
    expect(v1TypeByName('Convolution')).toBeUndefined();
    expect(v1TypeByNumber(39)).toBe('Deconvolution');
    expect(v1TypeByNumber(99)).toBeUndefined();
    // Each enum name read from a file gives its current type.
    const text = table
      .filter(([name]) => name !== 'NONE')
      .map(([name], i) => `layers { name: "l${i}" type: ${name} }`)
      .join('\n');
    const types = read(text).graph.nodes.map((n) => n.type);
    expect(types).toEqual(table.filter(([name]) => name !== 'NONE').map(([, , current]) => current));
  });

  it('an unknown V1 type number is an error at the type', () => {
    const r = read('layers { name: "x" type: 77 }');
    expect(diags(r)).toEqual([
      'error 1:20 x: type has no value numbered 77. Valid values: NONE, ABSVAL, ACCURACY, ARGMAX, BNLL, CONCAT, CONTRASTIVE_LOSS, CONVOLUTION, DATA, DECONVOLUTION, DROPOUT, DUMMY_DATA, … (51 in all)',
    ]);
    expect(r.graph.nodes[0]!.broken).toBe(true);
  });

  it('dangling bottoms and duplicate names are diagnosed with positions, the rest still built', () => {
    const r = read(
      [
        'input: "data"',
        'input_dim: 1 input_dim: 1 input_dim: 2 input_dim: 2',
        relu('a', 'data'),
        'layer { name: "b" type: "ReLU"',
        '  bottom: "nope" top: "b" }',
        relu('a', 'b'),
      ].join('\n'),
    );
    expect(diags(r)).toEqual([
      'error 5:3 layer "b": bottom "nope" is not produced by any earlier layer or input',
      'warning 6:9 duplicate layer name "a" (first defined at line 3:9)',
    ]);
    expect(r.graph.nodes).toHaveLength(3);
  });

  it('an unknown field is an error that marks the layer broken; lenient reading makes it a warning and keeps it', () => {
    const text =
      'input: "x"\ninput_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1\nlayer { name: "q" type: "Quux" bottom: "x" top: "y" quux_param { speed: FAST level: 3 } }';
    const strict = read(text);
    expect(diags(strict)).toEqual(['error 3:53 q: unknown field "quux_param" in layer']);
    expect(strict.graph.nodes[0]!.broken).toBe(true);
    const lenient = read(text, { lenient: true });
    expect(diags(lenient)).toEqual(['warning 3:53 q: unknown field "quux_param" in layer']);
    expect(lenient.graph.nodes[0]!.broken).toBeUndefined();
    expect(lenient.graph.nodes[0]!.attrs).toEqual({ quux_param: { speed: 'FAST', level: 3 } });
  });

  it('an unnamed layer gets a generated name and an info message', () => {
    const r = read(
      'input: "x"\ninput_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1\nlayer { type: "ReLU" bottom: "x" top: "x" }',
    );
    expect(r.graph.nodes[0]!.name).toBe('ReLU_1');
    expect(diags(r)).toEqual(['info 3:1 layer without a name; it is called "ReLU_1" here']);
  });
});

describe('readCaffe: phases', () => {
  const text = [
    'layer { name: "train_data" type: "Input" top: "data" input_param { shape { dim: 64 dim: 3 dim: 4 dim: 4 } } include { phase: TRAIN } }',
    'layer { name: "test_data" type: "Input" top: "data" input_param { shape { dim: 10 dim: 3 dim: 4 dim: 4 } } include { phase: TEST } }',
    'layer { name: "r" type: "ReLU" bottom: "data" top: "data" }',
    'layer { name: "deploy_only" type: "ReLU" bottom: "data" top: "data" include { stage: "deploy" } }',
    'layer { name: "not_deploy" type: "ReLU" bottom: "data" top: "data" include { not_stage: "deploy" } }',
    'layer { name: "excl_test" type: "ReLU" bottom: "data" top: "data" exclude { phase: TEST } }',
    'layer { name: "lvl" type: "ReLU" bottom: "data" top: "data" include { min_level: 1 } }',
    'layer { name: "lvl_max" type: "ReLU" bottom: "data" top: "data" include { max_level: 0 } }',
  ].join('\n');
  const names = (r: ReadResult) => r.graph.nodes.map((n) => n.name);

  it('defaults to TEST', () => {
    expect(names(read(text))).toEqual(['test_data', 'r', 'not_deploy', 'lvl_max']);
    expect(read(text).graph.inputs[0]!.shape).toEqual([10, 3, 4, 4]);
  });

  it('options.phase and options.stages override', () => {
    expect(names(read(text, { phase: 'TRAIN' }))).toEqual(['train_data', 'r', 'not_deploy', 'excl_test', 'lvl_max']);
    expect(names(read(text, { stages: ['deploy'] }))).toEqual(['test_data', 'r', 'deploy_only', 'lvl_max']);
  });

  it('the net-level state sets phase, level and stages', () => {
    expect(names(read(`state { phase: TRAIN level: 2 stage: "deploy" }\n${text}`))).toEqual([
      'train_data',
      'r',
      'deploy_only',
      'excl_test',
      'lvl',
    ]);
    // The caller still wins over the file.
    expect(names(read(`state { phase: TRAIN }\n${text}`, { phase: 'TEST' }))[0]).toBe('test_data');
  });

  it('when every layer is excluded, says so', () => {
    const r = read('layer { name: "a" type: "ReLU" include { phase: TRAIN } }');
    expect(diags(r)).toEqual(['warning 1:1 all 1 layers are excluded in phase TEST']);
  });

  // A train file whose only data layer is TRAIN-only, read in the default TEST phase.
  const lenet = [
    'name: "LeNet"',
    'layer {',
    '  name: "mnist" type: "Data" top: "data" top: "label"',
    '  include { phase: TRAIN }',
    '  data_param { source: "mnist_train_lmdb" batch_size: 64 }',
    '}',
    'layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1" convolution_param { num_output: 20 kernel_size: 5 } }',
    'layer { name: "loss" type: "SoftmaxWithLoss" bottom: "conv1" bottom: "label" top: "loss" }',
  ].join('\n');

  it('a blob missing in the chosen phase names the layer of the other phase that produces it and how to switch', () => {
    expect(diags(read(lenet))).toEqual([
      'error 7:43 layer "conv1": bottom "data" is not produced by any earlier layer or input; layer "mnist" (line 2) produces it in phase TRAIN: switch the phase to TRAIN (--phase TRAIN on the command line, or the phase control)',
      'error 8:62 layer "loss": bottom "label" is not produced by any earlier layer or input; layer "mnist" (line 2) produces it in phase TRAIN: switch the phase to TRAIN (--phase TRAIN on the command line, or the phase control)',
    ]);
    // In TRAIN the file reads without that error.
    expect(diags(read(lenet, { phase: 'TRAIN' })).filter((d) => d.startsWith('error'))).toEqual([]);
  });

  it('a producer left out by stage rules is named with its rules', () => {
    const staged = lenet.replace('include { phase: TRAIN }', 'include { phase: TRAIN stage: "big" }');
    expect(diags(read(staged, { phase: 'TRAIN' }))[0]).toBe(
      'error 7:43 layer "conv1": bottom "data" is not produced by any earlier layer or input; layer "mnist" (line 2) produces it, but its rules (include { phase: TRAIN stage: "big" }) leave it out in phase TRAIN',
    );
  });
});

describe('readCaffe: bad input', () => {
  it('empty input', () => {
    const r = read('');
    expect(diags(r)).toEqual(['error 1:1 the model is empty']);
    expect(r.graph.nodes).toEqual([]);
  });

  it('comments only', () => {
    expect(diags(read('# nothing here\n'))).toEqual([
      'error 1:1 no layers or inputs found: a Caffe model needs layer { … } blocks (or legacy layers { … })',
    ]);
  });

  it('binary garbage: a syntax error with its position and no throw', () => {
    const garbage = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR' + '\u00ff\u00fe'.repeat(1000);
    const r = read(garbage);
    expect(diags(r)).toEqual(['error 1:1 expected a field name, got character U+0089']);
  });

  it('unterminated string and block keep the layers that were fine', () => {
    const text = [
      relu('a', 'data'),
      'layer { name: "b" type: "ReLU" bottom: "data" top: "data" }',
      'layer { name: "c',
      '}',
    ].join('\n');
    const r = read(`input: "data"\ninput_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1\n${text}`);
    expect(diags(r)).toEqual(['error 5:15 unterminated string (opened at 5:15)']);
    expect(r.graph.nodes.map((n) => n.name)).toEqual(['a', 'b']);

    const r2 = read(
      `input: "data"\ninput_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1\n${relu('a', 'data')}\nlayer { name: "b" type: "ReLU" bottom: "data" top: "b"`,
    );
    expect(diags(r2)).toEqual(["error 4:55 expected '}' to close 'layer' opened at 4:1, got end of input"]);
    // The cut-short layer got as far as its type, so it is kept.
    expect(r2.graph.nodes.map((n) => n.name)).toEqual(['a', 'b']);
  });

  it('a syntax error in one layer keeps the layers before and after it', () => {
    const text = [
      'input: "data"',
      'input_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1',
      relu('a', 'data'),
      'layer { name: "b" type: "ReLU" bottom: "data" top: "data" pad: ]] }',
      relu('c', 'data'),
    ].join('\n');
    const r = read(text);
    expect(diags(r)).toEqual(["error 4:64 expected a value for 'pad', got ']'"]);
    expect(r.graph.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c']);
    expect(r.graph.nodes[2]!.bottoms).toEqual(['data@2']);
  });

  it('wrong value types are diagnosed at the value', () => {
    const text = [
      'input: "data"',
      'input_dim: "abc" input_dim: 3 input_dim: 2.5 input_dim: true',
      'layer { name: "a" type: { } bottom: { } top: "a" }',
      'layer { name: "b" type: "ReLU" bottom: "a" top: 7 }',
    ].join('\n');
    const r = read(text);
    expect(diags(r)).toEqual([
      'error 2:1 input_dim must be an integer (int64), got the string "abc"',
      'error 2:31 input_dim must be an integer (int64), got 2.5',
      'error 2:46 input_dim must be an integer (int64), got the boolean true',
      'error 3:19 a: type must be a quoted string, got a block { … }',
      'error 3:29 a: bottom must be a quoted string, got a block { … }',
      'error 4:44 b: top must be a quoted string, got 7',
    ]);
    expect(r.graph.inputs[0]!.shape).toBeNull();
    expect(r.graph.nodes).toHaveLength(2);
    expect(r.graph.nodes.map((n) => n.broken)).toEqual([true, true]);
  });

  it.each([
    ['0', 'error 2:22 input "data": dim 0 is not allowed; dimensions must be positive'],
    ['-3', 'error 2:22 input "data": dim -3 is not allowed; dimensions must be positive'],
    ['1000000000000', 'error 2:22 input "data": dim 1000000000000 is absurdly large (the limit is 2147483647)'],
    [
      '1e12',
      'error 2:22 input_shape.dim must be an integer (int64), got 1000000000000 (written as a floating-point number)',
    ],
  ])('input_shape dim %s: error with position, shape null', (dim, expected) => {
    const r = read(`input: "data"\ninput_shape { dim: 1 dim: ${dim} dim: 4 dim: 4 }\n${relu('r', 'data')}`);
    expect(diags(r)).toEqual([expected]);
    expect(r.graph.inputs[0]!.shape).toBeNull();
    expect(r.graph.nodes).toHaveLength(1);
  });

  it('bad dims in Input layers and data layers too', () => {
    const r = read(
      'layer { name: "in" type: "Input" top: "x" input_param { shape { dim: 1 dim: -2 } } }\n' +
        'layer { name: "d" type: "Data" top: "y" data_param { batch_size: 0 } transform_param { crop_size: 4000000000 } }',
    );
    expect(diags(r)).toEqual([
      'error 1:72 layer "in": dim -2 is not allowed; dimensions must be positive',
      'error 2:54 layer "d": batch_size 0 is not allowed; dimensions must be positive',
      'error 2:88 layer "d": crop_size 4000000000 is absurdly large (the limit is 2147483647)',
    ]);
    expect(r.graph.inputs.map((i) => i.shape)).toEqual([null, null]);
  });

  it('a shape with too many elements to count exactly is refused', () => {
    const r = read('input: "x"\ninput_shape { dim: 2000000000 dim: 2000000000 dim: 4 }');
    expect(diags(r)).toEqual([
      'error 2:15 input "x": shape 2000000000×2000000000×4 has more elements than can be counted exactly',
    ]);
  });

  it('unknown net-level fields are errors and ignored (warnings when lenient)', () => {
    const text = `inptu: "y"\ninput: "x"\ninput_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1`;
    expect(diags(read(text))).toEqual([
      'error 1:1 unknown field "inptu" in the net (NetParameter); did you mean input?',
    ]);
    expect(diags(read(text, { lenient: true }))).toEqual([
      'warning 1:1 unknown field "inptu" in the net (NetParameter); did you mean input?',
    ]);
    expect(read(text).graph.inputs.map((i) => i.name)).toEqual(['x']);
  });

  it('10,000-deep nesting inside a layer: a depth error, the other layers kept', () => {
    const deep = `layer { name: "deep" type: "ReLU" x ${'{ x '.repeat(10_000)}${'}'.repeat(10_000)} }`;
    const r = read(
      `input: "data"\ninput_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1\n${relu('a', 'data')}\n${deep}\n${relu('c', 'data')}`,
    );
    expect(diags(r)).toEqual([
      'error 4:35 deep: unknown field "x" in layer',
      "error 4:433 'x' nests messages deeper than 100 levels, which is not supported",
    ]);
    expect(r.graph.nodes.map((n) => n.name)).toEqual(['a', 'deep', 'c']);
  });

  it('a 20 MB model is read without hanging', () => {
    // 20,000 layers, each with a 1 KB comment: the size of a huge model without 150k GraphBuilder nodes.
    const comment = `# ${'x'.repeat(1000)}\n`;
    const layers: string[] = ['input: "data"', 'input_dim: 1 input_dim: 3 input_dim: 8 input_dim: 8'];
    for (let i = 0; i < 20_000; i++) {
      const bottom = i === 0 ? 'data' : `conv${i - 1}`;
      layers.push(
        `layer {\n${comment}  name: "conv${i}"\n  type: "Convolution"\n  bottom: "${bottom}"\n  top: "conv${i}"\n  convolution_param { num_output: 3 kernel_size: 3 pad: 1 }\n}`,
      );
    }
    const text = layers.join('\n');
    expect(text.length).toBeGreaterThan(20_000_000);
    const r = read(text);
    expect(diags(r)).toEqual([]);
    expect(r.graph.nodes).toHaveLength(20_000);
    expect(r.graph.outputs).toEqual(['conv19999']);
    // Eight lines per layer after the two input lines.
    expect(r.graph.nodes[19_999]!.span?.line).toBe(3 + 19_999 * 8);
  }, 120_000);
});
