import type { AdvisorRequest, AdvisorResponse } from './protocol';

/** The part of a Worker the client uses; tests pass a fake. */
export interface AdvisorWorkerLike {
  postMessage(msg: AdvisorRequest): void;
  terminate(): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

type Pending = { resolve(r: AdvisorResponse): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> };

/** A request without its id (the client numbers them). */
export type AdvisorCall = AdvisorRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Promise-based access to the advisor worker. A request unanswered within `timeoutMs` rejects and
 * the worker is restarted (a pathological model must not leave the panel waiting forever).
 */
export class AdvisorClient {
  private worker: AdvisorWorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly create: () => AdvisorWorkerLike,
    private readonly timeoutMs = 120_000,
  ) {}

  private ensure(): AdvisorWorkerLike {
    if (this.worker) return this.worker;
    const w = this.create();
    w.onmessage = (ev) => {
      const res = ev.data as AdvisorResponse;
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      clearTimeout(p.timer);
      p.resolve(res);
    };
    w.onerror = () => this.restart(new Error('the advisor worker failed'));
    this.worker = w;
    return w;
  }

  private restart(err: Error): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
  }

  /** Sends a request; resolves with its response (an `error` response included). */
  call(req: AdvisorCall): Promise<AdvisorResponse> {
    const id = this.nextId++;
    const w = this.ensure();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.restart(new Error(`the advisor took longer than ${this.timeoutMs / 1000} s and was stopped`)),
        this.timeoutMs,
      );
      this.pending.set(id, { resolve, reject, timer });
      w.postMessage({ ...req, id } as AdvisorRequest);
    });
  }

  dispose(): void {
    this.restart(new Error('disposed'));
  }
}
