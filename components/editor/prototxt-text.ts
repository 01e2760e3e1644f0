/**
 * Editor-side text helpers for prototxt (no Monaco imports, so they are unit-testable): which
 * message the cursor is in, foldable blocks, and a formatter. They only track braces, strings
 * and comments; the real parser lives in lib/parse.
 */

import { restructurePrototxt } from './prototxt-format';

/** Calls `onChar` for every character outside strings and comments, with its index. */
function scanCode(text: string, onChar: (ch: string, i: number) => void): void {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote || ch === '\n') quote = null;
      continue;
    }
    if (ch === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return;
      i = nl - 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      continue;
    }
    onChar(ch, i);
  }
}

/**
 * Names of the messages enclosing the end of `before`, outermost first: for a cursor inside
 * `layer { convolution_param { | } }` it returns `['layer', 'convolution_param']`.
 */
export function enclosingMessages(before: string): string[] {
  const stack: string[] = [];
  scanCode(before, (ch, i) => {
    if (ch === '{') {
      const m = /([A-Za-z_][\w]*)\s*:?\s*$/.exec(before.slice(Math.max(0, i - 200), i));
      stack.push(m?.[1] ?? '');
    } else if (ch === '}') stack.pop();
  });
  return stack;
}

/** True when the line so far ends inside the string of a `type: "…` field (layer-type completion). */
export function inTypeString(lineBefore: string): boolean {
  return /\btype\s*:\s*"[^"]*$/.test(lineBefore);
}

/** A foldable block, 1-based start and end lines. */
export interface FoldRange {
  readonly start: number;
  readonly end: number;
}

/** Every `{ … }` block that spans more than one line (layers, param blocks), for folding. */
export function braceFoldingRanges(text: string): FoldRange[] {
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const open: number[] = [];
  const ranges: FoldRange[] = [];
  scanCode(text, (ch, i) => {
    if (ch === '{') open.push(i);
    else if (ch === '}') {
      const from = open.pop();
      if (from === undefined) return;
      const start = lineOf(from);
      // Fold up to the line before the closing brace so `}` stays visible.
      const end = lineOf(i) - 1;
      if (end > start) ranges.push({ start, end });
    }
  });
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * Formats prototxt as protobuf's text printer would (prototxt-format.ts): one field per line,
 * one-line blocks split. Text that cannot be restructured safely (an unclosed string or list,
 * unbalanced braces, i.e. a syntax error) is only re-indented, so Format never garbles it.
 */
export function formatPrototxt(text: string): string {
  return restructurePrototxt(text) ?? reindentPrototxt(text);
}

/**
 * Re-indents prototxt by brace depth (two spaces), trims trailing blanks and collapses runs
 * of blank lines. Text inside strings and comments is kept byte for byte; a line is never
 * split or joined.
 */
export function reindentPrototxt(text: string): string {
  const lines = text.split('\n');
  let depth = 0;
  const out: string[] = [];
  let blank = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) {
      if (++blank <= 1 && out.length > 0) out.push('');
      continue;
    }
    blank = 0;
    let opens = 0;
    let closes = 0;
    let leadingCloses = 0;
    let sawCode = false;
    scanCode(line, (ch) => {
      if (ch === '{') {
        opens++;
        sawCode = true;
      } else if (ch === '}') {
        if (!sawCode) leadingCloses++;
        closes++;
      } else if (!/\s/.test(ch)) sawCode = true;
    });
    const indent = Math.max(0, depth - leadingCloses);
    out.push('  '.repeat(indent) + line);
    depth = Math.max(0, depth + opens - closes);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

/** The word (identifier) at a 0-based column of a line, with its start and end columns. */
export function wordAt(line: string, column: number): { word: string; start: number; end: number } | null {
  const re = /[A-Za-z_][\w]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    if (column >= m.index && column <= m.index + m[0].length)
      return { word: m[0], start: m.index, end: m.index + m[0].length };
  }
  return null;
}
