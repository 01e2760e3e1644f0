import type { FastLayoutInput, FastLayoutResult } from './fast-layout';

/** Asks the layout worker to lay out one graph. */
export interface FastLayoutRequest {
  readonly id: number;
  readonly input: FastLayoutInput;
}

/** The worker's answer: positions, or why the layout failed. */
export type FastLayoutResponse =
  | { readonly id: number; readonly result: FastLayoutResult; readonly error?: undefined }
  | { readonly id: number; readonly error: string; readonly result?: undefined };

/** True for a well-formed request (the worker ignores anything else). */
export function isFastLayoutRequest(v: unknown): v is FastLayoutRequest {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const input = r.input as Record<string, unknown> | undefined;
  return (
    typeof r.id === 'number' && typeof input === 'object' && input !== null && input.widths instanceof Float64Array
  );
}

/** Thrown (as a rejection) when a layout was cancelled or superseded. */
export class LayoutCancelled extends Error {
  constructor() {
    super('layout cancelled');
    this.name = 'LayoutCancelled';
  }
}

/** The part of a Worker the client uses; lets tests drive it with a fake. */
export interface LayoutWorkerLike {
  postMessage(msg: FastLayoutRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

/**
 * Runs the fast layout in a worker, one graph at a time. A new request or cancel() terminates a
 * running layout (the worker cannot be interrupted otherwise) and the next request starts a fresh
 * worker; an idle worker is reused.
 */
export class FastLayoutClient {
  private worker: LayoutWorkerLike | null = null;
  private nextId = 1;
  private pending: { id: number; resolve(r: FastLayoutResult): void; reject(e: unknown): void } | null = null;

  constructor(private readonly create: () => LayoutWorkerLike) {}

  /** Starts the worker ahead of the first big graph, so that graph does not wait for its script. */
  warmUp(): void {
    this.ensure();
  }

  private ensure(): LayoutWorkerLike {
    if (this.worker) return this.worker;
    const w = this.create();
    w.onmessage = (ev) => {
      const d = ev.data as FastLayoutResponse;
      const p = this.pending;
      if (!p || d?.id !== p.id) return;
      this.pending = null;
      if (d.result) p.resolve(d.result);
      else p.reject(new Error(d.error ?? 'layout failed'));
    };
    w.onerror = (ev) => {
      const p = this.pending;
      this.pending = null;
      this.worker?.terminate();
      this.worker = null;
      p?.reject(
        new Error(`layout worker failed: ${(ev as { message?: string } | null)?.message ?? 'could not start'}`),
      );
    };
    this.worker = w;
    return w;
  }

  /** True while a layout is running. */
  get busy(): boolean {
    return this.pending !== null;
  }

  layout(input: FastLayoutInput): Promise<FastLayoutResult> {
    this.cancel();
    const id = this.nextId++;
    return new Promise<FastLayoutResult>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      // Copies, not transfers: the caller keeps its input (a retry lays out the same arrays).
      this.ensure().postMessage({ id, input }, []);
    });
  }

  /** Stops a running layout (its promise rejects with LayoutCancelled). */
  cancel(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
    p.reject(new LayoutCancelled());
  }

  dispose(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }
}
