'use client';
import { OPS, getOp, opTypeNames } from '@/lib/ops';
import type { OpDefinition } from '@/lib/ops';
import type { Monaco } from './load-monaco';
import { braceFoldingRanges, enclosingMessages, formatPrototxt, inTypeString, wordAt } from './prototxt-text';
import {
  fieldMarkdown,
  fieldsAt,
  fieldSnippet,
  hoverMarkdown,
  messageFor,
  valueContext,
  valueSuggestions,
} from './prototxt-schema';

export { fieldsFor } from './prototxt-schema';

/** Monaco language id of Caffe prototxt. */
export const PROTOTXT = 'prototxt';

/** Markdown shown on hover and in completion details for one op. */
export function opMarkdown(op: OpDefinition): string {
  const parts = [`**${op.type}** · ${op.category}`, op.doc];
  if (op.formula) parts.push('```text\n' + op.formula + '\n```');
  if (op.paramBlock) parts.push(`Parameters: \`${op.paramBlock}\``);
  return parts.join('\n\n');
}

function caffeOps(): OpDefinition[] {
  return OPS.filter((op) => op.dialect !== 'keras');
}

let registered = false;

/** Registers the prototxt language, its themes and the JSON validation options, once per page. */
export function registerLanguages(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: PROTOTXT, extensions: ['.prototxt', '.pbtxt'], aliases: ['Caffe prototxt'] });
  monaco.languages.setMonarchTokensProvider(PROTOTXT, {
    defaultToken: '',
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/[A-Za-z_]\w*(?=\s*\{)/, 'type.identifier'],
        [/[A-Za-z_]\w*(?=\s*:)/, 'key'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'([^'\\]|\\.)*'/, 'string'],
        [/"([^"\\]|\\.)*$/, 'string.invalid'],
        [/[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[fF]?\b/, 'number'],
        [/[-+]?(inf|nan)\b/, 'number'],
        [/\b(true|false|True|False)\b/, 'keyword'],
        [/[A-Za-z_]\w*/, 'constant'],
        [/[{}]/, '@brackets'],
        [/[<>[\]]/, '@brackets'],
        [/[:;,]/, 'delimiter'],
      ],
    },
  });
  monaco.languages.setLanguageConfiguration(PROTOTXT, {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['[', ']'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
    surroundingPairs: [
      { open: '{', close: '}' },
      { open: '"', close: '"' },
    ],
    indentationRules: { increaseIndentPattern: /\{[^}"]*$/, decreaseIndentPattern: /^\s*\}/ },
  });
  monaco.languages.registerFoldingRangeProvider(PROTOTXT, {
    provideFoldingRanges: (model) => braceFoldingRanges(model.getValue()).map((r) => ({ start: r.start, end: r.end })),
  });
  monaco.languages.registerDocumentFormattingEditProvider(PROTOTXT, {
    provideDocumentFormattingEdits: (model) => [
      { range: model.getFullModelRange(), text: formatPrototxt(model.getValue()) },
    ],
  });
  monaco.languages.registerCompletionItemProvider(PROTOTXT, {
    triggerCharacters: ['"', ' '],
    provideCompletionItems: (model, position) => {
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const lineBefore = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      if (inTypeString(lineBefore)) {
        return {
          suggestions: opTypeNames('caffe').map((name) => {
            const op = getOp(name, 'caffe');
            return {
              label: name,
              kind: monaco.languages.CompletionItemKind.Class,
              insertText: name,
              range,
              detail: op ? `${op.category} — ${op.doc}` : '',
              documentation: op ? { value: opMarkdown(op) } : '',
            };
          }),
        };
      }
      const before = model.getValueInRange({
        startLineNumber: 1,
        startColumn: 1,
        endLineNumber: position.lineNumber,
        endColumn: position.column,
      });
      const stack = enclosingMessages(before);
      // After `field:` — the field's enum values (or true/false), from the schema.
      const value = valueContext(lineBefore);
      if (value) {
        const values = valueSuggestions(stack, value.field);
        if (values) {
          return {
            suggestions: values.map((v) => ({
              label: v.label,
              kind: monaco.languages.CompletionItemKind.EnumMember,
              insertText: v.label,
              range,
              detail: value.field,
              documentation: { value: v.doc },
            })),
          };
        }
        return { suggestions: [] };
      }
      const where = messageFor(stack)?.name ?? 'unknown message';
      return {
        suggestions: fieldsAt(stack).map((f) => ({
          label: f.name,
          kind:
            f.message !== null ? monaco.languages.CompletionItemKind.Module : monaco.languages.CompletionItemKind.Field,
          insertText: fieldSnippet(f),
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          range,
          detail: `${where}${f.fork ? ` · ${f.fork} fork` : ''}`,
          documentation: { value: fieldMarkdown(f) },
          // Fork fields after BVLC's, in declaration order.
          sortText: `${f.fork ? '1' : '0'}${String(fieldsAt(stack).indexOf(f)).padStart(4, '0')}`,
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider(PROTOTXT, {
    provideHover: (model, position) => {
      const line = model.getLineContent(position.lineNumber);
      const w = wordAt(line, position.column - 1);
      if (!w) return null;
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: w.start + 1,
        endColumn: w.end + 1,
      };
      const before = model.getValueInRange({
        startLineNumber: 1,
        startColumn: 1,
        endLineNumber: position.lineNumber,
        endColumn: w.start + 1,
      });
      const contents: { value: string }[] = [];
      // A field name or enum value: its schema doc. A parameter block also gets its layer types.
      const field = hoverMarkdown(before, w.word, line.slice(w.end));
      if (field) contents.push({ value: field });
      const inString = /"[^"]*$/.test(line.slice(0, w.start));
      const op =
        (inString ? getOp(w.word, 'caffe') : undefined) ??
        (w.word.endsWith('_param') ? caffeOps().find((o) => o.paramBlock === w.word) : undefined);
      if (op) contents.push({ value: opMarkdown(op) });
      return contents.length ? { range, contents } : null;
    },
  });

  const rules = (dark: boolean) => [
    { token: 'key', foreground: dark ? '9cdcfe' : '0b5394' },
    { token: 'type.identifier', foreground: dark ? 'c586c0' : '7b1fa2', fontStyle: 'bold' },
    { token: 'constant', foreground: dark ? '4ec9b0' : '00796b' },
    { token: 'string', foreground: dark ? 'ce9178' : 'a31515' },
    { token: 'number', foreground: dark ? 'b5cea8' : '098658' },
    { token: 'comment', foreground: dark ? '6a9955' : '6a737d', fontStyle: 'italic' },
  ];
  monaco.editor.defineTheme('layerscope-light', {
    base: 'vs',
    inherit: true,
    rules: rules(false),
    colors: { 'editor.background': '#ffffff' },
  });
  monaco.editor.defineTheme('layerscope-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: rules(true),
    colors: { 'editor.background': '#161b22' },
  });

  // Keras / Caffe JSON: the editor's own JSON validation (syntax, trailing commas, duplicates).
  const json =
    (monaco as unknown as { json?: { jsonDefaults?: JsonDefaults } }).json?.jsonDefaults ??
    (monaco.languages as unknown as { json?: { jsonDefaults?: JsonDefaults } }).json?.jsonDefaults;
  json?.setDiagnosticsOptions({ validate: true, allowComments: false, trailingCommas: 'error', schemas: [] });
}

interface JsonDefaults {
  setDiagnosticsOptions(opts: { validate: boolean; allowComments: boolean; trailingCommas: string; schemas: [] }): void;
}
