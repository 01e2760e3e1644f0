import { describe, expect, it } from 'vitest';
import { parseJsonWithSpans, rangeOf } from './json-spans';
import { SourceText } from './source';

function errorAt(text: string) {
  const r = parseJsonWithSpans(text);
  const e = r.error!;
  const span = new SourceText(text).span(e.offset);
  return { message: e.message, line: span.line, column: span.column };
}

describe('parseJsonWithSpans', () => {
  it('parses what JSON.parse parses, plus NaN/Infinity', () => {
    const text = '{"a": [1, -2.5e3, true, null, "x\\n\\u00e9"], "b": {"c": {}}, "d": NaN, "e": -Infinity}';
    const r = parseJsonWithSpans(text);
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual({ a: [1, -2500, true, null, 'x\né'], b: { c: {} }, d: NaN, e: -Infinity });
  });

  it('records member and item ranges', () => {
    const text = '{\n  "layers": [ {"name": "conv1"} ]\n}';
    const r = parseJsonWithSpans(text);
    const root = r.value as { layers: object[] };
    const m = rangeOf(r, r.meta.get(root)!.members!.get('layers'))!;
    expect(text.slice(m.start, m.end)).toBe('[ {"name": "conv1"} ]');
    const layer = root.layers[0]!;
    const lm = r.meta.get(layer)!;
    expect(text.slice(lm.start, lm.end)).toBe('{"name": "conv1"}');
    const name = rangeOf(r, lm.members!.get('name'))!;
    expect(text.slice(name.start, name.end)).toBe('"conv1"');
  });

  it('reports errors with their position and keeps the partial tree', () => {
    expect(errorAt('')).toEqual({ message: 'empty input: expected a JSON value', line: 1, column: 1 });
    expect(errorAt('{"a": 1,\n "b": }')).toEqual({
      message: "unexpected '}': expected a JSON value",
      line: 2,
      column: 7,
    });
    expect(errorAt('{"a": "abc')).toEqual({ message: 'unterminated string', line: 1, column: 7 });
    expect(errorAt('{"a": [1, 2}')).toEqual({ message: "unexpected '}': expected ',' or ']'", line: 1, column: 12 });
    expect(errorAt('\n\n  {"a": [1,')).toEqual({
      message: 'unexpected end of input: the array opened at this position is not closed',
      line: 3,
      column: 9,
    });
    expect(errorAt('{"a" 1}')).toEqual({ message: "unexpected '1': expected ':' after \"a\"", line: 1, column: 6 });
    expect(errorAt('{"a": 1} x')).toEqual({
      message: "unexpected 'x' after the end of the JSON value",
      line: 1,
      column: 10,
    });
    expect(errorAt('\u0000\u0001\u00ff')).toEqual({
      message: 'unexpected character U+0000: expected a JSON value',
      line: 1,
      column: 1,
    });
    const partial = parseJsonWithSpans('{"layers": [{"name": "a"}, {"name": "b"');
    expect(partial.value).toEqual({ layers: [{ name: 'a' }, { name: 'b' }] });
    const layers = (partial.value as { layers: object[] }).layers;
    expect(partial.meta.get(layers[0]!)!.incomplete).toBe(false);
    expect(partial.meta.get(layers[1]!)!.incomplete).toBe(true);
  });

  it('survives 10,000-deep nesting without recursion', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const r = parseJsonWithSpans(deep);
    expect(r.error).toBeUndefined();
    let v: unknown = r.value;
    let depth = 0;
    while (Array.isArray(v) && v.length > 0) {
      v = v[0];
      depth++;
    }
    expect(depth).toBe(9_999);
    expect(parseJsonWithSpans('{"a":'.repeat(10_000)).error?.message).toMatch(/unexpected end of input/);
  });

  it('keeps a "__proto__" member as data', () => {
    const r = parseJsonWithSpans('{"__proto__": {"polluted": 1}}');
    const v = r.value as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
