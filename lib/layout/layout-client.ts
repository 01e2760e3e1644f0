import ELK from 'elkjs/lib/elk-api.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { ElkLayouter } from './elk-graph';

/** Where copy-assets puts elkjs's self-hosted worker script (no CDN). */
export const ELK_WORKER_URL = '/elk/elk-worker.min.js';

/** Thrown (as a rejection) when a layout was cancelled or superseded. */
export class LayoutCancelled extends Error {
  constructor() {
    super('layout cancelled');
    this.name = 'LayoutCancelled';
  }
}

interface Pending {
  reject(e: unknown): void;
}

/**
 * Runs ELK in a Web Worker (elkjs's own elk-worker script, self-hosted) so layout never blocks
 * the page. ELK cannot abort a running layout, so cancelling terminates the worker and the next
 * request starts a fresh one; an idle worker is reused. Browser only.
 */
export class LayoutClient implements ElkLayouter {
  private elk: InstanceType<typeof ELK> | null = null;
  private pending = new Set<Pending>();
  private workerError: ((e: unknown) => void) | null = null;

  constructor(private readonly workerUrl: string = ELK_WORKER_URL) {}

  /**
   * Starts the worker and runs a tiny layout so the script is parsed and ELK's code is warm
   * before the first real graph arrives (a cold first layout costs several times a warm one).
   */
  warmUp(): void {
    if (this.elk) return;
    const g: ElkNode = {
      id: 'warm',
      layoutOptions: { 'elk.algorithm': 'layered' },
      children: [1, 2, 3].map((i) => ({ id: `n${i}`, width: 10, height: 10 })),
      edges: [
        { id: 'e1', sources: ['n1'], targets: ['n2'], labels: [{ text: 'x', width: 5, height: 5 }] },
        { id: 'e2', sources: ['n1'], targets: ['n3'] },
      ],
    };
    this.instance()
      .layout(g)
      .catch(() => undefined);
  }

  private instance(): InstanceType<typeof ELK> {
    if (!this.elk) {
      this.elk = new ELK({
        algorithms: ['layered'],
        workerFactory: (url?: string) => {
          const w = new Worker(url ?? this.workerUrl);
          // elk-api ignores worker errors (e.g. the script failed to load): surface them.
          w.addEventListener('error', (ev) =>
            this.workerError?.(new Error(`layout worker failed: ${ev.message || 'could not load ' + this.workerUrl}`)),
          );
          return w;
        },
        workerUrl: this.workerUrl,
      });
    }
    return this.elk;
  }

  /** True while a layout is running. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  layout(graph: ElkNode): Promise<ElkNode> {
    const elk = this.instance();
    return new Promise<ElkNode>((resolve, reject) => {
      const p: Pending = { reject };
      this.pending.add(p);
      this.workerError = (e) => {
        this.cancel();
        reject(e);
      };
      elk.layout(graph).then(
        (r) => {
          if (!this.pending.delete(p)) return;
          resolve(r as ElkNode);
        },
        (e: unknown) => {
          if (!this.pending.delete(p)) return;
          reject(e instanceof Error ? e : new Error(String((e as { message?: string })?.message ?? e)));
        },
      );
    });
  }

  /** Stops every running layout (their promises reject with LayoutCancelled). */
  cancel(): void {
    if (this.pending.size === 0) return;
    const pending = [...this.pending];
    this.pending.clear();
    this.elk?.terminateWorker();
    this.elk = null;
    for (const p of pending) p.reject(new LayoutCancelled());
  }

  dispose(): void {
    this.cancel();
    this.elk?.terminateWorker();
    this.elk = null;
  }
}
