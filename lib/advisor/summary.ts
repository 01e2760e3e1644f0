import type { LayerResult } from '../analysis/types';
import type { ModelFormat } from '../ir';
import { formatInt } from '../report/format';

/**
 * A count with thousands separators (1,228,800). Counts are exact up to 2^53; a larger one (a
 * double has rounded it) is marked "≈" rather than shown as if exact.
 */
export function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? formatInt(n) : `≈${formatInt(n)}`;
}

function pair(v: readonly number[]): string {
  return v.join('×');
}

/** One line a person reads for a layer of a rewrite's block: "3×3 conv 64→64, pad 1×1". */
export function blockSummary(l: LayerResult, format: ModelFormat): string {
  const g = l.algorithms?.geometry;
  if (g) {
    const parts = [
      `${pair(g.kernel)} ${g.group === g.cIn && g.cIn > 1 ? 'depthwise conv' : 'conv'} ${g.cIn}→${g.cOut}`,
    ];
    if (g.group > 1 && g.group !== g.cIn) parts.push(`${g.group} groups`);
    if (g.stride.some((s) => s !== 1)) parts.push(`stride ${pair(g.stride)}`);
    if (format !== 'keras' && g.pad.some((p) => p !== 0)) parts.push(`pad ${pair(g.pad)}`);
    if (g.dilation.some((d) => d !== 1)) parts.push(`dilation ${pair(g.dilation)}`);
    return parts.join(', ');
  }
  switch (l.type) {
    case 'ReLU':
      return 'ReLU (in place)';
    case 'ShuffleChannel':
      return 'channel shuffle (no multiplications)';
    case 'Reshape':
      return `reshape to ${pair((l.outputs[0] ?? []).slice(1))}`;
    case 'Permute':
      return 'swap the group and channel axes (the shuffle)';
    default:
      return l.type;
  }
}
