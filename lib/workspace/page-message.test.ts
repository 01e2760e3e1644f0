import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { pageDiagnostics, pageText } from './page-message';

// Each reader/analysis message that asks for an input shape, produced by the real code.
const CASES: Record<string, string> = {
  noShapeData: `name: "n"
layer { name: "mnist" type: "Data" top: "data" top: "label" data_param { source: "mnist_test_lmdb" batch_size: 100 } }
layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 10 } }
`,
  inferred: `name: "n"
layer { name: "data" type: "Data" top: "data" transform_param { crop_size: 227 } data_param { batch_size: 64 } }
layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 10 } }
`,
  inputLayer: `name: "n"
layer { name: "in" type: "Input" top: "x" }
layer { name: "ip" type: "InnerProduct" bottom: "x" top: "ip" inner_product_param { num_output: 10 } }
`,
  netInput: `name: "n"
input: "x"
layer { name: "ip" type: "InnerProduct" bottom: "x" top: "ip" inner_product_param { num_output: 10 } }
`,
  unknownType: `name: "n"
input: "x"
input_shape { dim: 1 dim: 3 }
layer { name: "odd" type: "MyFancyLayer" bottom: "x" top: "y" }
`,
  keras: JSON.stringify({
    class_name: 'Sequential',
    config: {
      name: 's',
      layers: [{ class_name: 'Dense', config: { name: 'd', units: 4, batch_input_shape: [null, -4] } }],
    },
  }),
};

describe('page wording', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`${name}: no command-line syntax in the page, the CLI message unchanged`, () => {
      const diags = analyzeText(text).diagnostics;
      const asking = diags.filter((d) => d.message.includes('--input'));
      expect(asking.length).toBeGreaterThan(0);
      for (const d of pageDiagnostics(diags, {})) expect(d.message).not.toContain('--input');
    });
  }

  it('says where to enter the shape', () => {
    expect(
      pageText(
        'layer "mnist" (Data) declares no input shape for top "data" (it has no crop_size, crop_h/crop_w or new_height/new_width): set it with --input data=NxCxHxW or the input-shape control',
      ),
    ).toBe(
      'layer "mnist" (Data) declares no input shape for top "data" (it has no crop_size, crop_h/crop_w or new_height/new_width): enter it in the input shape field above the graph',
    );
    expect(
      pageText('odd: unknown layer type "MyFancyLayer"; its outputs are unknown unless declared (--input TOP=DIMS)'),
    ).toBe('odd: unknown layer type "MyFancyLayer"; its outputs are unknown unless their shapes are set');
  });

  it('a guessed shape points at the field on the input’s table row (no bar asks for it)', () => {
    const d = analyzeText(CASES.inferred!).diagnostics.find((x) => x.input === 'data')!;
    expect(pageText(d.message)).toBe(
      'layer "data" (Data): input shape 64×3×227×227 for top "data" is inferred from batch_size and crop_size; channels are assumed to be 3; if that is wrong, enter it in the shape field on its row in the layer table',
    );
  });

  it('drops the messages about an input once its shape is set', () => {
    const diags = analyzeText(CASES.noShapeData!).diagnostics;
    expect(diags.some((d) => d.input === 'data')).toBe(true);
    const after = pageDiagnostics(diags, { data: [100, 1, 28, 28] });
    expect(after.some((d) => d.input === 'data')).toBe(false);
    const clean = analyzeText(CASES.unknownType!.replace('MyFancyLayer', 'ReLU')).diagnostics;
    expect(pageDiagnostics(clean, {})).toBe(clean);
  });
});
