import type { Diagnostic } from '../../ir';
import { isIdentStart, Scanner, type TextRange } from './scanner';
import { TreeSink, type TextSink } from './sink';
import { MAX_DEPTH, MAX_SYNTAX_ERRORS, type TextField, type TextParseResult } from './tree';

const LBRACE = 123;
const RBRACE = 125;
const LANGLE = 60;
const RANGLE = 62;
const LBRACKET = 91;
const RBRACKET = 93;
const COLON = 58;
const COMMA = 44;
const SEMI = 59;
const DQUOTE = 34;
const SQUOTE = 39;

/** An open message: what closes it and where it was opened, for "expected '}'" messages. */
interface Frame {
  readonly close: number;
  readonly name: string;
  readonly line: number;
  readonly column: number;
  /** The list this message is an element of (`f: [{…}, {…}]`), restored when it closes. */
  readonly list: ListState | null;
}

/** An open `[ … ]` list. */
interface ListState {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

/** The text format's boolean spellings; undefined for any other identifier. */
function boolWord(word: string): boolean | undefined {
  switch (word) {
    case 'true':
    case 'True':
    case 't':
      return true;
    case 'false':
    case 'False':
    case 'f':
      return false;
    default:
      return undefined;
  }
}

/** Parses protobuf text format into the generic message tree (see readPrototxt). Never throws. */
export function parsePrototxt(text: string): TextParseResult {
  const sink = new TreeSink(text.length);
  const diagnostics = readPrototxt(text, sink);
  return { root: sink.root, diagnostics };
}

/**
 * Reads protobuf text format and reports every field to `sink`; returns the syntax
 * diagnostics. Nesting is handled with an explicit stack (no recursion), depth is capped at
 * MAX_DEPTH, and after a syntax error parsing resumes at the next line that starts a
 * top-level `layer`/`layers` block, so the layers that were fine are kept. Never throws
 * (unless the sink does). With `range`, only that part of the text is read (positions are still
 * the whole text's).
 */
export function readPrototxt(text: string, sink: TextSink, range?: TextRange): Diagnostic[] {
  const parser = new Parser(text, sink, range);
  parser.run();
  return parser.diagnostics;
}

class Parser {
  readonly s: Scanner;
  readonly diagnostics: Diagnostic[] = [];
  private readonly stack: Frame[] = [];
  private list: ListState | null = null;
  /** Inside a list, after an element: a ',' or ']' must come next. */
  private needSep = false;
  private errors = 0;
  private stopped = false;

  constructor(
    text: string,
    private readonly sink: TextSink,
    range?: TextRange,
  ) {
    this.s = new Scanner(text, range);
  }

  run(): void {
    const s = this.s;
    const text = s.text;
    while (!this.stopped) {
      s.skipTrivia();
      if (s.pos >= s.len) {
        this.finishAtEnd();
        break;
      }
      const c = text.charCodeAt(s.pos);
      if (this.list !== null) this.listStep(c, this.list);
      else if (c === RBRACE || c === RANGLE) this.closeMessage(c);
      else this.fieldStep(c);
    }
    for (const w of s.warnings) {
      this.diagnostics.push({
        severity: 'warning',
        message: w.message,
        span: { offset: w.mark.offset, length: w.length, line: w.mark.line, column: w.mark.column },
      });
    }
  }

