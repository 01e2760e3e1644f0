import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { corpusAvailable, listCorpus, readCorpus } from '../testing/corpus';

const diags = (text: string, batch?: number | 'declared') =>
  analyzeText(text, batch === undefined ? {} : { batch }).diagnostics.map(
    (d) => `${d.severity} ${d.span?.line}:${d.span?.column} ${d.message}`,
  );

// The recurrent model: a 10×1×1×8 input whose axis 0 is time, reshaped to 10×1×32.
const RECURRENT = [
  'name: "seq"',
  'layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 10 dim: 1 dim: 1 dim: 8 } } }',
  'layer { name: "fc" type: "InnerProduct" bottom: "data" top: "fc" inner_product_param { num_output: 32 } }',
  'layer { name: "reshape" type: "Reshape" bottom: "fc" top: "seq" reshape_param { shape { dim: 10 dim: 1 dim: 32 } } }',
].join('\n');

describe('batch rule: a model that fixes its leading axis is analysed at its declared batch', () => {
  it('the 10×1×1×8 Input + Reshape dim 10 dim 1 dim 32 case does not error, and one info says why', () => {
    const r = analyzeText(RECURRENT);
    expect(r.batch).toBe(10);
    expect(diags(RECURRENT)).toEqual([
      'info 4:89 analysed at the declared batch 10 instead of 1: layer "reshape" (Reshape) writes 10 into the leading axis (the first dim of reshape_param.shape), so the batch cannot be changed; figures are for a batch of 10',
    ]);
    expect(r.layers.map((l) => [l.name, l.status, l.outputs[0]])).toEqual([
      ['data', 'ok', [10, 1, 1, 8]],
      ['fc', 'ok', [10, 32]],
      ['reshape', 'ok', [10, 1, 32]],
    ]);
    // 10 items × 8 inputs × 32 outputs.
    expect(r.layers[1]!.macs).toBe(10 * 8 * 32);
  });

  it('says nothing when the chosen batch is the declared one, and overrides any other choice', () => {
    expect(diags(RECURRENT, 'declared')).toEqual([]);
    expect(diags(RECURRENT, 10)).toEqual([]);
    expect(analyzeText(RECURRENT, { batch: 4 }).batch).toBe(10);
    expect(diags(RECURRENT, 4)[0]).toContain('analysed at the declared batch 10 instead of 4:');
  });

  it('a recurrent layer (axis 0 is time) triggers the rule; one message names the first cause and counts the others', () => {
    const text = `${RECURRENT}
layer { name: "cont" type: "Input" top: "cont" input_param { shape { dim: 10 dim: 1 } } }
layer { name: "lstm" type: "LSTM" bottom: "seq" bottom: "cont" top: "h" recurrent_param { num_output: 16 } }`;
    const d = diags(text).filter((x) => x.startsWith('info'));
    expect(d).toHaveLength(1);
    expect(d[0]).toContain('(the first dim of reshape_param.shape) (and 1 more layer), so');
    const lstmOnly = [
      'layer { name: "x" type: "Input" top: "x" input_param { shape { dim: 5 dim: 2 dim: 4 } } }',
      'layer { name: "c" type: "Input" top: "c" input_param { shape { dim: 5 dim: 2 } } }',
      'layer { name: "lstm" type: "LSTM" bottom: "x" bottom: "c" top: "h" recurrent_param { num_output: 3 } }',
    ].join('\n');
    const r = analyzeText(lstmOnly);
    expect(r.batch).toBe(5);
    expect(r.layers.find((l) => l.name === 'lstm')!.outputs[0]).toEqual([5, 2, 3]);
    expect(r.diagnostics.map((x) => x.message)).toEqual([
      'analysed at the declared batch 5 instead of 1: layer "lstm" (LSTM) reads its input as time × batch × … (the leading axis is time), so the batch cannot be changed; figures are for a batch of 5',
    ]);
  });

  it('a Reshape that copies (0) or infers (−1) the leading axis leaves the batch free', () => {
    const text = [
      'input: "data"',
      'input_shape { dim: 8 dim: 4 dim: 3 dim: 3 }',
      'layer { name: "r" type: "Reshape" bottom: "data" top: "r" reshape_param { shape { dim: 0 dim: -1 } } }',
      'layer { name: "s" type: "Reshape" bottom: "data" top: "s" reshape_param { shape { dim: 2 dim: 18 } axis: 1 } }',
    ].join('\n');
    const r = analyzeText(text);
    expect(r.batch).toBe(1);
    expect(r.diagnostics).toEqual([]);
  });

  it.skipIf(!corpusAvailable())('no corpus model fixes its leading axis', () => {
    for (const f of listCorpus('caffe')) {
      const r = analyzeText(readCorpus('caffe', f));
      expect(r.batch, f).toBe(1);
    }
  });
});
