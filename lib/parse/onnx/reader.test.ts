import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis';
import { buildModel, node } from '../../testing/onnx-build';
import { corpusAvailable, MODELS_DIR } from '../../testing/corpus';
import { detectFormat, readModel } from '../index';
import { readOnnx } from './index';

const lightPath = (name: string) => path.join(MODELS_DIR, 'onnx', `light_${name}.onnx`);

/** A length-delimited protobuf field: tag, varint length, payload. */
function field(id: number, payload: Uint8Array): Uint8Array {
  const len: number[] = [];
  let n = payload.length;
  do {
    len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  const out = new Uint8Array(1 + len.length + payload.length);
  out[0] = (id << 3) | 2;
  out.set(len, 1);
  out.set(payload, 1 + len.length);
  return out;
}

describe.runIf(corpusAvailable())('ONNX reader on the light model-zoo files', () => {
  it('reads ResNet-50: one input, its ConstantOfShape weights and no initializer listed as an input', () => {
    const bytes = readFileSync(lightPath('resnet50'));
    expect(detectFormat(bytes)).toBe('onnx');
    const { graph, diagnostics } = readModel(bytes);
    expect(diagnostics).toEqual([]);
    expect(graph.format).toBe('onnx');
    expect(graph.inputs.map((i) => [i.name, i.shape, i.dtype])).toEqual([['gpu_0/data_0', [1, 3, 224, 224], 'float']]);
    expect(graph.outputs).toEqual(['gpu_0/softmax_1']);
    expect(graph.opsets).toEqual({ '': 9 });
    const types = new Map<string, number>();
    for (const n of graph.nodes) types.set(n.type, (types.get(n.type) ?? 0) + 1);
    expect(types.get('Conv')).toBe(53);
    // Every float weight (conv kernels, BN scale/bias/mean/variance, FC) is a ConstantOfShape.
    expect(types.get('ConstantOfShape')).toBe(239);
    // Initializers (the weights' int64 shapes, a few small float tensors) are constants, not inputs.
    const stored = [...graph.blobs.values()].filter((b) => b.constant?.kind === 'initializer');
    expect(stored.length).toBe(269);
    const shapes = stored.filter((b) => b.dtype === 'int64');
    expect(shapes.length).toBe(240);
    expect(shapes.every((b) => b.constant?.values !== undefined)).toBe(true);
  });

  it('gives every node a byte range and a span in the text form that starts with its name', () => {
    const bytes = readFileSync(lightPath('squeezenet'));
    const { graph } = readOnnx(bytes, { fileName: 'light_squeezenet.onnx' });
    const text = graph.sourceText!;
    expect(text.split('\n')[0]).toBe(
      '# light_squeezenet.onnx: ONNX, read-only text form; tensors are shown by type and byte position, never loaded',
    );
    for (const n of graph.nodes) {
      expect(text.slice(n.span!.offset, n.span!.offset + n.span!.length).startsWith(`[${n.name}] `)).toBe(true);
      expect(text.slice(n.nameSpan!.offset, n.nameSpan!.offset + n.nameSpan!.length)).toBe(n.name);
      expect(text.split('\n')[n.span!.line - 1]!.indexOf(`[${n.name}]`) + 1).toBe(n.span!.column);
      expect(n.bytes!.offset).toBeGreaterThan(0);
      expect(n.bytes!.offset + n.bytes!.length).toBeLessThanOrEqual(bytes.length);
    }
    const conv = graph.nodes.find((n) => n.type === 'Conv')!;
    expect(text.slice(conv.attrSpans!.kernel_shape!.offset).startsWith('kernel_shape = [3, 3]')).toBe(true);
  });
});

describe('ONNX reader: IR details', () => {
  it('keeps symbolic dims by name, and an input that is also an initializer is a weight, not an input', () => {
    const bytes = buildModel({
      inputs: ['float[N,3,H,W] x', 'float[8,3,3,3] w'],
      outputs: ['float[N,8,?,?] y'],
      nodes: [node('Conv', ['x', 'w'], ['y'], { kernel_shape: [3, 3] })],
      initializers: [{ name: 'w', dtype: 'float', dims: [8, 3, 3, 3], rawBytes: 8 * 27 * 4 }],
    });
    const { graph } = readOnnx(bytes);
    expect(graph.inputs).toEqual([
      { blob: 'x', name: 'x', shape: [-1, 3, -1, -1], source: 'onnx', dims: ['N', 3, 'H', 'W'], dtype: 'float' },
    ]);
    const w = graph.blobs.get('w')!;
    expect(w.constant).toMatchObject({ kind: 'initializer', dims: [8, 3, 3, 3], dtype: 'float' });
    expect(w.constant!.bytes!.length).toBe(864);

    const unresolved = analyze(graph);
    expect(unresolved.dims).toEqual([
      { name: 'N', value: 1, source: 'batch' },
      { name: 'H', value: null, source: 'unset' },
      { name: 'W', value: null, source: 'unset' },
    ]);
    expect(unresolved.inputs[0]!.dims).toEqual([1, 3, 'H', 'W']);
    expect(unresolved.blobShapes.get('y')).toBeNull();
    expect(unresolved.diagnostics.map((d) => d.message)).toContain(
      'input "x": dimensions "H", "W" have no value, so every shape that depends on them is unknown: set --dim H=N --dim W=N or use the Dimensions control',
    );
    const set = analyze(graph, { dims: { H: 32, W: 30 }, batch: 2 });
    expect(set.inputs[0]!.shape).toEqual([2, 3, 32, 30]);
    expect(set.blobShapes.get('y')).toEqual([2, 8, 30, 28]);
    expect(set.totals.macs).toBe(2 * 8 * 30 * 28 * 27);
    expect(set.totals.params).toBe(216);
  });

  it('shows external data as such and never reads it', () => {
    const bytes = buildModel({
      inputs: ['float[1,4] x'],
      outputs: ['float[1,4] y'],
      nodes: [node('Add', ['x', 'b'], ['y'])],
      initializers: [
        { name: 'b', dtype: 'float', dims: [1, 4], external: { location: 'weights.bin', offset: 4096, length: 16 } },
      ],
    });
    const { graph } = readOnnx(bytes);
    expect(graph.blobs.get('b')!.constant).toEqual({
      kind: 'initializer',
      dims: [1, 4],
      dtype: 'float',
      external: { location: 'weights.bin', offset: 4096, length: 16 },
    });
    expect(graph.sourceText).toContain('float[1,4] b = <external data in "weights.bin", offset 4,096, 16 bytes>');
    expect(analyze(graph).totals.params).toBe(4);
  });

  it('flattens If branches into the graph with their owner, and the owner lists their outputs', () => {
    const branch = (v: number) => ({
      inputs: [],
      outputs: ['float[2] o'],
      nodes: [node('Mul', ['x', 'k'], ['o'])],
      initializers: [{ name: 'k', dtype: 'float', dims: [2], values: [v, v] }],
    });
    const bytes = buildModel({
      inputs: ['bool[] c', 'float[2] x'],
      outputs: ['float[2] y'],
      nodes: [
        node('If', ['c'], ['y'], { then_branch: { graph: branch(2) }, else_branch: { graph: branch(3) } }, 'choose'),
      ],
    });
    const { graph, diagnostics } = readOnnx(bytes);
    expect(diagnostics).toEqual([]);
    const owner = graph.nodes[0]!;
    expect(owner.subgraphs!.map((s) => [s.attr, s.nodes, s.outputs])).toEqual([
      ['then_branch', [1], ['o']],
      ['else_branch', [2], ['choose/else_branch/o']],
    ]);
    expect(owner.inputCount).toBe(1);
    expect(owner.bottoms).toEqual(['c', 'o', 'choose/else_branch/o']);
    expect(graph.nodes.slice(1).map((n) => [n.name, n.parent, n.bottoms])).toEqual([
      ['choose/then_branch/Mul_0', 0, ['x', 'k']],
      ['choose/else_branch/Mul_0', 0, ['x', 'choose/else_branch/k']],
    ]);
    const a = analyze(graph);
    expect(a.blobShapes.get('y')).toEqual([2]);
    // The condition is an input: the owner reports the costlier branch and says so.
    expect(a.diagnostics.map((d) => d.message)).toContain(
      'choose: the condition is known only at run time: figures are those of the costlier branch (then_branch); outputs whose shapes differ between branches are unknown',
    );
    expect(a.layers.map((l) => [l.name, l.parent ?? null, l.flops])).toEqual([
      ['choose/then_branch/Mul_0', 0, 2],
      ['choose/else_branch/Mul_0', 0, 2],
      ['choose', null, 2],
    ]);
    // Branch constants are the owner's parameters; the totals count the owner only.
    expect(a.totals.params).toBe(4);
    expect(a.totals.flops).toBe(2);
  });

  it('marks a model-local function as an unknown node with a warning and analyses the rest', () => {
    const bytes = buildModel(
      {
        inputs: ['float[1,4] x'],
        outputs: ['float[1,4] z'],
        nodes: [{ ...node('MyGelu', ['x'], ['y']), domain: 'custom' }, node('Relu', ['y'], ['z'])],
      },
      17,
      {
        opset_import: [
          { domain: '', version: 17 },
          { domain: 'custom', version: 1 },
        ],
        functions: [
          {
            name: 'MyGelu',
            domain: 'custom',
            input: ['a'],
            output: ['b'],
            node: [{ op_type: 'Relu', input: ['a'], output: ['b'] }],
          },
        ],
      },
    );
    const a = analyze(readOnnx(bytes).graph);
    expect(a.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      [
        'warning',
        'byte 23: node "MyGelu_0": MyGelu is a function defined in this model (domain custom); functions are not expanded, so its outputs are unknown',
      ],
      ['warning', 'MyGelu_0: unknown layer type "MyGelu"; its outputs are unknown unless declared (--input TOP=DIMS)'],
    ]);
    expect(a.layers.map((l) => [l.type, l.status])).toEqual([
      ['custom.MyGelu', 'unknown'],
      ['Relu', 'ok'],
    ]);
  });
});

