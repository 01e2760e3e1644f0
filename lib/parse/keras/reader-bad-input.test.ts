import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis';
import { readKeras } from './index';

/** Keras 2 Functional `{name, layers: [...], input_layers, output_layers}` with list-style inbound nodes. */
function functional2(layers: unknown[], inputs: string[], outputs: [string, number, number][], name = 'outer') {
  return {
    class_name: 'Model',
    config: { name, layers, input_layers: inputs.map((i) => [i, 0, 0]), output_layers: outputs },
  };
}

const input2 = (name: string, shape: (number | null)[]) => ({
  name,
  class_name: 'InputLayer',
  config: { batch_input_shape: shape, name },
  inbound_nodes: [],
});

describe('readKeras: bad input', () => {
  const errors = (text: string) => readKeras(text).diagnostics.filter((d) => d.severity === 'error');

  it('empty input and binary garbage: one error at 1:1, no throw', () => {
    expect(errors('')).toMatchObject([
      { message: 'invalid JSON: empty input: expected a JSON value', span: { line: 1, column: 1 } },
    ]);
    expect(errors('\u0000\u0007PK\u0003\u0004garbage')).toMatchObject([
      { message: 'invalid JSON: unexpected character U+0000: expected a JSON value', span: { line: 1, column: 1 } },
    ]);
    expect(
      errors('{"format": "graph-model", "modelTopology": {"node": [{"name": "x", "op": "Placeholder"}]}}'),
    ).toMatchObject([
      { message: expect.stringMatching(/^TF.js graph models .* are not supported/), span: { line: 1, column: 44 } },
    ]);
    expect(errors('[1, 2]')).toMatchObject([
      { message: expect.stringMatching(/^not a Keras model/), span: { line: 1, column: 1 } },
    ]);
  });

  it('a truncated file keeps the complete layers before the break', () => {
    const full = JSON.stringify(
      {
        class_name: 'Sequential',
        config: {
          name: 's',
          layers: [
            { class_name: 'Dense', config: { name: 'a', units: 3, batch_input_shape: [null, 4] } },
            { class_name: 'Dense', config: { name: 'b', units: 2 } },
          ],
        },
      },
      null,
      1,
    );
    const cut = full.slice(0, full.indexOf('"b"') + 2);
    const { graph, diagnostics } = readKeras(cut);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toBe('invalid JSON: unterminated string');
    expect(diagnostics[0]!.span).toMatchObject({ line: cut.split('\n').length });
    expect(graph.nodes.map((n) => n.name)).toEqual(['a']);
    expect(analyze(graph).totals.params).toBe(15);
  });

  it('an unterminated block is reported where it opens', () => {
    const d = errors('{"class_name": "Sequential",\n "config": {"layers": [\n');
    expect(d[0]).toMatchObject({
      message: 'invalid JSON: unexpected end of input: the array opened at this position is not closed',
      span: { line: 2, column: 23 },
    });
  });

  it('10,000-deep nesting inside a layer config neither throws nor hangs', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const text = `{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"name": "d", "units": 2, "batch_input_shape": [null, 3], "junk": ${deep}}}]}}`;
    const { graph, diagnostics } = readKeras(text);
    expect(diagnostics).toEqual([]);
    expect(analyze(graph).totals.params).toBe(8);
    const nestedModels = '{"class_name": "Sequential", "config": {"layers": ['.repeat(200) + ']}}'.repeat(200);
    const r = readKeras(nestedModels);
    expect(r.diagnostics.some((d) => /nested more than 64 deep/.test(d.message))).toBe(true);
  });

  // A hang fails by the test timeout; speed is measured by the benches, never here.
  it('a 20 MB file parses completely', () => {
    const nums = Array.from({ length: 1_500_000 }, (_, i) => ((i * 0.7311) % 13).toFixed(6)).join(', ');
    const text = `{"class_name": "Sequential", "config": {"name": "big", "layers": [{"class_name": "Dense", "config": {"name": "d", "units": 4, "batch_input_shape": [null, 8], "blob": [${nums}], "note": "${'y'.repeat(5_000_000)}"}}]}}`;
    expect(text.length).toBeGreaterThan(20_000_000);
    const { graph, diagnostics } = readKeras(text);
    expect(diagnostics).toEqual([]);
    expect(graph.nodes.map((n) => n.name)).toEqual(['d']);
  });

  it('10,000 layers read in order', () => {
    const parts = ['{"class_name": "Dense", "config": {"name": "d0", "units": 16, "batch_input_shape": [null, 16]}}'];
    for (let i = 1; i < 10_000; i++) parts.push(`{"class_name": "Dense", "config": {"name": "d${i}", "units": 16}}`);
    const { graph, diagnostics } = readKeras(
      `{"class_name": "Sequential", "config": {"name": "big", "layers": [${parts.join(',')}]}}`,
    );
    expect(diagnostics).toEqual([]);
    expect(graph.nodes.length).toBe(10_000);
    expect(graph.nodes[9_999]!.bottoms).toEqual(['d9998']);
    expect(analyze(graph).totals.params).toBe(10_000 * (16 * 16 + 16));
  });

  it('unknown class names become unknown layers; the rest is analysed', () => {
    const text = JSON.stringify({
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [
          { class_name: 'Dense', config: { name: 'a', units: 3, batch_input_shape: [null, 4] } },
          { class_name: 'MyFancyLayer', config: { name: 'odd', unknown_field: [1, 2] } },
          { class_name: 'Dense', config: { name: 'b', units: 2 } },
        ],
      },
    });
    const r = analyze(readKeras(text).graph);
    expect(r.layers.map((l) => l.status)).toEqual(['ok', 'unknown', 'ok']);
    expect(r.diagnostics.map((d) => d.message)).toContain(
      'odd: unknown layer type "MyFancyLayer"; its outputs are unknown unless declared (--input TOP=DIMS)',
    );
    expect(r.totals.params).toBe(15);
    // Declaring the unknown layer's output lets the next layer be counted.
    expect(analyze(readKeras(text).graph, { inputs: { odd: [1, 6] } }).totals.params).toBe(15 + 14);
  });

  it('wrong value types, negative and absurd dims give positioned diagnostics', () => {
    const withShape = (shape: unknown, units: unknown = 3) =>
      `{"class_name": "Sequential", "config": {"name": "s", "layers": [\n{"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": ${JSON.stringify(shape)}}},\n{"class_name": "Dense", "config": {"name": "d", "units": ${JSON.stringify(units)}}}]}}`;
    const neg = readKeras(withShape([null, -4]));
    expect(neg.diagnostics).toMatchObject([
      {
        severity: 'warning',
        message:
          'input "in": batch_input_shape dimension 1 is -4, not a positive integer; set the shape with --input in=DIMS or the input-shape control',
        span: { line: 2, column: 76 },
      },
    ]);
    expect(neg.graph.inputs[0]!.shape).toBeNull();
    const huge = readKeras(withShape([null, 1e12]));
    expect(huge.diagnostics[0]!.message).toMatch(/dimension 1 is 1000000000000, larger than any tensor can be/);
    const none = readKeras(withShape([null, null, 3]));
    expect(none.diagnostics[0]!.message).toMatch(/dimension 1 is None \(unknown\)/);
    const badUnits = analyze(readKeras(withShape([null, 4], 'many')).graph);
    expect(badUnits.diagnostics).toMatchObject([
      { severity: 'error', message: 'd: units is required', span: { line: 3 } },
    ]);
    const zero = analyze(readKeras(withShape([null, 4], 0)).graph);
    expect(zero.diagnostics.map((d) => d.message)).toContain('d: units 0 must be a positive integer');
  });

  it('dangling inbound references point at the reference', () => {
    const text = JSON.stringify(
      functional2(
        [
          input2('in', [null, 4]),
          { name: 'd', class_name: 'Dense', config: { name: 'd', units: 2 }, inbound_nodes: [[['nowhere', 0, 0, {}]]] },
        ],
        ['in'],
        [['d', 0, 0]],
      ),
      null,
      2,
    );
    const d = readKeras(text).diagnostics.filter((x) => x.severity === 'error');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toBe('layer "d": bottom "nowhere" is not produced by any earlier layer or input');
    const at = d[0]!.span!;
    expect(text.slice(at.offset, at.offset + at.length).replace(/\s/g, '')).toBe('["nowhere",0,0,{}]');
  });
});
