/**
 * Tokenizer for the protobuf text format. It scans with charCodeAt and keeps the line
 * and the offset of the line start as it goes, so every token's line:column costs two
 * subtractions. Tokens are not materialised as objects: the parser asks for the next
 * kind of token it wants and reads the scanner's position fields.
 */

const NL = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

/** Character classes, indexed by char code below 128. */
const IDENT_START = new Uint8Array(128);
const IDENT_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  IDENT_START[c] = /[A-Za-z_]/.test(ch) ? 1 : 0;
  IDENT_PART[c] = /[A-Za-z0-9_]/.test(ch) ? 1 : 0;
}

/** True for a char code that can start an identifier. */
export function isIdentStart(c: number): boolean {
  return c < 128 && IDENT_START[c] === 1;
}

function isIdentPart(c: number): boolean {
  return c < 128 && IDENT_PART[c] === 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Recently seen short identifiers and strings, by a hash of their characters. A model repeats
 * the same field names, enum values, layer types and blob names hundreds of times; handing back
 * one string object for all of them saves the allocation and lets every later map or property
 * lookup reuse the string's cached hash. A collision only replaces the slot: results never
 * depend on what is cached.
 */
const INTERN_SIZE = 4096;
const INTERN_MAX_LENGTH = 48;
const interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SIZE).fill(undefined);

/**
 * The engine's canonical copy of `s` (what a property key becomes). Field names are compared
 * against literals (`case 'bottom':`) and used as keys everywhere; canonical copies make both
 * a pointer comparison. Costs a little, so only done for identifiers, once per cache miss.
 */
function canonical(s: string): string {
  const o: Record<string, number> = {};
  o[s] = 0;
  for (const k in o) return k;
  return s;
}

/** True when `text` holds `s` at `start` (a plain loop: startsWith with a position is a slow builtin call here). */
function matchesAt(text: string, start: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (text.charCodeAt(start + i) !== s.charCodeAt(i)) return false;
  return true;
}

function intern(text: string, start: number, end: number, hash: number, ident: boolean): string {
  const n = end - start;
  if (n > INTERN_MAX_LENGTH) return text.slice(start, end);
  const slot = (hash ^ (hash >>> 13) ^ n) & (INTERN_SIZE - 1);
  const hit = interned[slot];
  if (hit !== undefined && hit.length === n && matchesAt(text, start, hit)) return hit;
  let s = text.slice(start, end);
  // A long slice would keep the whole source text alive from this module-level cache: cached
  // strings are copies (a flattened ' ' + s, sliced), never views into the text.
  if (ident) s = canonical(s);
  else if (n >= 13) s = (' ' + s).slice(1);
  interned[slot] = s;
  return s;
}

/** A position in the text, for messages that point back at an earlier token. */
export interface Mark {
  offset: number;
  line: number;
  column: number;
}

/** A part of a text to read: [start, end), with the line of `start` and that line's start offset. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly lineStart: number;
}

/** Low-level scanner state over one text. All fields are public for the parser's hot loop. */
export class Scanner {
  pos = 0;
  line = 1;
  lineStart = 0;
  readonly len: number;
  /** Message of the last scanning error (unterminated string, bad number), or '' when none. */
  error = '';
  /** Where that error is. */
  errorMark: Mark = { offset: 0, line: 1, column: 1 };
  /** Whether the last number read was written as a float (decimal point, exponent, inf/nan). */
  floatSyntax = false;
  /** Non-fatal problems (unknown escapes), reported by the parser as warnings. */
  readonly warnings: { message: string; mark: Mark; length: number }[] = [];

  constructor(
    readonly text: string,
    range?: TextRange,
  ) {
    if (range) {
      // A part of the text (one layer read again for its field positions): positions stay
      // those of the whole text.
      this.len = Math.min(range.end, text.length);
      this.pos = range.start;
      this.line = range.line;
      this.lineStart = range.lineStart;
      return;
    }
    this.len = text.length;
    // A byte-order mark is not part of the content.
    if (text.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  get column(): number {
    return this.pos - this.lineStart + 1;
  }

  mark(): Mark {
    return { offset: this.pos, line: this.line, column: this.pos - this.lineStart + 1 };
  }

  /** Skips whitespace and `#` comments. */
  skipTrivia(): void {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === SPACE || c === TAB) {
        pos++;
      } else if (c === NL) {
        pos++;
        this.line++;
        this.lineStart = pos;
      } else if (c === CR || c === 11 || c === 12) {
        pos++;
      } else if (c === HASH) {
        const nl = text.indexOf('\n', pos);
        pos = nl < 0 ? len : nl;
      } else {
        break;
      }
    }
    this.pos = pos;
  }

  peek(): number {
    return this.pos < this.len ? this.text.charCodeAt(this.pos) : -1;
  }

