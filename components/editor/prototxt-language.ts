'use client';
import { OPS, getOp, opTypeNames } from '@/lib/ops';
import type { OpDefinition } from '@/lib/ops';
import type { Monaco } from './load-monaco';
import { braceFoldingRanges, enclosingMessages, formatPrototxt, inTypeString, wordAt } from './prototxt-text';

/** Monaco language id of Caffe prototxt. */
export const PROTOTXT = 'prototxt';

/** Fields of NetParameter (top level). */
const NET_FIELDS = [
  'name',
  'input',
  'input_shape',
  'input_dim',
  'force_backward',
  'state',
  'debug_info',
  'layer',
  'layers',
];
/** Fields of LayerParameter common to every layer type (the `*_param` blocks are added from lib/ops). */
const LAYER_FIELDS = [
  'name',
  'type',
  'bottom',
  'top',
  'phase',
  'loss_weight',
  'param',
  'blobs',
  'propagate_down',
  'include',
  'exclude',
  'transform_param',
  'loss_param',
];
const MESSAGE_FIELDS: Record<string, readonly string[]> = {
  input_shape: ['dim'],
  shape: ['dim'],
  param: ['name', 'lr_mult', 'decay_mult', 'share_mode'],
  include: ['phase', 'min_level', 'max_level', 'stage', 'not_stage'],
  exclude: ['phase', 'min_level', 'max_level', 'stage', 'not_stage'],
  weight_filler: ['type', 'value', 'min', 'max', 'mean', 'std', 'sparse', 'variance_norm'],
  bias_filler: ['type', 'value', 'min', 'max', 'mean', 'std', 'sparse', 'variance_norm'],
};

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

/** Field names valid inside a message named `block`, for completion (empty when unknown). */
export function fieldsFor(stack: readonly string[]): string[] {
  const top = stack.at(-1);
  if (top === undefined) return NET_FIELDS;
  if (top === 'layer' || top === 'layers') {
    const blocks = new Set<string>();
    for (const op of caffeOps()) if (op.paramBlock) blocks.add(op.paramBlock);
    return [...LAYER_FIELDS, ...[...blocks].sort()];
  }
  const fields = new Set<string>();
  for (const op of caffeOps()) if (op.paramBlock === top) for (const f of op.fields ?? []) fields.add(f);
  for (const f of MESSAGE_FIELDS[top] ?? []) fields.add(f);
  return [...fields];
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
      return {
        suggestions: fieldsFor(stack).map((field) => ({
          label: field,
          kind: field.endsWith('_param')
            ? monaco.languages.CompletionItemKind.Module
            : monaco.languages.CompletionItemKind.Field,
          insertText:
            field.endsWith('_param') || field === 'layer' || field === 'input_shape'
              ? `${field} {\n\t$0\n}`
              : `${field}: `,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          range,
          detail: stack.length ? `in ${stack.at(-1)}` : 'NetParameter',
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider(PROTOTXT, {
    provideHover: (model, position) => {
      const line = model.getLineContent(position.lineNumber);
      const w = wordAt(line, position.column - 1);
      if (!w) return null;
      const op = getOp(w.word, 'caffe') ?? caffeOps().find((o) => o.paramBlock === w.word && w.word.endsWith('_param'));
      if (!op) return null;
      return {
        range: {
          startLineNumber: position.lineNumber,
          endLineNumber: position.lineNumber,
          startColumn: w.start + 1,
          endColumn: w.end + 1,
        },
        contents: [{ value: opMarkdown(op) }],
      };
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
