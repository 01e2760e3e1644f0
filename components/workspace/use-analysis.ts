'use client';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AnalysisResult, BatchChoice } from '@/lib/analysis';
import type { Shape } from '@/lib/ir';
import { AnalysisClient, type WorkerLike } from '@/lib/worker/client';
import type { AnalyzeResultResponse, BinaryModel } from '@/lib/worker/protocol';

/** What the workspace knows about the analysis of the current text. */
export interface AnalysisState {
  /** Result for the newest text analysed (may contain errors). */
  latest: AnalyzeResultResponse | null;
  /** The newest result the reader could read without errors: views keep showing it while the text is broken. */
  good: AnalyzeResultResponse | null;
  /** The analysis could not run (worker error, timeout, refused input). */
  failure: string | null;
}

/** Busy flag and timings of the live analysis: they change on every edit, so they live outside React state. */
export interface LiveTiming {
  readonly busy: boolean;
  /** Time spent reading + analysing in the worker for the latest result, in ms. */
  readonly workerMs: number | null;
  /** Edit → figures on screen for the latest result, in ms. */
  readonly updateMs: number | null;
}

/**
 * A tiny store for LiveTiming. Only the status badge subscribes to it: when these figures were
 * React state of the workspace, setting "busy" on the keystroke and "on screen N ms" after the
 * paint re-rendered the whole page twice per edit (~27 ms on resnet152), in the way of the next key.
 */
export class TimingStore {
  private value: LiveTiming = { busy: true, workerMs: null, updateMs: null };
  private readonly listeners = new Set<() => void>();
  get = (): LiveTiming => this.value;
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  set(patch: Partial<LiveTiming>): void {
    const next = { ...this.value, ...patch };
    if (next.busy === this.value.busy && next.workerMs === this.value.workerMs && next.updateMs === this.value.updateMs)
      return;
    this.value = next;
    for (const fn of this.listeners) fn();
  }
}

/** Subscribes a component to the live timings. */
export function useLiveTiming(store: TimingStore): LiveTiming {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** True when the reader produced a usable graph (no reader-level error): semantic layer errors still count as usable. */
export function isReadable(a: AnalysisResult): boolean {
  return a.layers.length > 0 && !a.graph.diagnostics.some((d) => d.severity === 'error');
}

declare global {
  interface Window {
    /** Timing probes read by e2e tests and the benchmark. */
    __layerscope?: {
      analyses: number;
      lastWorkerMs: number | null;
      lastUpdateMs: number | null;
      updates: number[];
      /** Edit → result received on the main thread (worker + transfer), per update. */
      received?: number[];
    };
  }
}

const NO_DIMS: Readonly<Record<string, number>> = Object.freeze({});

function createWorker(): WorkerLike {
  return new Worker(new URL('../../lib/worker/analysis.worker.ts', import.meta.url), {
    type: 'module',
    name: 'layerscope-analysis',
  }) as unknown as WorkerLike;
}

const DEFAULT_READ = { phase: 'TEST', lenient: false } as const;

/** Runs the analysis of `text` in a worker on every change; see lib/worker/client for the scheduling. */
export function useAnalysis(
  text: string,
  batch: BatchChoice,
  inputs: Readonly<Record<string, Shape>>,
  read: { readonly phase: 'TEST' | 'TRAIN'; readonly lenient: boolean } = DEFAULT_READ,
  /** An open binary model (ONNX): analysed instead of the text. */
  binary: BinaryModel | null = null,
  /** Symbolic dimension values (ONNX). */
  dims: Readonly<Record<string, number>> = NO_DIMS,
): AnalysisState & { submitText(text: string): void; timing: TimingStore } {
  const [state, setState] = useState<AnalysisState>({ latest: null, good: null, failure: null });
  const [timing] = useState(() => new TimingStore());
  const client = useRef<AnalysisClient | null>(null);
  const editAt = useRef<number>(0);
  const pendingPaint = useRef<number | null>(null);

  useEffect(() => {
    const c = new AnalysisClient(createWorker, {
      onResult(res) {
        const editTime = editAt.current;
        const probe = (window.__layerscope ??= { analyses: 0, lastWorkerMs: null, lastUpdateMs: null, updates: [] });
        (probe.received ??= []).push(performance.now() - editTime);
        if (probe.received.length > 200) probe.received.shift();
        setState((s) => ({
          ...s,
          latest: res,
          good: isReadable(res.analysis) ? res : s.good,
          failure: null,
        }));
        timing.set({ workerMs: res.elapsedMs });
        pendingPaint.current = editTime;
      },
      onError(message) {
        setState((s) => ({ ...s, failure: message }));
      },
      onBusy(busy) {
        timing.set({ busy });
      },
    });
    client.current = c;
    return () => {
      c.dispose();
      client.current = null;
    };
  }, [timing]);

  // Edit → result → painted: measured after React committed the new figures, in the next frame.
  useEffect(() => {
    const from = pendingPaint.current;
    if (from === null || !state.latest) return;
    pendingPaint.current = null;
    const raf = requestAnimationFrame(() => {
      const ms = performance.now() - from;
      const probe = (window.__layerscope ??= { analyses: 0, lastWorkerMs: null, lastUpdateMs: null, updates: [] });
      probe.analyses++;
      probe.lastWorkerMs = state.latest?.elapsedMs ?? null;
      probe.lastUpdateMs = ms;
      probe.updates.push(ms);
      if (probe.updates.length > 200) probe.updates.shift();
      timing.set({ updateMs: ms });
    });
    return () => cancelAnimationFrame(raf);
  }, [state.latest, timing]);

  const first = useRef(true);
  const { phase, lenient } = read;
  const run = useCallback(() => {
    const c = client.current;
    if (!c) return;
    editAt.current = performance.now();
    c.request({ text, batch, inputs, phase, lenient, binary, dims });
  }, [text, batch, inputs, phase, lenient, binary, dims]);

  // Edits are sent straight from the editor's change event (submitText), before React re-renders
  // the page for the new text: that render costs tens of ms on a big model and would otherwise
  // sit in front of the worker. The effect covers the first run and batch/shape changes.
  const settings = useRef({ batch, inputs, phase, lenient, binary, dims });
  settings.current = { batch, inputs, phase, lenient, binary, dims };
  const submitted = useRef<string | null>(null);
  const submitText = useCallback((t: string) => {
    const c = client.current;
    if (!c) return;
    editAt.current = performance.now();
    submitted.current = t;
    c.request({ text: t, ...settings.current });
  }, []);

  const lastText = useRef<string | null>(null);
  useEffect(() => {
    const textChanged = lastText.current !== text;
    lastText.current = text;
    if (textChanged && submitted.current === text && !first.current) return;
    run();
    first.current = false;
  }, [run, text]);

  return { ...state, submitText, timing };
}
