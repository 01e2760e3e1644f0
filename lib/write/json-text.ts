/**
 * Printing JSON values in the style of the text they are inserted into: one line with
 * Python's `", "` / `": "` separators (what Keras' `to_json()` writes), or indented like
 * the surrounding object.
 */

/** A JSON value. */
export type JsonData = null | boolean | number | string | readonly JsonData[] | { readonly [key: string]: JsonData };

function scalar(v: null | boolean | number | string): string {
  // JSON has no NaN/Infinity; Keras writes them bare, and so does Python's json module.
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  return JSON.stringify(v);
}

/** One line: `{"a": 1, "b": [1, 2]}`. */
export function compactJson(v: JsonData): string {
  if (v === null || typeof v !== 'object') return scalar(v);
  if (Array.isArray(v)) return `[${(v as readonly JsonData[]).map(compactJson).join(', ')}]`;
  const entries = Object.entries(v as { readonly [key: string]: JsonData });
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${compactJson(x)}`).join(', ')}}`;
}

/** Several lines, `unit` per level, continuation lines prefixed by `indent` (the first line is not). */
export function prettyJson(v: JsonData, unit: string, indent: string): string {
  if (v === null || typeof v !== 'object') return scalar(v);
  const inner = indent + unit;
  if (Array.isArray(v)) {
    const items = v as readonly JsonData[];
    // Short arrays of scalars (shapes, kernel sizes) stay on one line, as formatters print them.
    if (items.every((x) => x === null || typeof x !== 'object')) return compactJson(items);
    return `[\n${items.map((x) => inner + prettyJson(x, unit, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as { readonly [key: string]: JsonData });
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${prettyJson(x, unit, inner)}`).join(',\n')}\n${indent}}`;
}

/** How an element sits in its text: on its own line(s) or inline, and with what indentation. */
export interface TextStyle {
  /** Whitespace before the element on its line ('' when something else precedes it there). */
  readonly indent: string;
  /** True when the element starts its own line. */
  readonly ownLine: boolean;
  /** True when the element spans several lines. */
  readonly multiline: boolean;
  /** One level of indentation inside the element. */
  readonly unit: string;
}

/** Reads the style of the element at [start, end) of `text`. */
export function styleAt(text: string, start: number, end: number): TextStyle {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const ownLine = /^[ \t]*$/.test(before);
  const indent = ownLine ? before : '';
  const body = text.slice(start, end);
  const multiline = body.includes('\n');
  let unit = '  ';
  if (multiline) {
    // The first non-blank inner line tells one level of indentation.
    for (const line of body.split('\n').slice(1)) {
      const lead = /^[ \t]*/.exec(line)![0];
      if (line.trim() === '' || lead.length <= indent.length) continue;
      unit = lead.startsWith(indent) ? lead.slice(indent.length) : lead;
      break;
    }
  }
  return { indent, ownLine, multiline, unit };
}

/** `text` with [start, end) replaced. */
export function splice(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}
