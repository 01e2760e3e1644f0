import type { Diagnostic, SourceSpan } from '../../ir';

/**
 * The generic message tree shared by the protobuf text-format parser and the Caffe JSON
 * scanner: both readers build it, one converter turns it into the IR. Positions are stored
 * as plain numbers (not SourceSpan objects) because a large model has tens of thousands of
 * fields and most spans are never looked at.
 */

/** How a field's value was written: a quoted string, a bare identifier (enum), a number, a boolean or a message. */
export type ValueKind = 'string' | 'ident' | 'number' | 'bool' | 'message';

/** Position fields common to fields and messages: 0-based offset and end, 1-based line and column of the start. */
export interface Located {
  offset: number;
  end: number;
  line: number;
  column: number;
}

/** One occurrence of a field. Repeated fields appear once per value, in source order. */
export interface TextField extends Located {
  readonly name: string;
  readonly kind: ValueKind;
  /** The value; a TextMessage exactly when kind is 'message'. */
  readonly value: string | number | boolean | TextMessage;
}

/** A message: its fields in source order. The span covers the braces (or the whole text for the root). */
export interface TextMessage extends Located {
  readonly fields: TextField[];
  /** False when the message was cut short by a syntax error or the end of input. */
  closed: boolean;
}

/** Result of parsing text into a message tree. */
export interface TextParseResult {
  readonly root: TextMessage;
  readonly diagnostics: Diagnostic[];
}

/** The SourceSpan of a located field or message. */
export function spanOf(x: Located): SourceSpan {
  return { offset: x.offset, length: x.end - x.offset, line: x.line, column: x.column };
}

/** Narrows a field to one holding a message. */
export function isMessageField(f: TextField): f is TextField & { value: TextMessage } {
  return f.kind === 'message';
}

/** All occurrences of `name` in `msg`, in order. */
export function fieldsNamed(msg: TextMessage, name: string): TextField[] {
  const out: TextField[] = [];
  for (const f of msg.fields) if (f.name === name) out.push(f);
  return out;
}

/** The first occurrence of `name` in `msg`. */
export function firstField(msg: TextMessage, name: string): TextField | undefined {
  for (const f of msg.fields) if (f.name === name) return f;
  return undefined;
}

/** The message held by the first `name` field, if it is a message. */
export function subMessage(msg: TextMessage | undefined, name: string): TextMessage | undefined {
  if (!msg) return undefined;
  const f = firstField(msg, name);
  return f && f.kind === 'message' ? (f.value as TextMessage) : undefined;
}

/** Deepest message nesting any reader accepts; deeper input is reported, never recursed into. */
export const MAX_DEPTH = 100;

/** Stop after this many syntax errors: garbage input must not produce millions of messages. */
export const MAX_SYNTAX_ERRORS = 50;