  /** Reads an identifier; the caller has checked that one starts here. */
  readIdent(): string {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    let hash = text.charCodeAt(start);
    while (pos < this.len) {
      const c = text.charCodeAt(pos);
      if (!isIdentPart(c)) break;
      hash = (Math.imul(hash, 31) + c) | 0;
      pos++;
    }
    this.pos = pos;
    return intern(text, start, pos, hash, true);
  }

  /**
   * Reads a number: optional sign, decimal / hex / octal integer, float with exponent and
   * optional `f` suffix, or inf / infinity / nan. Returns NaN with `error` set when the
   * text is not a number (a real `nan` also gives NaN, with `error` empty).
   */
  readNumber(): number {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    let negative = false;
    this.floatSyntax = false;
    let c = text.charCodeAt(pos);
    if (c === 45 /* - */ || c === 43 /* + */) {
      negative = c === 45;
      pos++;
      // Protobuf allows whitespace between the sign and the number.
      while (pos < this.len && (text.charCodeAt(pos) === SPACE || text.charCodeAt(pos) === TAB)) pos++;
      c = text.charCodeAt(pos);
    }
    if (isIdentStart(c)) {
      let end = pos + 1;
      while (end < this.len && isIdentPart(text.charCodeAt(end))) end++;
      const word = text.slice(pos, end).toLowerCase();
      this.pos = end;
      if (word === 'inf' || word === 'infinity' || word === 'inff' || word === 'infinityf') {
        this.floatSyntax = true;
        return negative ? -Infinity : Infinity;
      }
      if (word === 'nan' || word === 'nanf') {
        this.floatSyntax = true;
        return NaN;
      }
      return this.fail(`expected a number, got '${text.slice(start, end)}'`, start);
    }
    const digitsStart = pos;
    // Hex integer.
    if (c === 48 && (text.charCodeAt(pos + 1) | 32) === 120 /* x */) {
      pos += 2;
      let v = 0;
      const hexStart = pos;
      while (pos < this.len) {
        const h = hexValue(text.charCodeAt(pos));
        if (h < 0) break;
        v = v * 16 + h;
        pos++;
      }
      if (pos === hexStart || isIdentPart(text.charCodeAt(pos))) return this.badNumber(start, pos);
      this.pos = pos;
      return negative ? -v : v;
    }
    // Fast path: plain decimal integer, accumulated without slicing.
    let v = 0;
    while (pos < this.len) {
      const d = text.charCodeAt(pos) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      pos++;
    }
    const intEnd = pos;
    c = pos < this.len ? text.charCodeAt(pos) : -1;
    let isFloat = false;
    if (c === 46 /* . */) {
      isFloat = true;
      pos++;
      while (pos < this.len && isDigit(text.charCodeAt(pos))) pos++;
      c = pos < this.len ? text.charCodeAt(pos) : -1;
    }
    if (pos === digitsStart || (pos === digitsStart + 1 && isFloat && intEnd === digitsStart)) {
      return this.badNumber(start, pos);
    }
    if ((c | 32) === 101 /* e */) {
      isFloat = true;
      pos++;
      c = text.charCodeAt(pos);
      if (c === 43 || c === 45) pos++;
      const expStart = pos;
      while (pos < this.len && isDigit(text.charCodeAt(pos))) pos++;
      if (pos === expStart) return this.badNumber(start, pos);
      c = pos < this.len ? text.charCodeAt(pos) : -1;
    }
    const numEnd = pos;
    if ((c | 32) === 102 /* f */) {
      isFloat = true;
      pos++;
      c = pos < this.len ? text.charCodeAt(pos) : -1;
    }
    if (isIdentPart(c) || c === 46) {
      while (pos < this.len && (isIdentPart(text.charCodeAt(pos)) || text.charCodeAt(pos) === 46)) pos++;
      return this.badNumber(start, pos);
    }
    this.pos = pos;
    if (isFloat) {
      this.floatSyntax = true;
      const f = Number(text.slice(digitsStart, numEnd));
      return negative ? -f : f;
    }
    if (intEnd - digitsStart > 1 && text.charCodeAt(digitsStart) === 48) {
      // A leading zero means octal in the text format.
      const digits = text.slice(digitsStart, intEnd);
      if (/[89]/.test(digits)) return this.badNumber(start, pos);
      v = parseInt(digits, 8);
    } else if (intEnd - digitsStart > 15) {
      // Past 2^53 the running product loses digits; let the engine round once instead.
      v = Number(text.slice(digitsStart, intEnd));
    }
    return negative ? -v : v;
  }

  private badNumber(start: number, end: number): number {
    this.pos = end;
    return this.fail(`invalid number '${this.text.slice(start, Math.min(end, start + 40))}'`, start);
  }

  private fail(message: string, offset: number): number {
    this.error = message;
    this.errorMark = this.markAt(offset);
    return NaN;
  }

