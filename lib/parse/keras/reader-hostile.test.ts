import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis';
import { MAX_REF_INDEX } from './inbound';
import { readKeras } from './index';

/** in → d → e, where e reads output `tensor` of d's first call. */
function chain(tensor: string, node = '0'): string {
  return `{"class_name": "Functional", "config": {"name": "m", "layers": [
 {"class_name": "InputLayer", "name": "in", "config": {"name": "in", "batch_input_shape": [null, 4]}, "inbound_nodes": []},
 {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2}, "inbound_nodes": [[["in", 0, 0, {}]]]},
 {"class_name": "Dense", "name": "e", "config": {"name": "e", "units": 2}, "inbound_nodes": [[["d", ${node}, ${tensor}, {}]]]}],
 "input_layers": [["in", 0, 0]], "output_layers": [["e", 0, 0]]}}`;
}

describe('readKeras: hostile counts and nesting', () => {
  it.each([
    ['1e12', 'is 1000000000000'],
    ['2147483648', 'is 2147483648'],
    [String(MAX_REF_INDEX + 1), `is ${MAX_REF_INDEX + 1}`],
  ])('an inbound tensor index of %s is refused at once, at the reference', (index, what) => {
    const text = chain(index);
    const r = readKeras(text);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors[0]).toMatchObject({
      message: `reference to layer "d": the tensor (output) index ${what}, beyond the ${MAX_REF_INDEX + 1} a layer can have; this input is left out`,
      span: { line: 4, column: 95 },
    });
    // Nothing was made for the impossible outputs: d keeps its one output.
    expect(r.graph.nodes.find((n) => n.name === 'd')!.tops).toEqual(['d']);
    const a = analyze(r.graph);
    expect(a.layers.find((l) => l.name === 'e')!.status).toBe('broken');
    expect(a.layers.find((l) => l.name === 'd')!.outputs).toEqual([[1, 2]]);
  });

  it('negative, fractional and non-numeric indices are errors, not a silent 0', () => {
    for (const [index, what] of [
      ['-1', 'is -1, not an index'],
      ['1.5', 'is 1.5, not an index'],
      ['"0"', 'is "0", not an index'],
    ]) {
      const errors = readKeras(chain(index!)).diagnostics.filter((d) => d.severity === 'error');
      expect(errors[0]!.message).toBe(
        `reference to layer "d": the tensor (output) index ${what} (0, 1, 2…); this input is left out`,
      );
      expect(errors[0]!.span).toMatchObject({ line: 4, column: 95 });
    }
    const node = readKeras(chain('0', '1e9')).diagnostics.find((d) => d.severity === 'error');
    expect(node!.message).toBe(
      `reference to layer "d": the node (call) index is 1000000000, beyond the ${MAX_REF_INDEX + 1} a layer can have; this input is left out`,
    );
  });

  it('a valid second output index still makes the outputs up to it', () => {
    const r = readKeras(chain('2'));
    expect(r.graph.nodes.find((n) => n.name === 'd')!.tops).toEqual(['d', 'd:0:1', 'd:0:2']);
  });

  it('references to the last output of every call cannot make millions of blobs', () => {
    const layers = [
      '{"class_name": "InputLayer", "name": "in", "config": {"name": "in", "batch_input_shape": [null, 4]}, "inbound_nodes": []}',
    ];
    // 300 layers each read output 1023 of the previous one: 300 × 1024 outputs asked for.
    let prev = 'in';
    for (let i = 0; i < 300; i++) {
      const idx = prev === 'in' ? 0 : MAX_REF_INDEX;
      layers.push(
        `{"class_name": "ReLU", "name": "r${i}", "config": {"name": "r${i}"}, "inbound_nodes": [[["${prev}", 0, ${idx}, {}]]]}`,
      );
      prev = `r${i}`;
    }
    const text = `{"class_name": "Functional", "config": {"name": "m", "layers": [${layers.join(',\n')}], "input_layers": [["in", 0, 0]], "output_layers": [["${prev}", 0, 0]]}}`;
    const r = readKeras(text);
    // The budget: 100,000 unreferenced outputs plus one per reference, and each call's first.
    expect(r.graph.blobs.size).toBeGreaterThan(100_000);
    expect(r.graph.blobs.size).toBeLessThanOrEqual(100_000 + 300 + 1024 + 301);
    const refused = r.diagnostics.filter((d) => d.message.includes('too many unreferenced outputs'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.span).toBeDefined();
  });

  it('a batch_input_shape nested 20,000 lists deep gives a positioned warning, no stack overflow', () => {
    const deep = '['.repeat(20_000) + '1' + ']'.repeat(20_000);
    const text = `{"class_name": "Sequential", "config": {"name": "m", "layers": [
{"class_name": "Dense", "config": {"name": "d", "units": 2, "batch_input_shape": ${deep}}}]}}`;
    const r = readKeras(text);
    const w = r.diagnostics.find((d) => d.message.startsWith('input "d_input"'));
    expect(w).toMatchObject({
      severity: 'warning',
      message:
        'input "d_input": batch_input_shape dimension 0 is […], not a positive integer; set the shape with --input d_input=DIMS or the input-shape control',
      span: { line: 2, column: 82 },
    });
    const a = analyze(r.graph);
    expect(a.layers.map((l) => l.name)).toEqual(['d']);
    expect(a.totals.unknownLayers).toBe(1);
  });

  it('layers and tensors named toString, constructor and __proto__ are ordinary names', () => {
    const names = ['toString', 'constructor', '__proto__'];
    const layers = [
      `{"class_name": "InputLayer", "name": "${names[0]}", "config": {"name": "${names[0]}", "batch_input_shape": [null, 4]}, "inbound_nodes": []}`,
      `{"class_name": "Dense", "name": "${names[1]}", "config": {"name": "${names[1]}", "units": 3}, "inbound_nodes": [[["${names[0]}", 0, 0, {}]]]}`,
      `{"class_name": "Dense", "name": "${names[2]}", "config": {"name": "${names[2]}", "units": 2}, "inbound_nodes": [[["${names[1]}", 0, 0, {}]]]}`,
    ];
    const text = `{"class_name": "Functional", "config": {"name": "m", "layers": [${layers.join(',')}], "input_layers": [["${names[0]}", 0, 0]], "output_layers": [["${names[2]}", 0, 0]]}}`;
    const a = analyze(readKeras(text).graph, { inputs: { toString: [2, 4] }, batch: 'declared' });
    expect(a.diagnostics).toEqual([]);
    expect(a.layers.map((l) => [l.name, l.outputs[0]])).toEqual([
      ['toString', [2, 4]],
      ['constructor', [2, 3]],
      ['__proto__', [2, 2]],
    ]);
    expect(a.totals.params).toBe(4 * 3 + 3 + 3 * 2 + 2);
  });
});
