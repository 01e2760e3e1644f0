'use client';
import { getOp } from '@/lib/ops';
import type { Monaco } from './load-monaco';

/** Monaco language id of the read-only ONNX text form (lib/parse/onnx/print.ts). */
export const ONNX_TEXT = 'onnx-text';

let registered = false;

/** Highlighting, folding and operator hover docs (from the ONNX op namespace) for the ONNX text form. */
export function registerOnnxLanguage(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: ONNX_TEXT, aliases: ['ONNX text'] });
  monaco.languages.setMonarchTokensProvider(ONNX_TEXT, {
    defaultToken: '',
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/\[[^\]\s]+\](?= )/, 'type.identifier'],
        [/(?<== )[A-Za-z_][\w.]*(?= [<(])/, 'keyword'],
        [
          /\b(u?int(4|8|16|32|64)|float(16)?|bfloat16|double|bool|string|float8\w*|complex(64|128)|seq|optional|map)\b(?=[[(\s])/,
          'type',
        ],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\b/, 'number'],
        [/[A-Za-z_][\w./:-]*(?=\s*=)/, 'key'],
        [/[{}()<>[\]]/, '@brackets'],
        [/[=:,]/, 'delimiter'],
      ],
    },
  });
  monaco.languages.setLanguageConfiguration(ONNX_TEXT, {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
      ['<', '>'],
    ],
  });
  monaco.languages.registerHoverProvider(ONNX_TEXT, {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      const op = word ? getOp(word.word, 'onnx') : undefined;
      if (!op || !word) return null;
      return {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents: [{ value: `**${op.type}** (ONNX): ${op.doc}` }, ...(op.formula ? [{ value: op.formula }] : [])],
      };
    },
  });
}
