import { describe, expect, it } from 'vitest';
import type { IRGraph, ReadResult } from '../../ir';
import { attrSpansOf } from '../../ir';
import { corpusAvailable, listCorpus, readCorpus } from '../../testing/corpus';
import { readCaffe, toCaffeJson } from '../caffe';
import { readCaffeJson } from './index';
import { toSnakeCase } from './json-tree';

function diags(r: ReadResult): string[] {
  return r.diagnostics.map((d) => `${d.severity} ${d.span?.line}:${d.span?.column} ${d.message}`);
}

/** Everything in the IR except source positions, which differ between the two texts. */
function structure(g: IRGraph) {
  return {
    name: g.name,
    nodes: g.nodes.map((n) => ({
      name: n.name,
      type: n.type,
      sourceType: n.sourceType,
      attrs: n.attrs,
      bottoms: n.bottoms,
      tops: n.tops,
      inPlace: n.inPlace,
      attrPaths: Object.keys(attrSpansOf(n) ?? {}).sort(),
    })),
    inputs: g.inputs.map((i) => ({ name: i.name, blob: i.blob, shape: i.shape, source: i.source, node: i.node })),
    outputs: g.outputs,
    declaredBatch: g.declaredBatch,
  };
}

/**
 * Rewrites JSON the way protoc's JSON printer does by default: lowerCamelCase keys and
 * int64 values as strings. Written here, independently of the reader's normalisation.
 */
function protobufStyle(json: string): string {
  const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const int64 = new Set(['dim', 'input_dim']);
  const walk = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), walk(x, k)]));
    }
    return int64.has(key) && typeof v === 'number' ? String(v) : v;
  };
  return JSON.stringify(walk(JSON.parse(json), ''), null, 2);
}

describe('readCaffeJson', () => {
  const json = `{
  "name": "tiny",
  "input": ["data"],
  "input_shape": [{"dim": [1, 3, 8, 8]}],
  "layer": [
    {"name": "conv1", "type": "Convolution", "bottom": ["data"], "top": ["conv1"],
     "param": [{"lr_mult": 1}, {"lr_mult": 2}],
     "convolution_param": {"num_output": 4, "kernel_size": [3], "bias_term": false, "weight_filler": {"type": "xavier"}}},
    {"name": "relu1", "type": "ReLU", "bottom": ["conv1"], "top": ["conv1"], "note": null},
    {"name": "pool1", "type": "Pooling", "bottom": "conv1", "top": "pool1", "pooling_param": {"pool": "MAX", "kernel_size": 2}}
  ]
}`;

  it('reads layers, inputs and attrs like the prototxt reader', () => {
    const r = readCaffeJson(json);
    expect(diags(r)).toEqual([]);
    expect(r.graph.format).toBe('caffe-json');
    expect(r.graph.inputs.map((i) => [i.name, i.shape])).toEqual([['data', [1, 3, 8, 8]]]);
    expect(r.graph.nodes.map((n) => [n.name, n.type, n.bottoms, n.tops])).toEqual([
      ['conv1', 'Convolution', ['data'], ['conv1']],
      ['relu1', 'ReLU', ['conv1'], ['conv1@1']],
      ['pool1', 'Pooling', ['conv1@1'], ['pool1']],
    ]);
    expect(r.graph.nodes[0]!.attrs).toEqual({
      param: [{ lr_mult: 1 }, { lr_mult: 2 }],
      convolution_param: { num_output: 4, kernel_size: 3, bias_term: false, weight_filler: { type: 'xavier' } },
    });
    // null means "not set".
    expect(r.graph.nodes[1]!.attrs).toEqual({});
  });

  it('gives layers, names and attrs spans in the JSON text', () => {
    const conv = readCaffeJson(json).graph.nodes[0]!;
    expect(conv.span).toMatchObject({ line: 6, column: 5 });
    expect(json.slice(conv.span!.offset, conv.span!.offset + conv.span!.length)).toMatch(
      /^\{"name": "conv1"[\s\S]*"xavier"\}\}\}$/,
    );
    expect(conv.nameSpan).toMatchObject({ line: 6, column: 6, length: 15 });
    expect(conv.attrSpans?.['convolution_param.num_output']).toMatchObject({ line: 8, column: 28 });
    expect(conv.attrSpans?.type).toMatchObject({ line: 6, column: 23 });
  });

  it('accepts lowerCamelCase names and int64 values as strings', () => {
    const r = readCaffeJson(
      '{"input": ["x"], "inputDim": ["2", "3", "4", "4"], "layer": [{"name": "c", "type": "Convolution", "bottom": ["x"], "top": ["c"], "convolutionParam": {"numOutput": 8, "kernelH": 3, "kernelW": 1}}]}',
    );
    expect(diags(r)).toEqual([]);
    expect(r.graph.inputs[0]!.shape).toEqual([2, 3, 4, 4]);
    expect(r.graph.nodes[0]!.attrs).toEqual({ convolution_param: { num_output: 8, kernel_h: 3, kernel_w: 1 } });
    expect(toSnakeCase('hdf5DataParam')).toBe('hdf5_data_param');
    expect(toSnakeCase('already_snake')).toBe('already_snake');
  });

  it('reads V1 layers with enum names and numbers, and phase rules', () => {
    const r = readCaffeJson(
      '{"layers": [{"name": "d", "type": "DATA", "top": ["data", "label"], "dataParam": {"batchSize": 5}, "transformParam": {"cropSize": 32}, "include": [{"phase": "TRAIN"}]},' +
        ' {"name": "d2", "type": 5, "top": ["data", "label"], "data_param": {"batch_size": 7}, "transform_param": {"crop_size": 16}, "include": [{"phase": 1}]},' +
        ' {"name": "ip", "type": "INNER_PRODUCT", "bottom": ["data"], "top": ["ip"]}]}',
    );
    expect(r.graph.nodes.map((n) => [n.name, n.type, n.sourceType])).toEqual([
      ['d2', 'Data', '5'],
      ['ip', 'InnerProduct', 'INNER_PRODUCT'],
    ]);
    expect(r.graph.inputs.map((i) => i.shape)).toEqual([[7, 3, 16, 16]]);
    expect(
      readCaffeJson(
        '{"layers": [{"name": "d", "type": "DATA", "top": "x", "dataParam": {"batchSize": 5}, "transformParam": {"cropSize": 32}, "include": {"phase": "TRAIN"}}]}',
        { phase: 'TRAIN' },
      ).graph.inputs[0]!.shape,
    ).toEqual([5, 3, 32, 32]);
  });
});

