import type { TextField, TextMessage, ValueKind } from './tree';

/**
 * What a syntax reader (the prototxt parser, the Caffe-JSON scanner) reports as it goes: one
 * call per scalar field occurrence and per message open and close. The schema-checked Caffe
 * builder consumes these directly, so a model is read into layer attributes in one pass with
 * no intermediate tree; TreeSink builds the generic message tree for the tools that want one.
 */
export interface TextSink {
  /**
   * One scalar occurrence. `name` is the proto field name, `written` the name as it appears in
   * the text (they differ for JSON lowerCamelCase keys). `floatSyntax` is true when a number
   * was written with a decimal point or exponent. Positions are of the field's start; `end`
   * is the end of its value.
   */
  scalar(
    name: string,
    written: string,
    kind: ValueKind,
    value: string | number | boolean,
    floatSyntax: boolean,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): void;
  /**
   * A message field opens (its fields follow, then close()). The field starts at
   * offset/line/column, its opening brace at brace/braceLine/braceColumn.
   */
  open(
    name: string,
    written: string,
    offset: number,
    line: number,
    column: number,
    brace: number,
    braceLine: number,
    braceColumn: number,
  ): void;
  /** The innermost open message ends at `end`; `closed` is false when a syntax error or the end of input cut it short. */
  close(end: number, closed: boolean): void;
  /**
   * JSON only: the key about to be reported was already given in the same object (first at
   * firstLine:firstColumn). Its value follows as usual.
   */
  duplicateKey(
    name: string,
    written: string,
    firstLine: number,
    firstColumn: number,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): void;
}

/** Builds the generic message tree (TextMessage / TextField) from sink calls. */
export class TreeSink implements TextSink {
  readonly root: TextMessage;
  private readonly stack: { msg: TextMessage; field: TextField }[] = [];
  private cur: TextMessage;

  constructor(textLength: number) {
    this.root = { fields: [], offset: 0, end: textLength, line: 1, column: 1, closed: true };
    this.cur = this.root;
  }

  scalar(
    name: string,
    _written: string,
    kind: ValueKind,
    value: string | number | boolean,
    _floatSyntax: boolean,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): void {
    this.cur.fields.push({ name, kind, value, offset, end, line, column });
  }

  open(
    name: string,
    _written: string,
    offset: number,
    line: number,
    column: number,
    brace: number,
    braceLine: number,
    braceColumn: number,
  ): void {
    const msg: TextMessage = {
      fields: [],
      offset: brace,
      end: brace + 1,
      line: braceLine,
      column: braceColumn,
      closed: false,
    };
    const field: TextField = { name, kind: 'message', value: msg, offset, end: brace + 1, line, column };
    this.cur.fields.push(field);
    this.stack.push({ msg, field });
    this.cur = msg;
  }

  duplicateKey(): void {
    // The tree keeps every occurrence, as the text has them.
  }

  close(end: number, closed: boolean): void {
    const top = this.stack.pop();
    if (!top) return;
    top.msg.closed = closed;
    top.msg.end = end;
    top.field.end = end;
    this.cur = this.stack[this.stack.length - 1]?.msg ?? this.root;
  }
}
