/**
 * A JSON parser that remembers where every object, array and member sits in the text, so the
 * Keras reader can put diagnostics and editor markers on the layer they are about. It is
 * iterative (an explicit stack, no recursion), so 10,000-deep nesting cannot blow the call
 * stack, and it never throws: a syntax error stops parsing and the containers still open are
 * closed and flagged `incomplete`, so whatever was read before the error can still be used.
 * Python's `json.dumps` extensions `NaN`, `Infinity` and `-Infinity` are accepted.
 */

/** A parsed JSON value (plain JavaScript data). */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A parsed JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A half-open offset range [start, end) in the source text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Where a container and its members are in the text. */
export interface ContainerMeta {
  start: number;
  end: number;
  /** True when the text ended (or broke) before the closing bracket. */
  incomplete: boolean;
  /** Objects: key → id of the value's range in `ParsedJson.ranges` (last occurrence wins, as with JSON.parse). */
  readonly members?: Map<string, number>;
  /** Arrays: the range id of each item. */
  readonly items?: number[];
}

/** The parse result: the value (possibly partial), container positions and the first syntax error. */
export interface ParsedJson {
  readonly value: JsonValue | undefined;
  // A Map, not a WeakMap: it lives as long as the tree, and weak tables are costly to collect.
  readonly meta: Map<object, ContainerMeta>;
  /** Value ranges as flat [start, end] pairs: range id i is [2i, 2i + 1] (few objects for big files). */
  readonly ranges: number[];
  readonly error?: { readonly message: string; readonly offset: number };
}

