import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../index';
import { lowerAnalysis } from '../lower';
import { encodeLowered, toModelObject, weightValues } from './encode';
import { decodeModel, encodeModel } from './proto';

const NET = `
input: "data"
input_shape { dim: 1 dim: 2 dim: 6 dim: 6 }
layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 3 kernel_size: 3 group: 1 } }
layer { name: "pool" type: "Pooling" bottom: "conv" top: "pool" pooling_param { pool: MAX kernel_size: 3 stride: 2 } }
layer { name: "fc" type: "InnerProduct" bottom: "pool" top: "fc" inner_product_param { num_output: 5 } }
`;

function model() {
  const r = lowerAnalysis(analyzeText(NET));
  if (!r.ok) throw new Error('refused');
  return r.model;
}

describe('ONNX protobuf encoding', () => {
  test('a lowered model encodes and decodes back to the same graph', () => {
    const bytes = encodeLowered(model(), { seed: 3, expose: 'outputs' });
    const back = decodeModel(bytes);
    expect(back.ir_version).toBe(8);
    expect(back.opset_import).toEqual([{ domain: '', version: 17 }]);
    expect(back.graph.node.map((n) => [n.name, n.op_type, n.input, n.output])).toEqual([
      ['conv', 'Conv', ['data', 'conv/W', 'conv/B'], ['conv']],
      ['pool', 'MaxPool', ['conv'], ['pool']],
      ['fc', 'Flatten', ['pool'], ['fc/flat#0']],
      ['fc/Gemm_1', 'Gemm', ['fc/flat#0', 'fc/W', 'fc/B'], ['fc']],
    ]);
    const pads = back.graph.node[1]!.attribute.find((a) => a.name === 'pads')!;
    // 4 → ceil((4 − 3)/2) + 1 = 2 windows: one extra end pad per axis.
    expect(pads.ints).toEqual([0, 0, 1, 1]);
    expect(back.graph.input[0]!.type.tensor_type.shape.dim.map((d) => d.dim_value)).toEqual([1, 2, 6, 6]);
    expect(back.graph.output.map((o) => o.name)).toEqual(['fc']);
    const w = back.graph.initializer.find((t) => t.name === 'fc/W')!;
    expect(w.dims).toEqual([5, 3 * 2 * 2]);
    const raw = w.raw_data!;
    const floats = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    expect(Array.from(floats)).toEqual(
      Array.from(
        weightValues(
          model().weights.find((x) => x.name === 'fc/W')!,
          3,
        ),
      ),
    );
  });

  test('expose "all" lists every layer top as an output; seeds change only weight bytes', () => {
    const all = toModelObject(model(), { seed: 1, expose: 'all' });
    expect(all.graph.output.map((o) => o.name)).toEqual(['conv', 'pool', 'fc']);
    const a = encodeLowered(model(), { seed: 1, expose: 'outputs' });
    const b = encodeLowered(model(), { seed: 1, expose: 'outputs' });
    const c = encodeLowered(model(), { seed: 2, expose: 'outputs' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    expect(a.byteLength).toBe(c.byteLength);
  });

  test('an object that does not fit the schema is rejected with the field named', () => {
    const bad = toModelObject(model(), { seed: 1, expose: 'outputs' });
    (bad.graph.node[0] as unknown as { op_type: number }).op_type = 5;
    expect(() => encodeModel(bad)).toThrow(/op_type: string expected/);
  });
});
