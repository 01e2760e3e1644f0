import type { Metadata } from 'next';
import { ComparePage } from '@/components/compare/ComparePage';

export const metadata: Metadata = { title: 'Compare — Layerscope' };

/** Two versions of a model side by side: totals, per-layer diff and the B graph coloured by change. */
export default function Page() {
  return <ComparePage />;
}
