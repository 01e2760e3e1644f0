/**
 * What the prototxt editor knows about fields and values, read from the one Caffe schema in
 * lib/parse/caffe/schema (the readers check files against the same data). No Monaco imports,
 * so completion and hover content are unit-testable.
 */
import {
  forkInfo,
  K_BOOL,
  K_ENUM,
  K_MESSAGE,
  K_STRING,
  messageAtPath,
  typeLabel,
  type FieldDesc,
  type MessageDesc,
} from '@/lib/parse/caffe/schema';
import { enclosingMessages } from './prototxt-text';

/** The message a stack of enclosing field names leads to (`['layer', 'convolution_param']`). */
export function messageFor(stack: readonly string[]): MessageDesc | undefined {
  return messageAtPath(stack);
}

/** Fields offered inside the message at `stack`, in declaration order (BVLC first, then forks). */
export function fieldsAt(stack: readonly string[]): readonly FieldDesc[] {
  return messageFor(stack)?.fields ?? [];
}

/** Field names valid inside the message at `stack`, for completion (empty when unknown). */
export function fieldsFor(stack: readonly string[]): string[] {
  return fieldsAt(stack).map((f) => f.name);
}

/** What completing a field name inserts: a block for messages, quotes for strings. */
export function fieldSnippet(f: FieldDesc): string {
  if (f.kind === K_MESSAGE) return `${f.name} {\n\t$0\n}`;
  if (f.kind === K_STRING) return `${f.name}: "$0"`;
  return `${f.name}: `;
}

function formatDefault(f: FieldDesc): string | null {
  if (f.default === undefined) return null;
  return typeof f.default === 'string' && f.kind === K_STRING ? `"${f.default}"` : String(f.default);
}

/** One line naming the fork a field (or value) comes from, or null for BVLC. */
function forkLine(fork: FieldDesc['fork']): string | null {
  if (!fork) return null;
  const info = forkInfo(fork);
  return `From the **${info.name}** fork (${info.source}); not in BVLC Caffe.`;
}

/** Hover / completion documentation of a field. */
export function fieldMarkdown(f: FieldDesc): string {
  const number = f.number !== undefined ? ` · field ${f.number}` : '';
  const parts = [`**${f.name}** · \`${typeLabel(f)}\`${number} of ${f.owner.name}`, f.doc];
  const def = formatDefault(f);
  if (def !== null) parts.push(`Default: \`${def}\``);
  if (f.kind === K_ENUM && f.enumType)
    parts.push(`One of: ${f.enumType.values.map((v) => `\`${v.name}\``).join(', ')}`);
  if (f.repeatedIn) parts.push(`Given once per axis in the ${forkInfo(f.repeatedIn).name} fork.`);
  const fork = forkLine(f.fork ?? f.owner.fork);
  if (fork) parts.push(fork);
  return parts.join('\n\n');
}

/** A value that can be completed for a field: enum values and true/false. */
export interface ValueSuggestion {
  readonly label: string;
  readonly doc: string;
}

/** Values offered after `field:` inside the message at `stack`; null when the field takes free values. */
export function valueSuggestions(stack: readonly string[], fieldName: string): ValueSuggestion[] | null {
  const f = messageFor(stack)?.byName.get(fieldName);
  if (!f) return null;
  if (f.kind === K_ENUM && f.enumType) {
    return f.enumType.values.map((v) => {
      const fork = v.fork && !f.enumType!.fork ? forkLine(v.fork) : null;
      return {
        label: v.name,
        doc: [`**${v.name}** (${v.number})`, v.doc ?? '', fork ?? ''].filter(Boolean).join(' — '),
      };
    });
  }
  if (f.kind === K_BOOL) {
    const def = formatDefault(f);
    return ['true', 'false'].map((b) => ({ label: b, doc: def === b ? 'the default' : '' }));
  }
  return null;
}

/** The field whose value is being typed at the end of `lineBefore` (`  pool: MA` → pool), or null. */
export function valueContext(lineBefore: string): { field: string; partial: string } | null {
  const m = /([A-Za-z_]\w*)\s*:\s*([A-Za-z_]\w*)?$/.exec(lineBefore);
  return m ? { field: m[1]!, partial: m[2] ?? '' } : null;
}

/**
 * Hover documentation for the identifier `word` at the end of `before` (the text from the start
 * of the document up to the word) and followed by `after` (the rest of its line): a field name
 * (followed by `:` or `{`) or an enum value (after `field:`). Null when the schema says nothing.
 */
export function hoverMarkdown(before: string, word: string, after: string): string | null {
  const stack = enclosingMessages(before);
  const msg = messageFor(stack);
  if (!msg) return null;
  if (/^\s*[:{<]/.test(after)) {
    const f = msg.byName.get(word);
    return f ? fieldMarkdown(f) : null;
  }
  const lineBefore = before.slice(before.lastIndexOf('\n') + 1);
  const ctx = /([A-Za-z_]\w*)\s*:\s*$/.exec(lineBefore);
  if (!ctx) return null;
  const f = msg.byName.get(ctx[1]!);
  if (!f || f.kind !== K_ENUM || !f.enumType) return null;
  const v = f.enumType.byName.get(word);
  if (!v) return null;
  const fork = v.fork && !f.enumType.fork ? forkLine(v.fork) : null;
  return [
    `**${v.name}** · value ${v.number} of \`${f.enumType.name}\``,
    v.doc ?? '',
    `Field: \`${f.name}\` — ${f.doc}`,
    fork ?? '',
  ]
    .filter(Boolean)
    .join('\n\n');
}