  private fieldStep(c: number): void {
    const s = this.s;
    const off = s.pos;
    const line = s.line;
    const col = off - s.lineStart + 1;
    let name: string;
    if (isIdentStart(c)) {
      name = s.readIdent();
    } else if (c === LBRACKET) {
      // Extension or Any type URL: `[pkg.ext] { … }`.
      const close = s.text.indexOf(']', off);
      const nl = s.text.indexOf('\n', off);
      if (close < 0 || (nl >= 0 && nl < close)) {
        this.fail(`expected ']' to close the extension name opened at ${line}:${col}`, off, 1);
        return;
      }
      name = s.text.slice(off + 1, close).trim();
      s.pos = close + 1;
    } else {
      this.fail(`expected a field name, got ${s.describe()}`, off, 1);
      return;
    }
    s.skipTrivia();
    let d = s.peek();
    let colon = false;
    if (d === COLON) {
      s.pos++;
      colon = true;
      s.skipTrivia();
      d = s.peek();
    }
    if (d === LBRACE || d === LANGLE) {
      this.openMessage(name, off, line, col, d);
      return;
    }
    if (d === LBRACKET && colon) {
      s.pos++;
      this.list = { name, line, column: col };
      this.needSep = false;
      return;
    }
    if (!colon) {
      const looksScalar = d === DQUOTE || d === SQUOTE || (d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46;
      if (!looksScalar && !isIdentStart(d)) {
        this.fail(`expected ':' or '{' after field name '${name}', got ${s.describe()}`, s.pos, 1);
        return;
      }
      // Recoverable: report it and read the value as if the colon were there.
      this.error(`expected ':' after field name '${name}'`, s.pos, 1, s.line, s.pos - s.lineStart + 1);
    }
    if (this.scalar(name, off, line, col)) this.skipSeparator();
  }

  /** Reads a scalar value and appends the field; false after a syntax error. */
  private scalar(name: string, off: number, line: number, col: number): boolean {
    const s = this.s;
    const c = s.peek();
    let kind: TextField['kind'];
    let value: string | number | boolean;
    let end: number;
    let floatSyntax = false;
    if (c === DQUOTE || c === SQUOTE) {
      let str = s.readString();
      if (str === null) return this.failScanner();
      end = s.pos;
      // Adjacent string literals are concatenated, even across lines.
      for (;;) {
        s.skipTrivia();
        const q = s.peek();
        if (q !== DQUOTE && q !== SQUOTE) break;
        const more = s.readString();
        if (more === null) return this.failScanner();
        str += more;
        end = s.pos;
      }
      kind = 'string';
      value = str;
    } else if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
      s.error = '';
      value = s.readNumber();
      if (s.error) return this.failScanner();
      kind = 'number';
      floatSyntax = s.floatSyntax;
      end = s.pos;
    } else if (isIdentStart(c)) {
      const word = s.readIdent();
      end = s.pos;
      const b = boolWord(word);
      if (b !== undefined) {
        kind = 'bool';
        value = b;
      } else {
        const lower = word.length <= 9 ? word.toLowerCase() : '';
        if (lower === 'inf' || lower === 'infinity') {
          kind = 'number';
          value = Infinity;
          floatSyntax = true;
        } else if (lower === 'nan') {
          kind = 'number';
          value = NaN;
          floatSyntax = true;
        } else {
          kind = 'ident';
          value = word;
        }
      }
    } else {
      this.fail(`expected a value for '${name}', got ${s.describe()}`, s.pos, 1);
      return false;
    }
    this.sink.scalar(name, name, kind, value, floatSyntax, off, end, line, col);
    return true;
  }

  private skipSeparator(): void {
    const s = this.s;
    s.skipTrivia();
    const c = s.peek();
    if (c === COMMA || c === SEMI) s.pos++;
  }

  private openMessage(name: string, off: number, line: number, col: number, open: number): void {
    const s = this.s;
    if (this.stack.length >= MAX_DEPTH) {
      this.fail(`'${name}' nests messages deeper than ${MAX_DEPTH} levels, which is not supported`, s.pos, 1);
      return;
    }
    const brace = s.pos;
    s.pos++;
    this.sink.open(name, name, off, line, col, brace, s.line, brace - s.lineStart + 1);
    this.stack.push({ close: open === LBRACE ? RBRACE : RANGLE, name, line, column: col, list: this.list });
    this.list = null;
    this.needSep = false;
  }

