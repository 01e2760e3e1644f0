'use client';
import type { AnalysisResult } from '@/lib/analysis';
import type { EngineProgress, EngineResult } from '@/lib/exec/engine';
import type { Refusal } from '@/lib/exec/lower/types';
import type { RunErrorKind, RunRequest, RunWorkerResponse } from '@/lib/exec/worker/protocol';

/** What the Run panel shows; kept outside React so a hidden tab keeps its last run. */
export interface RunState {
  readonly status: 'idle' | 'running' | 'done' | 'refused' | 'error';
  readonly progress: EngineProgress | null;
  readonly result: EngineResult | null;
  readonly refused: readonly Refusal[];
  readonly error: { readonly kind: RunErrorKind; readonly message: string } | null;
  readonly threads: number | null;
  readonly threadNote: string | null;
  /** The layers that ran and, in a partial run, those left out with why. */
  readonly lowered: { readonly layers: number; readonly excluded: readonly Refusal[] } | null;
  /** The request that produced `result`, for labelling. */
  readonly request: RunRequest | null;
  /** The analysis the request was made from: results are joined with it, not with a later one. */
  readonly analysis: AnalysisResult | null;
  readonly startedAt: number | null;
}

const IDLE: RunState = {
  status: 'idle',
  progress: null,
  result: null,
  refused: [],
  error: null,
  threads: null,
  threadNote: null,
  lowered: null,
  request: null,
  analysis: null,
  startedAt: null,
};

declare global {
  interface Window {
    /** Last run result, read by e2e tests and the benchmark. */
    __layerscopeRun?: { state: RunState; results: EngineResult[] };
  }
}

/**
 * One run worker per page. Cancel and WebGPU device loss terminate it (an inference cannot be
 * interrupted from outside, and a lost device poisons the runtime); the next run starts a
 * fresh worker, so the panel always recovers. A different thread count also needs a fresh
 * worker: the WASM runtime reads numThreads once.
 */
class RunClient {
  private worker: Worker | null = null;
  private workerThreads = 0;
  private nextId = 1;
  private state: RunState = IDLE;
  private readonly listeners = new Set<() => void>();

  getState = (): RunState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(patch: Partial<RunState>): void {
    this.state = { ...this.state, ...patch };
    if (typeof window !== 'undefined') {
      const probe = (window.__layerscopeRun ??= { state: this.state, results: [] });
      probe.state = this.state;
      if (patch.result) probe.results.push(patch.result);
    }
    for (const fn of this.listeners) fn();
  }

  private ensureWorker(threads: number): Worker {
    if (this.worker && this.workerThreads !== threads) this.dispose();
    if (!this.worker) {
      const w = new Worker(new URL('../../lib/exec/worker/run.worker.ts', import.meta.url), {
        type: 'module',
        name: 'layerscope-run',
      });
      w.onmessage = (e: MessageEvent<RunWorkerResponse>) => this.onMessage(e.data);
      w.onerror = (e) => {
        this.set({
          status: 'error',
          error: { kind: 'runtime', message: e.message || 'the run worker failed to start' },
        });
        this.dispose();
      };
      this.worker = w;
      this.workerThreads = threads;
    }
    return this.worker;
  }

  private dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  run(req: Omit<RunRequest, 'id' | 'type'>, analysis: AnalysisResult): void {
    const id = this.nextId++;
    const full: RunRequest = { ...req, type: 'run', id };
    this.set({
      status: 'running',
      progress: null,
      error: null,
      refused: [],
      request: full,
      analysis,
      startedAt: Date.now(),
    });
    this.ensureWorker(req.threads).postMessage(full);
  }

  cancel(): void {
    if (this.state.status !== 'running') return;
    this.dispose();
    this.set({ status: 'error', progress: null, error: { kind: 'cancelled', message: 'cancelled' } });
  }

  reset(): void {
    this.set({ ...IDLE });
  }

  private onMessage(m: RunWorkerResponse): void {
    if (m.id !== this.state.request?.id) {
      // A late device loss from an earlier run still poisons the worker.
      if (m.type === 'error' && m.kind === 'device-lost') {
        this.dispose();
        this.set({ error: { kind: m.kind, message: `${m.message}; the next run starts a fresh runtime` } });
      }
      return;
    }
    switch (m.type) {
      case 'progress':
        this.set({
          progress: {
            phase: m.phase,
            done: m.done,
            total: m.total,
            ...(m.elapsedMs !== undefined ? { elapsedMs: m.elapsedMs } : {}),
            ...(m.lastMs !== undefined ? { lastMs: m.lastMs } : {}),
          },
        });
        break;
      case 'refused':
        this.set({ status: 'refused', refused: m.refused, progress: null });
        break;
      case 'result':
        this.set({
          status: 'done',
          result: m.result,
          threads: m.threads,
          threadNote: m.threadNote ?? null,
          lowered: m.lowered,
          progress: null,
        });
        break;
      case 'error':
        if (m.kind === 'device-lost') this.dispose();
        this.set({
          status: 'error',
          progress: null,
          error: {
            kind: m.kind,
            message: m.kind === 'device-lost' ? `${m.message}; the next run starts a fresh runtime` : m.message,
          },
        });
        break;
    }
  }
}

/** The page's run client. */
export const runClient = new RunClient();
