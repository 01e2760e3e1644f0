import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../analysis';
import { analyzeText } from '../../index';

/**
 * The readers check every field against the Caffe schema as protobuf's TextFormat (and JSON)
 * parser would: each problem is an error at the field, the layer is marked broken (nothing is
 * computed from a definition Caffe refuses), and everything else is still analysed. Lenient
 * reading turns the errors into warnings and reads the values as written.
 */

function diags(r: AnalysisResult): string[] {
  return r.diagnostics.map((d) => `${d.severity} ${d.span?.line}:${d.span?.column} ${d.message}`);
}

function statuses(r: AnalysisResult): string[] {
  return r.layers.map((l) => `${l.name} ${l.status} ${l.outputs[0]?.join('×') ?? '?'}`);
}

const HEAD = 'input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n';
const conv = (params: string, name = '"c"') =>
  `${HEAD}layer { name: ${name} type: "Convolution" bottom: "data" top: "c"\n  convolution_param { ${params} } }`;

describe('prototxt: every field is checked against the schema', () => {
  it('an unknown field is an error with "did you mean", the layer broken, the rest still analysed', () => {
    // The example: Caffe refuses it ("no field named strid"); it used to analyse with stride 1.
    const r = analyzeText(
      `${HEAD}layer { name: "c1" type: "Convolution" bottom: "data" top: "c1"\n` +
        '  convolution_param { num_output: 8 kernel_size: 3 strid: 2 pad: 1 } }\n' +
        'layer { name: "r" type: "ReLU" bottom: "c1" top: "c1" }\n' +
        'layer { name: "p0" type: "Pooling" bottom: "data" top: "p0" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }',
    );
    expect(diags(r)).toEqual(['error 4:52 c1: unknown field "strid" in convolution_param; did you mean stride?']);
    expect(statuses(r)).toEqual(['c1 broken ?', 'p0 ok 1×3×4×4', 'r ok ?']);
  });

  it('kernal_size: the unknown-field error names kernel_size, and no "kernel_size is required" follows', () => {
    const r = analyzeText(conv('num_output: 8 kernal_size: 2'));
    expect(diags(r)).toEqual([
      'error 4:37 c: unknown field "kernal_size" in convolution_param; did you mean kernel_size?',
    ]);
  });

  it('an unknown enum value lists the valid ones', () => {
    const r = analyzeText(
      `${HEAD}layer { name: "p" type: "Pooling" bottom: "data" top: "p"\n  pooling_param { pool: MAXX kernel_size: 2 } }`,
    );
    expect(diags(r)).toEqual([
      'error 4:19 p: pooling_param.pool has no value MAXX; did you mean MAX? Valid values: MAX, AVE, STOCHASTIC',
    ]);
  });

  it('a quoted number for an integer field is a wrong value type', () => {
    const r = analyzeText(conv('num_output: "8" kernel_size: 3'));
    expect(diags(r)).toEqual([
      'error 4:23 c: convolution_param.num_output must be a non-negative integer (uint32), got the string "8"',
    ]);
    expect(statuses(r)).toEqual(['c broken ?']);
  });

  it('a non-repeated field given twice', () => {
    const r = analyzeText(conv('num_output: 8 num_output: 16 kernel_size: 3'));
    expect(diags(r)).toEqual([
      'error 4:37 c: convolution_param.num_output is given more than once (first at 4:23); it is not a repeated field',
    ]);
  });

  it('an unquoted string', () => {
    const r = analyzeText(conv('num_output: 8 kernel_size: 3', 'conv1'));
    expect(diags(r)).toEqual(['error 3:9 conv1: name must be a quoted string: write name: "conv1"']);
    // A V1 enum name as the type of a current-format layer: the quoted current name is suggested.
    const t = analyzeText(`${HEAD}layer { name: "c" type: CONVOLUTION bottom: "data" top: "c" }`);
    expect(diags(t)).toEqual(['error 3:19 c: type must be a quoted string: write type: "Convolution"']);
  });

  it('an unknown field in a data layer’s parameters', () => {
    const r = analyzeText(
      'layer { name: "d" type: "Data" top: "data" top: "label"\n  data_param { sorce: "x.lmdb" batch_size: 4 }\n  transform_param { crop_size: 28 } }',
    );
    expect(diags(r)).toEqual(['error 2:16 d: unknown field "sorce" in data_param; did you mean source?']);
  });

  it('an enum in quotes, a float for an integer, a nested unknown field', () => {
    const pool = (p: string) =>
      analyzeText(`${HEAD}layer { name: "p" type: "Pooling" bottom: "data" top: "p"\n  pooling_param { ${p} } }`);
    expect(diags(pool('pool: "MAX" kernel_size: 2'))).toEqual([
      'error 4:19 p: pooling_param.pool must be an enum name without quotes, one of MAX, AVE, STOCHASTIC: write MAX instead of "MAX"',
    ]);
    expect(diags(pool('pool: 1 kernel_size: 2.0'))).toEqual([
      'error 4:27 p: pooling_param.kernel_size must be a non-negative integer (uint32), got 2 (written as a floating-point number)',
    ]);
    expect(
      diags(analyzeText(conv('num_output: 8 kernel_size: 3 weight_filler { type: "xavier" varience_norm: FAN_IN }'))),
    ).toEqual([
      'error 4:83 c: unknown field "varience_norm" in convolution_param.weight_filler; did you mean variance_norm?',
    ]);
  });

  it('a V1 layer using a current-format parameter block is told which format has it', () => {
    const r = analyzeText(
      `${HEAD}layers { name: "c" type: CONVOLUTION bottom: "data" top: "c"\n  convolution_param { num_output: 8 kernel_size: 3 } batch_norm_param { } }`,
    );
    expect(diags(r)).toEqual([
      'error 4:54 c: unknown field "batch_norm_param" in layers; batch_norm_param exists only in the current format: write layer { … } instead of layers { … }',
    ]);
  });

  it('enums may be given by number, bools as 0/1, as protobuf’s text format allows', () => {
    const r = analyzeText(
      `${HEAD}layer { name: "p" type: "Pooling" bottom: "data" top: "p" pooling_param { pool: 1 kernel_size: 2 stride: 2 global_pooling: 0 } }`,
    );
    expect(diags(r)).toEqual([]);
    expect(r.graph.nodes[0]!.attrs).toEqual({
      pooling_param: { pool: 'AVE', kernel_size: 2, stride: 2, global_pooling: false },
    });
  });
});

