/**
 * Messages in the page's own words. Readers and the analysis write one message per problem,
 * and where it asks for an input shape it names the CLI's `--input NAME=DIMS` option; in the
 * page the same fix is the shape field of the input bar above the graph (and on the input's
 * table row), so the page rewrites that clause. The CLI prints the messages unchanged.
 */
import type { Diagnostic, Shape } from '../ir';

// "set it with --input data=NxCxHxW or the input-shape control", "set the shape with --input in=DIMS …",
// "(--input TOP=DIMS)": every form the readers and the analysis write (page-message.test.ts reads them all).
const SET_WITH = /set (it|the shape) with --input [^\s=]+=[^\s,;)]+(?: or the input-shape control)?/g;
const DECLARED = /unless declared \(--input TOP=DIMS\)/g;

/** The text of a message as the page shows it: no command-line syntax. */
export function pageText(message: string): string {
  if (!message.includes('--input')) return message;
  // A guessed shape (Data layer: crop_size, channels assumed) is in use, so no bar asks for it:
  // the field to correct it is on the input's table row.
  const where = message.includes(' is inferred from ')
    ? 'the shape field on its row in the layer table'
    : 'the input shape field above the graph';
  return message
    .replace(SET_WITH, (_m, what: string) => `enter ${what === 'it' ? 'it' : 'the shape'} in ${where}`)
    .replace(DECLARED, 'unless their shapes are set');
}

/** A diagnostic with its message in the page's words (the same object when nothing changes). */
export function pageDiagnostic(d: Diagnostic): Diagnostic {
  const message = pageText(d.message);
  return message === d.message ? d : { ...d, message };
}

/**
 * The diagnostics the page lists: in the page's words, without the messages about an input
 * whose shape the user has since set (its warning has been acted on and would only mislead).
 */
export function pageDiagnostics(
  list: readonly Diagnostic[],
  overrides: Readonly<Record<string, Shape>>,
): readonly Diagnostic[] {
  let changed = false;
  const out: Diagnostic[] = [];
  for (const d of list) {
    if (d.input !== undefined && overrides[d.input] !== undefined) {
      changed = true;
      continue;
    }
    const p = pageDiagnostic(d);
    if (p !== d) changed = true;
    out.push(p);
  }
  return changed ? out : list;
}