interface Frame {
  readonly container: JsonValue[] | JsonObject;
  readonly meta: ContainerMeta;
  /** 'open': just after the bracket; 'value': a member/item must follow; 'after': `,` or the bracket must follow. */
  state: 'open' | 'value' | 'after';
  key?: string;
  /** Id of this container's own range, to fix its end when it closes (-1 for the root). */
  readonly slot: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS = /[ \t\n\r\uFEFF]*/y;
// Control characters end a plain run on purpose: JSON forbids them raw inside strings.
// eslint-disable-next-line no-control-regex
const PLAIN = /[^"\\\u0000-\u001f]*/y;
const WORDS: readonly (readonly [string, JsonValue])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
];

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class SyntaxStop {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'end of input';
  const c = text.charCodeAt(i);
  if (c < 0x20 || c === 0x7f || c === 0xfffd) return `character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${text[i]}'`;
}

/** The [start, end) range with id `id` of a parse result. */
export function rangeOf(parsed: Pick<ParsedJson, 'ranges'>, id: number | undefined): Range | undefined {
  if (id === undefined || id < 0 || 2 * id + 1 >= parsed.ranges.length) return undefined;
  return { start: parsed.ranges[2 * id]!, end: parsed.ranges[2 * id + 1]! };
}

/** Parses `text`; see the module comment for the guarantees. */
export function parseJsonWithSpans(text: string): ParsedJson {
  const meta = new Map<object, ContainerMeta>();
  const ranges: number[] = [];
  const stack: Frame[] = [];
  let root: JsonValue | undefined;
  let pos = 0;

  const skipWs = () => {
    WS.lastIndex = pos;
    WS.test(text);
    pos = WS.lastIndex;
  };

  const readString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    for (;;) {
      // Plain runs are taken in one regex step; only quotes, escapes and control characters stop it.
      PLAIN.lastIndex = pos;
      PLAIN.test(text);
      const runEnd = PLAIN.lastIndex;
      if (runEnd > pos) out += text.slice(pos, runEnd);
      pos = runEnd;
      if (pos >= text.length) throw new SyntaxStop('unterminated string', start);
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        return out;
      }
      if (c === 0x5c) {
        const e = text[pos + 1];
        const simple = e === undefined ? undefined : ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          throw new SyntaxStop(`invalid escape sequence in string`, pos);
        }
        continue;
      }
      throw new SyntaxStop(
        c === 0x0a ? 'unterminated string (line break inside a string)' : 'control character inside a string',
        c === 0x0a ? start : pos,
      );
    }
  };

  /** Stores a value into the innermost open container (or as the root); returns its range id. */
  const store = (value: JsonValue, start: number, end: number): number => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = value;
      return -1;
    }
    const id = ranges.length >> 1;
    ranges.push(start, end);
    if (Array.isArray(top.container)) {
      top.container.push(value);
      top.meta.items!.push(id);
      return id;
    }
    const key = top.key!;
    // A member named __proto__ must stay data, not replace the object's prototype.
    if (key === '__proto__') {
      Object.defineProperty(top.container, key, { value, enumerable: true, writable: true, configurable: true });
    } else top.container[key] = value;
    top.meta.members!.set(key, id);
    return id;
  };

  /** Reads the value at `pos`: a scalar is stored at once, a container is stored and opened. */
  const beginValue = () => {
    const start = pos;
    const c = text[pos];
    if (c === '{' || c === '[') {
      const container: JsonValue[] | JsonObject = c === '{' ? {} : [];
      const m: ContainerMeta =
        c === '{'
          ? { start, end: start, incomplete: true, members: new Map() }
          : { start, end: start, incomplete: true, items: [] };
      meta.set(container, m);
      const slot = store(container, start, start);
      pos++;
      stack.push({ container, meta: m, state: 'open', slot });
      return;
    }
    let value: JsonValue | undefined;
    if (c === '"') value = readString();
    else if (c === 't' || c === 'f' || c === 'n' || c === 'N' || c === 'I' || (c === '-' && text[pos + 1] === 'I')) {
      for (const [word, v] of WORDS) {
        if (text.startsWith(word, pos)) {
          pos += word.length;
          value = v;
          break;
        }
      }
    }
    if (value === undefined) {
      NUMBER.lastIndex = pos;
      const m = NUMBER.exec(text);
      if (!m) throw new SyntaxStop(`unexpected ${describe(text, pos)}: expected a JSON value`, pos);
      pos += m[0].length;
      value = Number(m[0]);
    }
    store(value, start, pos);
  };

  const close = (frame: Frame, end: number, complete: boolean) => {
    frame.meta.end = end;
    frame.meta.incomplete = !complete;
    if (frame.slot >= 0) ranges[2 * frame.slot + 1] = end;
  };

  let error: { message: string; offset: number } | undefined;
  try {
    skipWs();
    if (pos >= text.length) throw new SyntaxStop('empty input: expected a JSON value', pos);
    beginValue();
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const isArr = Array.isArray(frame.container);
      const closer = isArr ? ']' : '}';
      skipWs();
      if (pos >= text.length) {
        throw new SyntaxStop(
          `unexpected end of input: the ${isArr ? 'array' : 'object'} opened at this position is not closed`,
          frame.meta.start,
        );
      }
      const c = text[pos];
      if (frame.state === 'open' && c === closer) {
        pos++;
        close(frame, pos, true);
        stack.pop();
        continue;
      }
      if (frame.state === 'open' || frame.state === 'value') {
        if (!isArr) {
          if (c !== '"') throw new SyntaxStop(`unexpected ${describe(text, pos)}: expected a quoted member name`, pos);
          frame.key = readString();
          skipWs();
          if (text[pos] !== ':')
            throw new SyntaxStop(`unexpected ${describe(text, pos)}: expected ':' after "${frame.key}"`, pos);
          pos++;
          skipWs();
        }
        frame.state = 'after';
        beginValue();
        continue;
      }
      if (c === ',') {
        pos++;
        frame.state = 'value';
        continue;
      }
      if (c === closer) {
        pos++;
        close(frame, pos, true);
        stack.pop();
        continue;
      }
      throw new SyntaxStop(`unexpected ${describe(text, pos)}: expected ',' or '${closer}'`, pos);
    }
    skipWs();
    if (pos < text.length)
      throw new SyntaxStop(`unexpected ${describe(text, pos)} after the end of the JSON value`, pos);
  } catch (e) {
    if (!(e instanceof SyntaxStop)) throw e;
    error = { message: e.message, offset: Math.min(e.offset, text.length) };
    // Close what is still open so the partial tree is usable; each stays flagged incomplete.
    while (stack.length > 0) close(stack.pop()!, text.length, false);
  }
  return { value: root, meta, ranges, ...(error ? { error } : {}) };
}
