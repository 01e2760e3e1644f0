/**
 * Prototxt formatting as protobuf's own text printer lays it out: one field per line, every
 * message block opened on its own line and closed by a `}` line, indented two spaces per depth.
 * A one-line `layer { name: "a" type: "ReLU" bottom: "x" top: "x" }` becomes six lines.
 * Strings (escapes included), `[…]` lists and comments are kept byte for byte; comments stay on
 * the line of the field they followed; runs of blank lines collapse to one. No Monaco imports.
 */

type Token =
  | { readonly kind: 'word'; readonly text: string; readonly blankBefore: boolean }
  | { readonly kind: 'string'; readonly text: string; readonly blankBefore: boolean }
  | { readonly kind: 'comment'; readonly text: string; readonly ownLine: boolean; readonly blankBefore: boolean }
  | { readonly kind: 'punct'; readonly text: string; readonly blankBefore: boolean };

const PUNCT = new Set(['{', '}', '<', '>', ':', ',', ';']);

/** Splits text into tokens; null when a string or a list is not closed (then it is not reformatted). */
function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  let lineHasCode = false;
  let newlines = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '\n') {
      newlines++;
      lineHasCode = false;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    const blankBefore = newlines >= 2 && out.length > 0;
    newlines = 0;
    if (ch === '#') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out.push({ kind: 'comment', text: text.slice(i, stop).trimEnd(), ownLine: !lineHasCode, blankBefore });
      i = stop;
      continue;
    }
    lineHasCode = true;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < n && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= n || text[j] !== ch) return null;
      out.push({ kind: 'string', text: text.slice(i, j + 1), blankBefore });
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      // A repeated-field list `[1, 2, 3]` stays one value; newlines inside it become spaces.
      let j = i + 1;
      let quote: string | null = null;
      for (; j < n; j++) {
        const c = text[j]!;
        if (quote) {
          if (c === '\\') j++;
          else if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === ']') break;
      }
      if (j >= n) return null;
      out.push({ kind: 'word', text: text.slice(i, j + 1).replace(/\s*\n\s*/g, ' '), blankBefore });
      i = j + 1;
      continue;
    }
    if (PUNCT.has(ch)) {
      out.push({ kind: 'punct', text: ch, blankBefore });
      i++;
      continue;
    }
    let j = i;
    while (j < n && !/[\s"'#[\]{}<>:,;]/.test(text[j]!)) j++;
    out.push({ kind: 'word', text: text.slice(i, j), blankBefore });
    i = j;
  }
  return out;
}

/**
 * One field per line, blocks split, or null when the text is not well-formed enough to
 * restructure safely (unclosed string or list, unbalanced braces): the caller then only
 * re-indents.
 */
export function restructurePrototxt(text: string): string | null {
  const tokens = tokenize(text);
  if (!tokens) return null;
  const out: string[] = [];
  let depth = 0;
  let cur: string[] = [];
  // The current line holds a complete `key: value` field: the next word starts a new line.
  let complete = false;
  const emit = (line: string) => out.push('  '.repeat(depth) + line);
  const flush = (comment?: string) => {
    if (cur.length > 0) emit(cur.join(' ') + (comment ? ` ${comment}` : ''));
    else if (comment) {
      if (out.length > 0 && out[out.length - 1] !== '') out[out.length - 1] += ` ${comment}`;
      else emit(comment);
    }
    cur = [];
    complete = false;
  };
  for (const t of tokens) {
    if (t.blankBefore && t.kind !== 'punct') {
      flush();
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    }
    if (t.kind === 'comment') {
      if (t.ownLine) {
        flush();
        emit(t.text);
      } else flush(t.text);
      continue;
    }
    if (t.kind === 'punct') {
      if (t.text === ':') {
        if (cur.length === 0) return null;
        cur[cur.length - 1] += ':';
      } else if (t.text === '{' || t.text === '<') {
        cur.push(t.text);
        flush();
        depth++;
      } else if (t.text === '}' || t.text === '>') {
        flush();
        if (depth === 0) return null;
        depth--;
        emit(t.text);
      } else flush(); // , and ; only separate fields
      continue;
    }
    // Adjacent strings are one value (text format concatenates them): keep them together.
    const last = cur[cur.length - 1];
    const continuesString: boolean = t.kind === 'string' && last !== undefined && /["']$/.test(last) && complete;
    if (complete && !continuesString) flush();
    cur.push(t.text);
    complete = continuesString || (cur.length >= 2 && cur[cur.length - 2]!.endsWith(':'));
  }
  flush();
  if (depth !== 0) return null;
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
