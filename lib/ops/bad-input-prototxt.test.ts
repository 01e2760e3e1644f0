import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';

// Bad-input cases written as prototxt, so the positions are the reader's real spans:
// each error lands on the offending field (or the layer name when no field is at fault),
// the layer is broken, its consumers see unknown shapes, and the rest is still analysed.
const HEAD = `name: "bad"
input: "a"
input_shape { dim: 1 dim: 8 dim: 4 dim: 4 }
input: "b"
input_shape { dim: 1 dim: 8 dim: 5 dim: 4 }
`;

function layer(name: string, type: string, bottoms: string[], tops: string[], param = ''): string {
  const lines = [`layer {`, `  name: "${name}"`, `  type: "${type}"`];
  for (const b of bottoms) lines.push(`  bottom: "${b}"`);
  for (const t of tops) lines.push(`  top: "${t}"`);
  if (param) lines.push(`  ${param}`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function run(body: string) {
  const r = analyzeText(
    HEAD + body + layer('after', 'ReLU', ['x'], ['after']) + layer('ok', 'Eltwise', ['a', 'a'], ['ok']),
  );
  const get = (n: string) => r.layers.find((l) => l.name === n)!;
  return { r, get };
}

/** Line of the first `layer {` after HEAD (HEAD has 5 lines). */
const L = 6;

describe('bad input in prototxt', () => {
  it('Eltwise of mismatched shapes: marker on the layer name field', () => {
    const { get } = run(layer('x', 'Eltwise', ['a', 'b'], ['x']));
    const d = get('x').diagnostics[0]!;
    expect(d.message).toBe(
      'x: Eltwise SUM needs equally shaped bottoms: bottom 0 (a) is 1×8×4×4 but bottom 1 (b) is 1×8×5×4',
    );
    expect([d.span?.line, d.span?.column]).toEqual([L + 1, 3]);
    expect(get('x').status).toBe('broken');
    expect(get('after').outputs).toEqual([null]);
    expect(get('ok').outputs).toEqual([[1, 8, 4, 4]]);
    expect(get('ok').flops).toBe(128);
  });

  it('Concat of mismatched shapes: marker on concat_param.axis', () => {
    const { get } = run(layer('x', 'Concat', ['a', 'b'], ['x'], 'concat_param { axis: 1 }'));
    const d = get('x').diagnostics[0]!;
    expect(d.message).toMatch(/^x: Concat along axis 1 needs the other dims equal: .* 1×8×4×4 .* 1×8×5×4$/);
    expect([d.span?.line, d.span?.column]).toEqual([L + 6, 18]);
    expect(get('after').outputs).toEqual([null]);
  });

  it('Crop offset out of range: marker on crop_param.offset', () => {
    const { get } = run(layer('x', 'Crop', ['b', 'a'], ['x'], 'crop_param { axis: 2 offset: 2 }'));
    const d = get('x').diagnostics[0]!;
    expect(d.message).toBe(
      "x: crop of axis 2 is out of range: offset 2 + size 4 exceeds the input's 5 (input 1×8×5×4, reference 1×8×4×4)",
    );
    expect([d.span?.line, d.span?.column]).toEqual([L + 6, 24]);
    expect(get('after').outputs).toEqual([null]);
  });

  it('Reshape whose −1 cannot be inferred: marker on reshape_param.shape', () => {
    const { get } = run(layer('x', 'Reshape', ['a'], ['x'], 'reshape_param { shape { dim: 0 dim: -1 dim: 5 } }'));
    const d = get('x').diagnostics[0]!;
    expect(d.message).toBe(
      'x: cannot infer the −1 dim: input 1×8×4×4 has 128 elements, not divisible by the product 5 of the other dims',
    );
    expect([d.span?.line, d.span?.column]).toEqual([L + 5, 19]);
    expect(get('after').outputs).toEqual([null]);
  });

  it('Slice points out of order: marker on slice_param.slice_point', () => {
    const { get } = run(
      layer('x', 'Slice', ['a'], ['x', 'y', 'z'], 'slice_param { axis: 1 slice_point: 5 slice_point: 3 }'),
    );
    const d = get('x').diagnostics[0]!;
    expect(d.message).toBe('x: slice_point values must be strictly increasing and > 0: 5, 3 (3 after 5)');
    expect([d.span?.line, d.span?.column]).toEqual([L + 7, 25]);
    expect(get('x').outputs).toEqual([null, null, null]);
    expect(get('after').outputs).toEqual([null]);
    expect(get('ok').status).toBe('ok');
  });
});