describe('many schema problems', () => {
  it('lists the first 200, counts the rest in one message, and still marks every bad layer broken', () => {
    const layers = Array.from(
      { length: 300 },
      (_, i) => `layer { name: "r${i}" type: "ReLU" bottom: "data" top: "r${i}" relu_param { slop${i}: 1 } }`,
    );
    const r = analyzeText(HEAD + layers.join('\n'));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(201);
    // The summary has no better place than the start of the file, so it sorts first.
    expect(errors[0]!.message).toBe('100 more schema problems are not listed (only the first 200 are)');
    expect(errors[1]!.message).toBe('r0: unknown field "slop0" in relu_param');
    expect(errors[200]!.message).toBe('r199: unknown field "slop199" in relu_param');
    expect(r.layers.filter((l) => l.status === 'broken')).toHaveLength(300);
  });
});

describe('fork fields and lenient reading', () => {
  it('a known fork field is accepted with one note naming the fork', () => {
    const r = analyzeText(
      `${HEAD}layer { name: "p" type: "Pooling" bottom: "data" top: "p" pooling_param { pool: MAX kernel_size: 3 stride: 2 ceil_mode: false } }\n` +
        'layer { name: "p2" type: "Pooling" bottom: "p" top: "p2" pooling_param { pool: MAX kernel_size: 3 stride: 2 ceil_mode: false } }',
    );
    expect(diags(r)).toEqual([
      'info 3:110 p: pooling_param.ceil_mode is not a BVLC Caffe field: it comes from the ceil_mode fork (BVLC/caffe pull request #3057, used by shicai/DenseNet-Caffe) and is read as that fork defines it',
    ]);
    // Floor rounding, as the fork defines: 8 → 3 → 1.
    expect(statuses(r)).toEqual(['p ok 1×3×3×3', 'p2 ok 1×3×1×1']);
  });

  it('lenient: every schema error becomes a warning and values are read as written', () => {
    const text = conv('num_output: "8" kernel_size: 3 my_fork_field: 2');
    const strict = analyzeText(text);
    expect(statuses(strict)).toEqual(['c broken ?']);
    const lenient = analyzeText(text, { lenient: true });
    expect(diags(lenient)).toEqual([
      'warning 4:23 c: convolution_param.num_output must be a non-negative integer (uint32), got the string "8"',
      'warning 4:54 c: unknown field "my_fork_field" in convolution_param',
    ]);
    expect(statuses(lenient)).toEqual(['c ok 1×8×6×6']);
  });
});

describe('Caffe JSON: the same schema, with the JSON mapping’s rules', () => {
  const head = '{"input": ["data"], "input_shape": [{"dim": [1, 3, 8, 8]}],\n "layer": [\n';
  it('accepts numbers as strings and camelCase names, refuses unknown fields and enum values', () => {
    const r = analyzeText(
      head +
        ' {"name": "c", "type": "Convolution", "bottom": ["data"], "top": ["c"], "convolutionParam": {"numOutput": "8", "kernelSize": [3], "strid": 2}},\n' +
        ' {"name": "p", "type": "Pooling", "bottom": ["data"], "top": ["p"], "pooling_param": {"pool": "MAXX", "kernel_size": 2}},\n' +
        ' {"name": "q", "type": "Pooling", "bottom": ["data"], "top": ["q"], "pooling_param": {"pool": "AVE", "kernel_size": "2", "global_pooling": "yes"}},\n' +
        ' {"name": "ok", "type": "Convolution", "bottom": ["data"], "top": ["ok"], "convolutionParam": {"numOutput": "8", "kernelSize": ["3"], "engine": 1}}\n]}',
    );
    expect(diags(r)).toEqual([
      'error 3:131 c: unknown field "strid" in convolution_param; did you mean stride?',
      'error 4:87 p: pooling_param.pool has no value MAXX; did you mean MAX? Valid values: MAX, AVE, STOCHASTIC',
      'error 5:122 q: pooling_param.global_pooling must be true or false, got the string "yes"',
    ]);
    expect(statuses(r)).toEqual(['c broken ?', 'p broken ?', 'q broken ?', 'ok ok 1×8×6×6']);
  });

  it('a key given twice in one object is an error (JSON.parse would keep the last silently)', () => {
    const r = analyzeText(
      head +
        ' {"name": "p2", "type": "Pooling", "bottom": ["data"], "top": ["p2"], "pooling_param": {"pool": 1, "kernel_size": 2, "kernel_size": 3}}\n]}',
    );
    expect(diags(r)).toEqual([
      'error 3:118 p2: pooling_param.kernel_size: the key "kernel_size" is given twice in one object (first at 3:100); use one key with an array for several values',
    ]);
  });
});
