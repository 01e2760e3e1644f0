import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis';
import { readModel } from '../parse';
import { corpusAvailable, MODELS_DIR } from '../testing/corpus';
import { buildModel, node } from '../testing/onnx-build';
import { runLowered } from './engine';
import { onnxRunModel } from './onnx-model';
import { nodeOrt, nodePrintCapture } from './testing/node-ort';
import { mismatches, runOnce } from './testing/run-check';

const read = (bytes: Uint8Array, dims?: Record<string, number>) =>
  analyze(readModel(bytes).graph, dims ? { dims } : {});

describe('running an opened ONNX model with its own weights', () => {
  it('runs a model with symbolic dims, int64 shape inputs and its own weights; every top matches the analyser', async () => {
    const bytes = buildModel({
      inputs: ['float[N,3,H,W] x'],
      outputs: ['float[N,?] y'],
      nodes: [
        node('Conv', ['x', 'w', 'b'], ['c'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
        node('Relu', ['c'], ['r']),
        node('Shape', ['r'], ['s']),
        node('Gather', ['s', 'zero'], ['n']),
        node('Unsqueeze', ['n', 'axes'], ['n1']),
        node('Concat', ['n1', 'minus1'], ['target'], { axis: 0 }),
        node('Reshape', ['r', 'target'], ['y']),
      ],
      initializers: [
        { name: 'w', dtype: 'float', dims: [4, 3, 3, 3], values: Array.from({ length: 108 }, (_, i) => (i % 7) / 10) },
        { name: 'b', dtype: 'float', dims: [4], values: [1, 2, 3, 4] },
        { name: 'zero', dtype: 'int64', dims: [], values: [0] },
        { name: 'axes', dtype: 'int64', dims: [1], values: [0] },
        { name: 'minus1', dtype: 'int64', dims: [1], values: [-1] },
      ],
    });
    const analysis = read(bytes, { H: 8, W: 6 });
    expect(analysis.blobShapes.get('y')).toEqual([1, 4 * 8 * 6]);
    const prepared = onnxRunModel(analysis, bytes);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.refused));
    // Fast mode feeds the file's bytes untouched.
    expect(prepared.model.prebuilt!('fast')).toEqual({ bytes });
    const ort = await nodeOrt();
    const r = await runLowered(
      ort,
      prepared.model,
      { backend: 'wasm', mode: 'profile', warmup: 1, runs: 1, seed: 1 },
      { capture: nodePrintCapture() },
    );
    expect(mismatches(r)).toEqual([]);
    expect(r.shapeChecks.map((c) => c.tensor)).toEqual(['c', 'r', 's', 'n', 'n1', 'target', 'y']);
    // The model's own weights ran: with the bias 1..4 and a ReLU, no output is zero.
    expect(r.outputs[0]!.sumAbs).toBeGreaterThan(0);
    // Profile mode names the nodes after their layers, so per-layer times map back.
    expect(Object.keys(r.perLayerMs ?? {})).toContain('Conv_0');
  });

  it('refuses a model whose input shape is unknown, naming the dimension to set', () => {
    const bytes = buildModel({
      inputs: ['float[N,T] x'],
      outputs: ['float[N,T] y'],
      nodes: [node('Relu', ['x'], ['y'])],
    });
    expect(onnxRunModel(read(bytes))).toEqual({
      ok: false,
      refused: [{ layer: 'x', type: 'input', reason: 'its shape is unknown: give every dimension a value' }],
    });
  });

  // The engine checks every top the analyser predicted: a mismatch would be a shape-inference bug.
  it.runIf(corpusAvailable()).each([
    ['squeezenet', 67, [1, 1000, 1, 1]],
    ['shufflenet', 203, [1, 1000]],
    ['inception_v1', 144, [1, 1000]],
  ] as const)(
    'runs the light %s (weights built by ConstantOfShape): %i tops, no shape mismatch',
    async (name, tops, out) => {
      const bytes = readFileSync(path.join(MODELS_DIR, 'onnx', `light_${name}.onnx`));
      const prepared = onnxRunModel(read(bytes), bytes);
      if (!prepared.ok) throw new Error(JSON.stringify(prepared.refused));
      const r = await runOnce(prepared.model);
      expect(mismatches(r)).toEqual([]);
      expect(r.shapeChecks.length).toBe(tops);
      expect(r.outputs.map((o) => o.dims)).toEqual([out]);
    },
    180_000,
  );
});
