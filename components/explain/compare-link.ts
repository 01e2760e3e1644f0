import type { BatchChoice } from '@/lib/analysis';
import { DEFAULT_VIEW, encodeShare } from '@/lib/share/codec';

/**
 * The compare view opened on a rewrite: A the original text, B the rewritten one, the rewritten
 * layer selected; `?rewrite=` tells the page what B is.
 */
export function rewriteCompareUrl(
  original: string,
  rewritten: string,
  layer: string,
  id: string,
  batch: BatchChoice,
): string {
  const fragment = encodeShare({
    kind: 'compare',
    a: original,
    b: rewritten,
    view: { ...DEFAULT_VIEW, batch, selected: layer },
  });
  return `/compare?rewrite=${encodeURIComponent(id)}#${fragment}`;
}