describe('readCaffeJson: bad input', () => {
  it.each([
    ['', 'error 1:1 the model is empty'],
    ['   \n  ', 'error 1:1 the model is empty'],
    [
      '\u0089PNG\r\n\u001a\n\u0000\u0000',
      'error 1:1 expected a JSON object { … } (a Caffe NetParameter), got character U+0089',
    ],
    ['[1, 2]', "error 1:1 expected a JSON object { … } (a Caffe NetParameter), got '['"],
    ['{"name": "abc', 'error 1:10 unterminated string (a string must end with " on the same line)'],
    ['{"name": "a\tb"}', 'error 1:12 control character U+0009 in a string (write it as an escape)'],
    ['{"name": "a\\qb"}', "error 1:12 invalid escape '\\q' in a string"],
    ['{"name" "a"}', "error 1:9 expected ':' after the key \"name\", got '\"'"],
    ['{"name": "a" "b": 1}', "error 1:14 expected ',' or '}' in the top-level object opened at 1:1, got '\"'"],
    ['{name: "a"}', 'error 1:2 expected a "key" in the top-level object, got \'n\''],
    ['{"input": [01]}', "error 1:12 invalid number '01'"],
    ['{"input": [1.]}', "error 1:12 invalid number '1.'"],
    ['{"input": [nope]}', 'error 1:12 expected a value for "input", got \'n\''],
    ['{"layer": [[1]]}', 'error 1:12 nested arrays are not valid in a Caffe NetParameter ("layer")'],
    ['{"input": ["a"],}', 'error 1:17 expected a "key" in the top-level object, got \'}\''],
    ['{"input": ["a"]} x', "error 1:18 unexpected 'x' after the end of the JSON object"],
  ])('%j → %s', (text, expected) => {
    const r = readCaffeJson(text);
    expect(diags(r)[0]).toBe(expected);
  });

  it('unterminated blocks name what is open and keep the layers read so far', () => {
    const text =
      '{"input": ["data"], "input_dim": [1, 1, 2, 2],\n "layer": [\n  {"name": "a", "type": "ReLU", "bottom": ["data"], "top": ["data"]},\n  {"name": "b", "type": "ReLU", "bottom": ["data"]';
    const r = readCaffeJson(text);
    expect(diags(r)).toEqual(['error 4:51 expected \'}\' to close the object "layer" opened at 4:3, got end of input']);
    expect(r.graph.nodes.map((n) => n.name)).toEqual(['a', 'b']);
    const r2 = readCaffeJson('{"layer": [{"name": "a", "type": "ReLU"}');
    expect(diags(r2)[0]).toBe('error 1:41 expected \']\' to close the array "layer" opened at 1:2, got end of input');
  });

  it('a syntax error keeps every layer before it', () => {
    const layer = (n: string) => `{"name": "${n}", "type": "ReLU", "bottom": ["data"], "top": ["data"]}`;
    const text = `{"input": ["data"], "input_dim": [1, 1, 2, 2], "layer": [${layer('a')}, ${layer('b')}, {"name": "c", "type": @}]}`;
    const r = readCaffeJson(text);
    expect(diags(r)).toEqual([`error 1:${text.indexOf('@') + 1} expected a value for "type", got '@'`]);
    expect(r.graph.nodes.map((n) => n.name)).toEqual(['a', 'b']);
  });

  it('10,000-deep nesting: a depth error, no stack overflow', () => {
    const text =
      '{"layer": [{"name": "a", "type": "ReLU", "x": ' + '{"x": '.repeat(10_000) + '1' + '}'.repeat(10_001) + ']}';
    const r = readCaffeJson(text);
    // Depth counts the top-level object, the layer array and the layer: the 98th "x" object is refused.
    expect(diags(r)).toEqual([
      'error 1:42 a: unknown field "x" in layer',
      `error 1:${47 + 6 * 97} "x" nests deeper than 100 levels, which is not supported`,
    ]);
    expect(r.graph.nodes.map((n) => n.name)).toEqual(['a']);
  });

  it('unknown fields and wrong value types are schema errors; bad dims are diagnosed', () => {
    const text = [
      '{"input": ["data"], "input_shape": [{"dim": [1, 0, -2, 1e12]}],',
      ' "layer": [{"name": "q", "type": "Quux", "bottom": [{}], "top": ["q"], "quux_param": {"speed": "FAST"}}]}',
    ].join('\n');
    const r = readCaffeJson(text);
    expect(diags(r)).toEqual([
      'error 1:49 input "data": dim 0 is not allowed; dimensions must be positive',
      'error 1:52 input "data": dim -2 is not allowed; dimensions must be positive',
      'error 1:56 input "data": dim 1000000000000 is absurdly large (the limit is 2147483647)',
      'error 2:53 q: bottom must be a string, got a block { … }',
      'error 2:72 q: unknown field "quux_param" in layer',
    ]);
    expect(r.graph.inputs[0]!.shape).toBeNull();
    expect(r.graph.nodes[0]!.broken).toBe(true);
    expect(r.graph.nodes[0]!.attrs).toEqual({ quux_param: { speed: 'FAST' } });
  });

  it('a 20 MB JSON model is read without hanging', () => {
    const pad = 'x'.repeat(1000);
    const layers = Array.from(
      { length: 20_000 },
      (_, i) =>
        `{"name": "c${i}", "type": "Convolution", "bottom": ["${i ? `c${i - 1}` : 'data'}"], "top": ["c${i}"], "param": [{"name": "${pad}"}], "convolution_param": {"num_output": 3, "kernel_size": 3}}`,
    );
    const text = `{"input": ["data"], "input_dim": [1, 3, 8, 8], "layer": [\n${layers.join(',\n')}\n]}`;
    expect(text.length).toBeGreaterThan(20_000_000);
    const r = readCaffeJson(text);
    expect(diags(r)).toEqual([]);
    expect(r.graph.nodes).toHaveLength(20_000);
    expect(r.graph.nodes[19_999]!.span?.line).toBe(20_001);
  }, 120_000);
});

describe.skipIf(!corpusAvailable())('readCaffeJson on the JSON form of every corpus model', () => {
  const files = corpusAvailable() ? listCorpus('caffe') : [];

  it.each(files)(
    '%s: the IR equals the prototxt IR, snake_case and protobuf (camelCase, string int64) styles',
    (file) => {
      const text = readCorpus('caffe', file);
      const fromText = readCaffe(text);
      const json = toCaffeJson(text, 1);
      for (const form of [json, protobufStyle(json)]) {
        const fromJson = readCaffeJson(form);
        expect(structure(fromJson.graph)).toEqual(structure(fromText.graph));
        expect(fromJson.diagnostics.map((d) => d.message)).toEqual(fromText.diagnostics.map((d) => d.message));
        // Spans point into the JSON text: each layer span is an object holding its name.
        for (const n of fromJson.graph.nodes) {
          const src = form.slice(n.span!.offset, n.span!.offset + n.span!.length);
          expect(src.startsWith('{') && src.endsWith('}')).toBe(true);
          expect(form.slice(n.nameSpan!.offset, n.nameSpan!.offset + n.nameSpan!.length)).toBe(
            `"name": ${JSON.stringify(n.name)}`,
          );
        }
      }
    },
  );
});
