import type { Diagnostic } from '../../ir';
import { TreeSink, type TextSink } from '../prototxt/sink';
import { MAX_DEPTH, type TextParseResult } from '../prototxt/tree';

/**
 * A small JSON scanner for Caffe NetParameter JSON (the protobuf JSON mapping) that reports
 * every field to a TextSink, with the position of every field (JSON.parse gives none, and
 * editor markers need them). An object becomes a message, an array one field occurrence per
 * element (protobuf's repeated fields), null means "not set". lowerCamelCase keys are turned
 * into the snake_case names the proto declares (the name as written goes along, for messages).
 * Explicit stack, no recursion; after a syntax error everything read so far is kept.
 */

const snakeCache = new Map<string, string>();

/** `convolutionParam` → `convolution_param`; snake_case names are returned unchanged. */
export function toSnakeCase(key: string): string {
  let hasUpper = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      hasUpper = true;
      break;
    }
  }
  if (!hasUpper) return key;
  let cached = snakeCache.get(key);
  if (cached === undefined) {
    cached = key.replace(/[A-Z]/g, (m, i: number) => (i === 0 ? m.toLowerCase() : '_' + m.toLowerCase()));
    if (snakeCache.size < 10_000) snakeCache.set(key, cached);
  }
  return cached;
}

interface Frame {
  readonly isArray: boolean;
  /** The key this object or array is the value of (proto name, and as written). */
  readonly name: string;
  readonly written: string;
  /** True for an object reported to the sink with open() (every object but the top-level one). */
  readonly opened: boolean;
  readonly line: number;
  readonly column: number;
  /** 0: just opened; 1: after a comma; 2: after a member or element. */
  state: 0 | 1 | 2;
  /** An object's keys so far with their positions (objects have a handful: a list is cheaper than a set). */
  keys: { name: string; line: number; column: number }[] | null;
}

class JsonScanner {
  pos = 0;
  line = 1;
  lineStart = 0;
  readonly len: number;
  readonly diagnostics: Diagnostic[] = [];
  private readonly stack: Frame[] = [];
  private failed = false;

  constructor(
    readonly text: string,
    private readonly sink: TextSink,
  ) {
    this.len = text.length;
    if (text.charCodeAt(0) === 0xfeff) this.pos = this.lineStart = 1;
  }

  run(): void {
    this.skipWs();
    // Empty input is not a syntax error: the converter reports "the model is empty".
    if (this.pos >= this.len) return;
    if (this.text.charCodeAt(this.pos) !== 123) {
      this.fail(`expected a JSON object { … } (a Caffe NetParameter), got ${this.describe()}`);
      return;
    }
    this.stack.push({
      isArray: false,
      name: '',
      written: '',
      opened: false,
      line: this.line,
      column: this.col(),
      state: 0,
      keys: null,
    });
    this.pos++;
    while (!this.failed && this.stack.length > 0) this.step();
    if (this.failed) return;
    this.skipWs();
    if (this.pos < this.len) this.fail(`unexpected ${this.describe()} after the end of the JSON object`);
  }

  private col(): number {
    return this.pos - this.lineStart + 1;
  }

