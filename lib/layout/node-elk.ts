import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkLayouter } from './elk-graph';

/**
 * An in-process ELK for Node (tests, CLI, benchmark). The browser never imports this file:
 * it runs ELK in a worker through layout-client.ts.
 */
export function createNodeElk(): ElkLayouter {
  return new ELK();
}