  /** A mark for an offset on the current line (or earlier on it). */
  markAt(offset: number): Mark {
    return { offset, line: this.line, column: offset - this.lineStart + 1 };
  }

  /**
   * Reads a quoted string with C-style escapes. Strings cannot span lines; an unterminated
   * string sets `error` (pointing at its opening quote) and returns null.
   */
  readString(): string | null {
    const text = this.text;
    const quote = text.charCodeAt(this.pos);
    const start = this.pos;
    let pos = start + 1;
    // Fast path: no escapes.
    let hash = 0;
    while (pos < this.len) {
      const c = text.charCodeAt(pos);
      if (c === quote) {
        this.pos = pos + 1;
        return intern(text, start + 1, pos, hash, false);
      }
      if (c === BACKSLASH || c === NL) break;
      hash = (Math.imul(hash, 31) + c) | 0;
      pos++;
    }
    let out = text.slice(start + 1, pos);
    while (pos < this.len) {
      const c = text.charCodeAt(pos);
      if (c === quote) {
        this.pos = pos + 1;
        return out;
      }
      if (c === NL) break;
      if (c !== BACKSLASH) {
        const runStart = pos;
        while (pos < this.len) {
          const d = text.charCodeAt(pos);
          if (d === quote || d === BACKSLASH || d === NL) break;
          pos++;
        }
        out += text.slice(runStart, pos);
        continue;
      }
      const escStart = pos;
      pos++;
      const e = pos < this.len ? text.charCodeAt(pos) : -1;
      pos++;
      switch (e) {
        case 110:
          out += '\n';
          break; // n
        case 116:
          out += '\t';
          break; // t
        case 114:
          out += '\r';
          break; // r
        case 97:
          out += '\x07';
          break; // a
        case 98:
          out += '\b';
          break; // b
        case 102:
          out += '\f';
          break; // f
        case 118:
          out += '\v';
          break; // v
        case 92:
        case 39:
        case 34:
        case 63:
          out += String.fromCharCode(e);
          break; // \ ' " ?
        case 120:
        case 88: {
          // xNN
          let v = 0;
          let n = 0;
          while (n < 2 && pos < this.len && hexValue(text.charCodeAt(pos)) >= 0) {
            v = v * 16 + hexValue(text.charCodeAt(pos));
            pos++;
            n++;
          }
          if (n === 0) this.warn(`'\\x' escape without hex digits`, escStart, pos);
          out += String.fromCharCode(v);
          break;
        }
        case 117:
        case 85: {
          // uXXXX, UXXXXXXXX
          const want = e === 117 ? 4 : 8;
          let v = 0;
          let n = 0;
          while (n < want && pos < this.len && hexValue(text.charCodeAt(pos)) >= 0) {
            v = v * 16 + hexValue(text.charCodeAt(pos));
            pos++;
            n++;
          }
          if (n !== want || v > 0x10ffff) {
            this.warn(`invalid unicode escape '${text.slice(escStart, pos)}'`, escStart, pos);
          } else {
            out += String.fromCodePoint(v);
          }
          break;
        }
        default:
          if (e >= 48 && e <= 55) {
            // Octal \N, \NN or \NNN.
            let v = e - 48;
            let n = 1;
            while (n < 3 && pos < this.len) {
              const d = text.charCodeAt(pos);
              if (d < 48 || d > 55) break;
              v = v * 8 + (d - 48);
              pos++;
              n++;
            }
            out += String.fromCharCode(v & 0xff);
          } else if (e === NL || e === -1) {
            pos--;
          } else {
            this.warn(`unknown escape '\\${String.fromCharCode(e)}' in string`, escStart, pos);
            out += String.fromCharCode(e);
          }
      }
    }
    this.pos = pos;
    this.error = `unterminated string (opened at ${this.line}:${start - this.lineStart + 1})`;
    this.errorMark = this.markAt(start);
    return null;
  }

  private warn(message: string, start: number, end: number): void {
    this.warnings.push({ message, mark: this.markAt(start), length: end - start });
  }

  /** A short description of what is at the current position, for "expected X, got Y". */
  describe(): string {
    if (this.pos >= this.len) return 'end of input';
    const c = this.text.charCodeAt(this.pos);
    if (isIdentStart(c)) {
      let end = this.pos + 1;
      while (end < this.len && end - this.pos < 40 && isIdentPart(this.text.charCodeAt(end))) end++;
      return `'${this.text.slice(this.pos, end)}'`;
    }
    if (c === DQUOTE || c === SQUOTE) return 'a string';
    if (isDigit(c) || c === 45 || c === 43 || c === 46) return 'a number';
    if (c < 32 || (c >= 127 && c < 160) || c === 0xfffd || (c >= 0xd800 && c <= 0xdfff)) {
      return `character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    }
    return `'${String.fromCharCode(c)}'`;
  }
}