  private step(): void {
    this.skipWs();
    const top = this.stack[this.stack.length - 1]!;
    if (this.pos >= this.len) {
      const close = top.isArray ? ']' : '}';
      this.fail(
        `expected '${close}' to close ${this.frameName(top)} opened at ${top.line}:${top.column}, got end of input`,
        0,
      );
      return;
    }
    const c = this.text.charCodeAt(this.pos);
    const closer = top.isArray ? 93 : 125;
    if (c === closer && top.state !== 1) {
      this.pos++;
      this.stack.pop();
      if (top.opened) this.sink.close(this.pos, true);
      const parent = this.stack[this.stack.length - 1];
      if (parent) parent.state = 2;
      return;
    }
    if (top.state === 2) {
      if (c === 44) {
        this.pos++;
        top.state = 1;
        return;
      }
      const close = top.isArray ? ']' : '}';
      this.fail(
        `expected ',' or '${close}' in ${this.frameName(top)} opened at ${top.line}:${top.column}, got ${this.describe()}`,
      );
      return;
    }
    if (top.isArray) {
      this.value(top.name, top.written, top, true);
      return;
    }
    if (c !== 34) {
      this.fail(`expected a "key" in ${this.frameName(top)}, got ${this.describe()}`);
      return;
    }
    const off = this.pos;
    const line = this.line;
    const column = this.col();
    const key = this.readString();
    if (key === null) return;
    this.skipWs();
    if (this.text.charCodeAt(this.pos) !== 58) {
      this.fail(`expected ':' after the key "${key}", got ${this.describe()}`);
      return;
    }
    this.pos++;
    this.skipWs();
    const name = toSnakeCase(key);
    const keys = (top.keys ??= []);
    for (const k of keys) {
      if (k.name === name) {
        // JSON.parse would keep the last value silently; protobuf refuses the object.
        this.sink.duplicateKey(name, key, k.line, k.column, off, this.pos, line, column);
        break;
      }
    }
    keys.push({ name, line, column });
    this.value(name, key, top, false, off, line, column);
  }

  private frameName(f: Frame): string {
    if (!f.opened && !f.isArray) return 'the top-level object';
    return `${f.isArray ? 'the array' : 'the object'} "${f.written}"`;
  }

  /** Reads one value of field `name` (written `written`); `container` is the frame it belongs to. */
  private value(
    name: string,
    written: string,
    container: Frame,
    inArray: boolean,
    keyOff = this.pos,
    keyLine = this.line,
    keyCol = this.col(),
  ): void {
    const text = this.text;
    const c = this.pos < this.len ? text.charCodeAt(this.pos) : -1;
    if (c === 123 || c === 91) {
      if (c === 91 && inArray) {
        this.fail(`nested arrays are not valid in a Caffe NetParameter ("${written}")`);
        return;
      }
      if (this.stack.length >= MAX_DEPTH) {
        this.fail(`"${written}" nests deeper than ${MAX_DEPTH} levels, which is not supported`);
        return;
      }
      const line = this.line;
      const column = this.col();
      if (c === 91) {
        this.pos++;
        this.stack.push({
          isArray: true,
          name,
          written,
          opened: false,
          line: keyLine,
          column: keyCol,
          state: 0,
          keys: null,
        });
        container.state = 2;
        return;
      }
      this.sink.open(name, written, keyOff, keyLine, keyCol, this.pos, line, column);
      this.pos++;
      this.stack.push({ isArray: false, name, written, opened: true, line, column, state: 0, keys: null });
      return;
    }
    let kind: 'string' | 'number' | 'bool';
    let v: string | number | boolean;
    let floatSyntax = false;
    if (c === 34) {
      const s = this.readString();
      if (s === null) return;
      kind = 'string';
      v = s;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const start = this.pos;
      const n = this.readNumber();
      if (n === null) return;
      kind = 'number';
      v = n;
      for (let i = start; i < this.pos; i++) {
        const d = this.text.charCodeAt(i);
        if (d === 46 || d === 101 || d === 69) floatSyntax = true;
      }
    } else if (text.startsWith('true', this.pos)) {
      this.pos += 4;
      kind = 'bool';
      v = true;
    } else if (text.startsWith('false', this.pos)) {
      this.pos += 5;
      kind = 'bool';
      v = false;
    } else if (text.startsWith('null', this.pos)) {
      // Protobuf JSON: null means the field is not set.
      this.pos += 4;
      container.state = 2;
      return;
    } else {
      this.fail(`expected a value for "${written}", got ${this.describe()}`);
      return;
    }
    this.sink.scalar(name, written, kind, v, floatSyntax, keyOff, this.pos, keyLine, keyCol);
    container.state = 2;
  }