  private closeMessage(c: number): void {
    const s = this.s;
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.fail(`unexpected '${String.fromCharCode(c)}': no block is open here`, s.pos, 1);
      return;
    }
    if (c !== top.close) {
      this.fail(
        `expected '${String.fromCharCode(top.close)}' to close '${top.name}' opened at ${top.line}:${top.column}, got '${String.fromCharCode(c)}'`,
        s.pos,
        1,
      );
      return;
    }
    s.pos++;
    this.stack.pop();
    this.sink.close(s.pos, true);
    this.list = top.list;
    if (this.list !== null) this.needSep = true;
    else this.skipSeparator();
  }

  private listStep(c: number, list: ListState): void {
    const s = this.s;
    if (c === RBRACKET) {
      s.pos++;
      this.list = null;
      this.needSep = false;
      this.skipSeparator();
      return;
    }
    if (this.needSep) {
      if (c === COMMA) {
        s.pos++;
        this.needSep = false;
        return;
      }
      this.fail(
        `expected ',' or ']' in the list '${list.name}' opened at ${list.line}:${list.column}, got ${s.describe()}`,
        s.pos,
        1,
      );
      return;
    }
    const off = s.pos;
    const line = s.line;
    const col = off - s.lineStart + 1;
    if (c === LBRACE || c === LANGLE) {
      this.openMessage(list.name, off, line, col, c);
      return;
    }
    if (this.scalar(list.name, off, line, col)) this.needSep = true;
  }

  private finishAtEnd(): void {
    const s = this.s;
    const col = s.len - s.lineStart + 1;
    const top = this.stack[this.stack.length - 1];
    if (this.list !== null) {
      const l = this.list;
      this.error(
        `expected ']' to close the list '${l.name}' opened at ${l.line}:${l.column}, got end of input`,
        s.len,
        0,
        s.line,
        col,
      );
    } else if (top) {
      this.error(
        `expected '${String.fromCharCode(top.close)}' to close '${top.name}' opened at ${top.line}:${top.column}, got end of input`,
        s.len,
        0,
        s.line,
        col,
      );
    }
    this.closeAll();
  }

  /** Closes every open message as it stands (cut short), keeping what it holds. */
  private closeAll(): void {
    const end = this.s.pos;
    for (let i = this.stack.length - 1; i >= 0; i--) this.sink.close(end, false);
    this.stack.length = 0;
    this.list = null;
    this.needSep = false;
  }

  private error(message: string, offset: number, length: number, line: number, column: number): void {
    this.diagnostics.push({ severity: 'error', message, span: { offset, length, line, column }, syntax: true });
  }

  private failScanner(): false {
    const m = this.s.errorMark;
    this.fail(this.s.error, m.offset, 1, m.line, m.column);
    return false;
  }

  /**
   * Reports a syntax error, keeps everything parsed so far and resumes at the next line
   * that starts a top-level `layer`/`layers` block (or stops at the end of input).
   */
  private fail(message: string, offset: number, length: number, line?: number, column?: number): void {
    const s = this.s;
    const len = Math.max(0, Math.min(length, s.len - offset));
    // One position for both messages: the "stopped here" note sits where the last error is.
    const atLine = line ?? s.line;
    const atColumn = column ?? offset - s.lineStart + 1;
    this.error(message, offset, len, atLine, atColumn);
    this.closeAll();
    if (++this.errors >= MAX_SYNTAX_ERRORS) {
      this.error(`too many syntax errors (${this.errors}); stopped reading here`, offset, 0, atLine, atColumn);
      this.stopped = true;
      return;
    }
    this.resync();
  }

  private resync(): void {
    const s = this.s;
    const text = s.text;
    let nl = text.indexOf('\n', s.pos);
    while (nl >= 0) {
      s.line++;
      s.lineStart = nl + 1;
      let q = nl + 1;
      while (q < s.len && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
      if (text.startsWith('layer', q)) {
        let e = q + 5;
        if (text.charCodeAt(e) === 115 /* s */) e++;
        const after = e < s.len ? text.charCodeAt(e) : -1;
        if (!(isIdentStart(after) || (after >= 48 && after <= 57))) {
          s.pos = q;
          return;
        }
      }
      nl = text.indexOf('\n', q);
    }
    s.pos = s.len;
  }
}
