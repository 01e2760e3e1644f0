import type { BatchChoice } from '../analysis';
import type { ModelFormat, Shape } from '../ir';
import type { AnalyzeRequest, AnalyzeResultResponse, BinaryModel, WorkerRequest, WorkerResponse } from './protocol';
import { isWorkerResponse } from './protocol';
import { isPartResponse, PartCollector } from './transfer';

/** Extra watchdog time per MB of text, on top of the base timeout. */
const PER_MB_MS = 5_000;

/** The part of a Worker the client uses; lets tests drive the client with a fake. */
export interface WorkerLike {
  postMessage(msg: WorkerRequest): void;
  terminate(): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

/** What to analyse. */
export interface AnalysisParams {
  readonly text: string;
  readonly from?: ModelFormat;
  readonly batch: BatchChoice;
  readonly inputs: Readonly<Record<string, Shape>>;
  /** A binary model (ONNX) analysed instead of the text. */
  readonly binary?: BinaryModel | null;
  /** Symbolic dimension values (ONNX). */
  readonly dims?: Readonly<Record<string, number>>;
  /** Caffe phase (default TEST). */
  readonly phase?: 'TEST' | 'TRAIN';
  /** Caffe schema problems are warnings. */
  readonly lenient?: boolean;
}

/** Callbacks of the client; only the newest request's outcome is ever reported. */
export interface AnalysisClientHandlers {
  onResult(res: AnalyzeResultResponse, roundTripMs: number): void;
  onError(message: string): void;
  /** True while a request is waiting or running. */
  onBusy?(busy: boolean): void;
}

/** Tuning of the client. */
export interface AnalysisClientOptions {
  /** A request unanswered after this long is treated as stuck: the worker is terminated and restarted. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/**
 * Runs analyses in a worker: an edit made while the worker is idle is sent at once; edits made
 * while it is busy coalesce into one pending request (the newest text), sent when the answer
 * arrives. Drops stale results by id, and kills and restarts a worker stuck on a huge input.
 *
 * There is deliberately no debounce timer. A timer set in the editor's change handler fires only
 * after the page's re-render for the new text (tens of ms on a big model), so it added that
 * render to every keystroke's latency; the one-in-flight rule already stops a fast typist from
 * queueing a backlog.
 */
export class AnalysisClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private latestId = 0;
  private inFlight: { id: number; sentAt: number } | null = null;
  private pending: AnalysisParams | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private armedMs = 0;
  private disposed = false;
  private readonly parts = new PartCollector();
  private readonly timeoutMs: number;
  private readonly now: () => number;
  /** Number of workers started (restarts included); for tests and diagnostics. */
  startedWorkers = 0;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly handlers: AnalysisClientHandlers,
    options: AnalysisClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Analyses the newest text: now when the worker is idle, else as soon as the running analysis answers. */
  request(params: AnalysisParams): void {
    if (this.disposed) return;
    this.pending = params;
    this.handlers.onBusy?.(true);
    this.flush();
  }

  /** Stops the worker and ignores anything still under way. */
  dispose(): void {
    this.disposed = true;
    this.clearWatchdog();
    this.worker?.terminate();
    this.worker = null;
  }

  /**
   * Takes over a worker started elsewhere (the boot script, lib/boot), instead of starting one.
   * With `inFlight`, a request that worker is already answering becomes this client's request
   * in flight, as if sent now; `replay` are the messages it sent before, handled in order.
   */
  adopt(
    worker: WorkerLike,
    inFlight: { id: number; textLength: number } | null,
    replay: readonly unknown[] = [],
  ): void {
    if (this.disposed || this.worker) return;
    this.install(worker);
    if (inFlight !== null) {
      this.latestId = inFlight.id;
      this.nextId = Math.max(this.nextId, inFlight.id + 1);
      this.inFlight = { id: inFlight.id, sentAt: this.now() };
      this.handlers.onBusy?.(true);
      this.arm(this.timeoutMs + PER_MB_MS * (inFlight.textLength / (1024 * 1024)));
    }
    for (const m of replay) this.receive(m);
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    return this.install(this.createWorker());
  }

  private install(w: WorkerLike): WorkerLike {
    this.startedWorkers++;
    w.onmessage = (ev) => this.receive(ev.data);
    w.onerror = (ev) => {
      const message = (ev as { message?: string } | null)?.message ?? 'worker crashed';
      this.restart(`analysis worker failed: ${message}`);
    };
    this.worker = w;
    return w;
  }

  private flush(): void {
    const params = this.pending;
    if (!params) return;
    // One request at a time: while the worker is busy the newest text waits here, so a fast
    // typist never queues a backlog of stale analyses.
    if (this.inFlight) return;
    this.pending = null;
    const id = this.nextId++;
    this.latestId = id;
    const req: AnalyzeRequest = {
      kind: 'analyze',
      id,
      text: params.text,
      batch: params.batch,
      inputs: params.inputs,
      ...(params.from ? { from: params.from } : {}),
      ...(params.binary ? { binary: params.binary } : {}),
      ...(params.dims && Object.keys(params.dims).length ? { dims: params.dims } : {}),
      ...(params.phase ? { phase: params.phase } : {}),
      ...(params.lenient ? { lenient: true } : {}),
    };
    this.inFlight = { id, sentAt: this.now() };
    this.ensureWorker().postMessage(req);
    this.arm(this.timeoutMs + PER_MB_MS * (params.text.length / (1024 * 1024)));
  }

  /**
   * (Re)starts the stuck-worker watchdog. A big text gets more time (reading 20 MB legitimately
   * takes a while on a loaded 2-core machine), and every part of a big result that arrives
   * restarts it: a worker that is sending is not stuck.
   */
  private arm(ms: number): void {
    this.clearWatchdog();
    this.armedMs = ms;
    this.watchdog = setTimeout(() => {
      const secs = (ms / 1000).toFixed(0);
      this.restart(`analysis stopped after ${secs} s (input too large or too complex); the last good result is kept`);
    }, ms);
  }

  private receive(data: unknown): void {
    if (isPartResponse(data)) {
      if (this.inFlight && data.id === this.inFlight.id) {
        this.parts.add(data);
        this.arm(this.armedMs);
      }
      return;
    }
    if (!isWorkerResponse(data)) return;
    let res: WorkerResponse = data;
    if (!this.inFlight || res.id !== this.inFlight.id) return; // stale: an older or restarted request
    if (res.kind === 'result' && res.parts) {
      const whole = this.parts.assemble(res);
      res = whole ?? { kind: 'error', id: res.id, message: 'analysis result arrived incomplete; edit to retry' };
    }
    const roundTrip = this.now() - this.inFlight.sentAt;
    this.inFlight = null;
    this.clearWatchdog();
    // Results arrive in id order, so even when a newer text is already waiting this one is
    // fresher than what the page shows: report it (a continuous typist still sees updates), then
    // analyse the waiting text.
    if (res.kind === 'result') this.handlers.onResult(res, roundTrip);
    else this.handlers.onError(res.message);
    if (this.pending === null) this.handlers.onBusy?.(false);
    else this.flush();
  }

  private restart(message: string): void {
    this.clearWatchdog();
    this.worker?.terminate();
    this.worker = null;
    this.inFlight = null;
    this.handlers.onError(message);
    if (this.pending) this.flush();
    else if (!this.pending) this.handlers.onBusy?.(false);
  }

  private clearWatchdog(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** Id of the newest request sent; exposed for tests. */
  get lastSentId(): number {
    return this.latestId;
  }
}