  private skipWs(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < this.len) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 13) pos++;
      else if (c === 10) {
        pos++;
        this.line++;
        this.lineStart = pos;
      } else break;
    }
    this.pos = pos;
  }

  private readString(): string | null {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    let out = '';
    let runStart = pos;
    while (pos < this.len) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        this.pos = pos + 1;
        return out + text.slice(runStart, pos);
      }
      if (c < 32) {
        if (c === 10 || c === 13) break;
        this.pos = pos;
        this.fail(
          `control character U+${c.toString(16).toUpperCase().padStart(4, '0')} in a string (write it as an escape)`,
        );
        return null;
      }
      if (c !== 92) {
        pos++;
        continue;
      }
      out += text.slice(runStart, pos);
      const e = text.charCodeAt(pos + 1);
      pos += 2;
      switch (e) {
        case 34:
          out += '"';
          break;
        case 92:
          out += '\\';
          break;
        case 47:
          out += '/';
          break;
        case 98:
          out += '\b';
          break;
        case 102:
          out += '\f';
          break;
        case 110:
          out += '\n';
          break;
        case 114:
          out += '\r';
          break;
        case 116:
          out += '\t';
          break;
        case 117: {
          const hex = text.slice(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = pos - 2;
            this.fail(`invalid \\u escape in a string`, 2);
            return null;
          }
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          this.pos = pos - 2;
          this.fail(`invalid escape '\\${String.fromCharCode(e)}' in a string`, 2);
          return null;
      }
      runStart = pos;
    }
    this.pos = start;
    this.fail(`unterminated string (a string must end with " on the same line)`);
    return null;
  }

  private readNumber(): number | null {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 45) pos++;
    const digits = pos;
    while (pos < this.len && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
    // JSON allows no leading zeros ("01").
    let ok = pos > digits && !(pos - digits > 1 && text.charCodeAt(digits) === 48);
    if (text.charCodeAt(pos) === 46) {
      pos++;
      const frac = pos;
      while (pos < this.len && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
      ok &&= pos > frac;
    }
    if ((text.charCodeAt(pos) | 32) === 101) {
      pos++;
      if (text.charCodeAt(pos) === 43 || text.charCodeAt(pos) === 45) pos++;
      const exp = pos;
      while (pos < this.len && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
      ok &&= pos > exp;
    }
    const v = Number(text.slice(start, pos));
    if (!ok || Number.isNaN(v)) {
      this.fail(`invalid number '${text.slice(start, Math.min(Math.max(pos, start + 1), start + 40))}'`);
      return null;
    }
    this.pos = pos;
    return v;
  }

  private describe(): string {
    if (this.pos >= this.len) return 'end of input';
    const c = this.text.charCodeAt(this.pos);
    if (c < 32 || (c >= 127 && c < 160) || c === 0xfffd || (c >= 0xd800 && c <= 0xdfff)) {
      return `character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    }
    return `'${String.fromCharCode(c)}'`;
  }

  /** Reports the error at the current position and stops; everything read so far is kept. */
  private fail(message: string, length = 1): void {
    const offset = this.pos;
    this.diagnostics.push({
      severity: 'error',
      message,
      span: { offset, length: Math.max(0, Math.min(length, this.len - offset)), line: this.line, column: this.col() },
    });
    this.failed = true;
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i]!.opened) this.sink.close(offset, false);
    this.stack.length = 0;
  }
}

/** Reads Caffe NetParameter JSON, reporting every field to `sink`; returns the syntax diagnostics. Never throws (unless the sink does). */
export function readJsonInto(text: string, sink: TextSink): Diagnostic[] {
  const p = new JsonScanner(text, sink);
  p.run();
  return p.diagnostics;
}

/** Parses Caffe NetParameter JSON into the generic message tree (values as written: no schema conversions). Never throws. */
export function parseJsonTree(text: string): TextParseResult {
  const sink = new TreeSink(text.length);
  const diagnostics = readJsonInto(text, sink);
  return { root: sink.root, diagnostics };
}