describe('ONNX reader: bad input gets a positioned error and never hangs', () => {
  const messages = (bytes: Uint8Array) => readOnnx(bytes).diagnostics.map((d) => [d.message, d.byteOffset]);

  it.runIf(corpusAvailable())('a truncated file', () => {
    const bytes = readFileSync(lightPath('resnet50'));
    expect(messages(bytes.subarray(0, 1000))).toEqual([
      [
        'byte 23: ModelProto.graph (field 7): declares 79,737 bytes but only 973 remain in its message (truncated or corrupt file)',
        23,
      ],
    ]);
  });

  it('a wrong wire type', () => {
    expect(messages(new Uint8Array([0x38, 0x05]))).toEqual([
      ['byte 0: ModelProto.graph (field 7): wrong wire type 0 (varint), expected 2 (length-delimited)', 0],
    ]);
  });

  it('a declared length of 2 GB in a 1 KB file', () => {
    const bytes = new Uint8Array(1024);
    bytes.set([0x3a, 0x80, 0x80, 0x80, 0x80, 0x08]);
    expect(messages(bytes)).toEqual([
      [
        'byte 0: ModelProto.graph (field 7): declares 2,147,483,648 bytes but only 1,018 remain in its message (truncated or corrupt file)',
        0,
      ],
    ]);
  });

  it('text that is not ONNX, forced with --from onnx, and an empty file', () => {
    const forced = readModel('name: "x"\nlayer { }', { from: 'onnx' });
    expect(forced.diagnostics.map((d) => d.message)).toEqual([
      'byte 0: ModelProto: unknown field 13: invalid wire type 6 (corrupt data, or not an ONNX file)',
    ]);
    expect(messages(new Uint8Array(0))).toEqual([['the file is empty (0 bytes): not an ONNX model', 0]]);
  });

  it('messages nested deeper than the walker follows', () => {
    // Graph → node → attribute → graph … 40 times: 120 nested messages.
    let g: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 40; i++) g = field(1, field(5, field(6, g)));
    const bytes = field(7, g);
    const [[message, offset]] = messages(bytes) as [[string, number]];
    expect(message).toMatch(
      /^byte \d+: ModelProto\.graph \(field 7\)\.node \(field 1\)\[0\]\.attribute \(field 5\)\[0\]\.g .*: messages nested more than 96 deep$/,
    );
    expect(offset).toBe(251);
  });

  it('sub-graphs nested more than 24 deep are cut off with an error on the owner', () => {
    let g = { inputs: [] as string[], outputs: ['float[1] o'], nodes: [node('Identity', ['x'], ['o'])] };
    for (let i = 0; i < 30; i++) {
      g = {
        inputs: [],
        outputs: ['float[1] o'],
        nodes: [
          node(
            'If',
            ['c'],
            ['o'],
            {
              then_branch: { graph: g },
              else_branch: { graph: { inputs: [], outputs: ['float[1] o'], nodes: [node('Identity', ['x'], ['o'])] } },
            },
            'If',
          ),
        ],
      };
    }
    const bytes = buildModel({ ...g, inputs: ['bool[] c', 'float[1] x'] });
    const { diagnostics, graph } = readOnnx(bytes);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    // Names in messages are cut after 80 characters; the diagnostic still names the whole layer.
    expect(errors[0]!.message).toMatch(
      /^byte [\d,]+: node "If\/then_branch\/If[^"]{60,}…": sub-graphs nested more than 24 deep; the deeper ones are not read$/,
    );
    expect(errors[0]!.layer).toBe(`If${'/then_branch/If'.repeat(24)}`);
    expect(analyze(graph).layers.length).toBe(graph.nodes.length);
  });

  it('a cycle between nodes is read, then reported by the analysis', () => {
    const bytes = buildModel({
      inputs: ['float[1,4] x'],
      outputs: ['float[1,4] y'],
      nodes: [node('Add', ['x', 'z'], ['y'], undefined, 'A'), node('Relu', ['y'], ['z'], undefined, 'B')],
    });
    const { graph, diagnostics } = readOnnx(bytes);
    expect(diagnostics).toEqual([]);
    expect(analyze(graph).diagnostics.map((d) => d.message)).toEqual([
      'layer "A" is part of a cycle',
      'layer "B" is part of a cycle',
    ]);
  });

  it('two nodes writing the same output name', () => {
    const bytes = buildModel({
      inputs: ['float[1,4] x'],
      outputs: ['float[1,4] y'],
      nodes: [node('Relu', ['x'], ['y'], undefined, 'A'), node('Sigmoid', ['x'], ['y'], undefined, 'B')],
    });
    const { diagnostics, graph } = readOnnx(bytes);
    expect(diagnostics.map((d) => [d.message, d.byteOffset, d.span?.line])).toEqual([
      ['byte 40: node "B": output "y" is already produced by node "A" (ONNX values are assigned once)', 40, 13],
    ]);
    expect(graph.sourceText!.split('\n')[12]).toBe('  [B] y = Sigmoid (x)');
  });
});
