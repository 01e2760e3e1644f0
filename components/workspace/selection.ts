import type { IRNode } from '@/lib/ir';

/** Name of the layer whose definition contains a text offset (editor cursor → selection); null outside every layer. */
export function layerAtOffset(nodes: readonly IRNode[], offset: number): string | null {
  let best: IRNode | null = null;
  for (const n of nodes) {
    const s = n.span;
    if (!s || offset < s.offset || offset > s.offset + s.length) continue;
    // Nested definitions (Keras nested models) pick the innermost span.
    if (!best || s.length < best.span!.length) best = n;
  }
  return best?.name ?? null;
}
