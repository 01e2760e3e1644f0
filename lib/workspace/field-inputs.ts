/**
 * Which inputs get a shape field on their table row. A light module of its own: the page imports
 * it on the main thread, where the suggestion code (and its prototxt parser) is not wanted.
 */
import type { IRGraph, Shape } from '../ir';
import type { InputNeed } from './input-suggestions';

/**
 * The inputs whose table row offers a shape field: those the file gives no shape for (`needs`),
 * those whose shape a reader guessed and says so in a warning (a Data layer's shape from
 * crop_size with channels assumed 3: the warning points the user at that field), and those the
 * user has set. Guessed and set ones carry no suggestions: their field shows the shape in use.
 */
export function fieldInputs(
  graph: IRGraph,
  needs: readonly InputNeed[],
  diagnostics: readonly { readonly input?: string }[],
  overrides: Readonly<Record<string, Shape>>,
): readonly InputNeed[] {
  const named = new Set(needs.map((n) => n.name));
  const wanted = new Set<string>(Object.keys(overrides));
  for (const d of diagnostics) if (d.input !== undefined) wanted.add(d.input);
  const extra: InputNeed[] = [];
  for (const inp of graph.inputs) {
    if (named.has(inp.name) || !wanted.has(inp.name)) continue;
    named.add(inp.name);
    const node = inp.node !== undefined ? graph.nodes[inp.node] : undefined;
    extra.push({ name: inp.name, ...(node ? { layer: node.name } : {}), kind: node?.type ?? 'input', suggestions: [] });
  }
  return extra.length === 0 ? needs : [...needs, ...extra];
}
