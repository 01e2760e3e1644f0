import type { LayoutDirection, PositionedGraph, ViewGraph } from '@/lib/layout';
import { FastLayoutClient, type LayoutWorkerLike } from '@/lib/layout/fast-client';
import { fastLayout } from '@/lib/layout/fast-layout';
import { fastInput, positionFast } from '@/lib/layout/fast-view';
import { SYNC_LAYOUT_NODES } from '@/components/graph/use-layout';

/**
 * Positions a view graph with the page's own layout (components/graph/use-layout), so an exported
 * picture puts every card where the screen does: small graphs right here as the page does, big
 * ones in a layout worker of their own (the page's worker may be busy with the screen's layout).
 */
export async function layOutLikeScreen(view: ViewGraph, direction: LayoutDirection): Promise<PositionedGraph> {
  if (view.nodes.length <= SYNC_LAYOUT_NODES) return positionFast(view, fastLayout(fastInput(view, direction)));
  const client = new FastLayoutClient(createWorker);
  try {
    return positionFast(view, await client.layout(fastInput(view, direction)));
  } finally {
    client.dispose();
  }
}

function createWorker(): LayoutWorkerLike {
  return new Worker(new URL('../../lib/layout/fast-layout.worker.ts', import.meta.url), {
    type: 'module',
    name: 'layerscope-export-layout',
  }) as unknown as LayoutWorkerLike;
}
