'use client';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AnalysisResult, BatchChoice } from '@/lib/analysis';
import type { Shape } from '@/lib/ir';
import { AnalysisClient, type AnalysisClientHandlers, type AnalysisParams, type WorkerLike } from '@/lib/worker/client';
import type { AnalyzeResultResponse, BinaryModel } from '@/lib/worker/protocol';
import { dismissBootPaint, takeBootWorker } from '@/lib/boot/handoff';
import { analysisWorkerUrl, BOOT_REQUEST_ID } from '@/lib/boot/protocol';
import { isShowable } from '@/lib/workspace/partial';

/** What the workspace knows about the analysis of the current text. */
export interface AnalysisState {
  /** Result for the newest text analysed (may contain errors). */
  latest: AnalyzeResultResponse | null;
  /**
   * The newest result views can show as a model (no syntax error, some layers; semantic errors
   * allowed): equal to `latest` unless the newest text cannot be read at all.
   */
  good: AnalyzeResultResponse | null;
  /** When `good` arrived (Date.now()), so a view showing it while the text is unreadable can say which version it is. */
  goodAt: number | null;
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

/** True when views can show the result as the current model (see lib/workspace/partial). */
export function isReadable(a: AnalysisResult): boolean {
  return isShowable(a);
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

/**
 * The analysis worker: one self-contained classic script built by esbuild (scripts/copy-assets.mjs),
 * the same file the boot script starts on a cold open (lib/boot), so there is one implementation.
 */
function createWorker(): WorkerLike {
  return new Worker(analysisWorkerUrl(), { name: 'layerscope-analysis' }) as unknown as WorkerLike;
}

/** An analysis started before React hydrated, waiting for the page's hook to take it over. */
interface Early {
  readonly client: AnalysisClient;
  readonly params: AnalysisParams;
  readonly startedAt: number;
  /** Id of the early request (the boot script's when its analysis was adopted). */
  id: number;
  target: AnalysisClientHandlers | null;
  /** What happened before the hook took over, replayed to it in order. */
  readonly queue: ((h: AnalysisClientHandlers) => void)[];
}
let early: Early | null = null;

/**
 * Starts the worker and the analysis of the page's first text while the page's script is still
 * being evaluated: the worker's start-up and the analysis then run beside React's hydration
 * instead of after it (a cold open's critical path). The first useAnalysis hook to ask for the
 * same text takes the client over; nothing is lost in between.
 */
export function startAnalysisEarly(params: AnalysisParams, link: string | null): void {
  if (early || typeof Worker === 'undefined') return;
  const queue: ((h: AnalysisClientHandlers) => void)[] = [];
  const forward = (fn: (h: AnalysisClientHandlers) => void) => (e.target ? fn(e.target) : queue.push(fn));
  const client = new AnalysisClient(createWorker, {
    onResult: (res, ms) => forward((h) => h.onResult(res, ms)),
    onError: (m) => forward((h) => h.onError(m)),
    onBusy: (b) => forward((h) => h.onBusy?.(b)),
  });
  // The boot script's worker is already analysing the same link with these very params (see
  // lib/boot/worker-boot bootAnalyzeRequest): take that request over instead of sending it again.
  const boot = takeBootWorker(link);
  const startedAt = boot?.adopt ? (window.__lsBoot?.startedAt ?? performance.now()) : performance.now();
  const e: Early = { client, params, startedAt, id: BOOT_REQUEST_ID, target: null, queue };
  early = e;
  if (boot?.adopt) client.adopt(boot.worker, { id: BOOT_REQUEST_ID, textLength: params.text.length }, boot.buffered);
  else {
    if (boot) client.adopt(boot.worker, null, boot.buffered);
    client.request(params);
    e.id = client.lastSentId;
  }
}

/**
 * Takes over the early client, whatever text the page ends up sending first: the worker is the
 * page's worker either way, and a first request equal to the early one is then not sent again.
 * (Matching on the text at mount never matched: the page's text state is still null then.)
 * Call `replay` once the caller is ready for the events buffered so far.
 */
function adoptEarly(): (Early & { replay(h: AnalysisClientHandlers): void }) | null {
  const e = early;
  if (!e) return null;
  early = null;
  return {
    ...e,
    replay(h) {
      e.target = h;
      for (const fn of e.queue.splice(0)) fn(h);
    },
  };
}

const DEFAULT_READ = { phase: 'TEST', lenient: false } as const;

const sameInputs = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Runs the analysis of `text` in a worker on every change (null: no text yet, nothing to run);
 * see lib/worker/client for the scheduling.
 */
export function useAnalysis(
  text: string | null,
  batch: BatchChoice,
  inputs: Readonly<Record<string, Shape>>,
  read: { readonly phase: 'TEST' | 'TRAIN'; readonly lenient: boolean } = DEFAULT_READ,
  /** An open binary model (ONNX): analysed instead of the text. */
  binary: BinaryModel | null = null,
  /** Symbolic dimension values (ONNX). */
  dims: Readonly<Record<string, number>> = NO_DIMS,
): AnalysisState & { submitText(text: string): void; timing: TimingStore } {
  const [state, setState] = useState<AnalysisState>({ latest: null, good: null, goodAt: null, failure: null });
  const [timing] = useState(() => new TimingStore());
  const client = useRef<AnalysisClient | null>(null);
  const editAt = useRef<number>(0);
  const pendingPaint = useRef<number | null>(null);
  /** The last request sent (or taken over from the early start): an identical one is not sent again. */
  const sent = useRef<AnalysisParams | null>(null);
  /** The request started before React (see startAnalysisEarly), once taken over. */
  const earlyRequest = useRef<{ id: number; params: AnalysisParams } | null>(null);

  useEffect(() => {
    const handlers: AnalysisClientHandlers = {
      onResult(res) {
        // The early request's result when the page asked for something else first (e.g. the
        // link's input shapes): never shown, the page's own request is on its way.
        const e = earlyRequest.current;
        if (e && res.id === e.id && sent.current !== e.params) return;
        const editTime = editAt.current;
        const probe = (window.__layerscope ??= { analyses: 0, lastWorkerMs: null, lastUpdateMs: null, updates: [] });
        (probe.received ??= []).push(performance.now() - editTime);
        if (probe.received.length > 200) probe.received.shift();
        const showable = isShowable(res.analysis);
        setState((s) => ({
          ...s,
          latest: res,
          good: showable ? res : s.good,
          goodAt: showable ? Date.now() : s.goodAt,
          failure: null,
        }));
        timing.set({ workerMs: res.elapsedMs });
        pendingPaint.current = editTime;
      },
      onError(message) {
        dismissBootPaint('analysis failed');
        setState((s) => ({ ...s, failure: message }));
      },
      onBusy(busy) {
        timing.set({ busy });
      },
    };
    const taken = adoptEarly();
    if (taken) {
      editAt.current = taken.startedAt;
      sent.current = taken.params;
      earlyRequest.current = { id: taken.id, params: taken.params };
      taken.replay(handlers);
    }
    let c = taken?.client;
    if (!c) {
      c = new AnalysisClient(createWorker, handlers);
      // A boot worker nobody took (a link the page resolves later, e.g. an ONNX one) is this page's worker.
      const boot = takeBootWorker(null);
      if (boot) c.adopt(boot.worker, null, boot.buffered);
    }
    client.current = c;
    return () => {
      c.dispose();
      client.current = null;
      sent.current = null;
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

  const { phase, lenient } = read;
  const send = useCallback((params: AnalysisParams) => {
    const c = client.current;
    if (!c) return;
    const last = sent.current;
    if (
      last &&
      last.text === params.text &&
      last.batch === params.batch &&
      (last.phase ?? 'TEST') === (params.phase ?? 'TEST') &&
      !!last.lenient === !!params.lenient &&
      sameInputs(last.inputs, params.inputs) &&
      (last.binary?.id ?? null) === (params.binary?.id ?? null) &&
      sameInputs(last.dims ?? NO_DIMS, params.dims ?? NO_DIMS)
    )
      return;
    editAt.current = performance.now();
    sent.current = params;
    // Another text or setting: the boot picture (of the first request) is no longer the page's.
    dismissBootPaint('another request');
    c.request(params);
  }, []);

  // Edits are sent straight from the editor's change event (submitText), before React re-renders
  // the page for the new text: that render costs tens of ms on a big model and would otherwise
  // sit in front of the worker. The effect covers the first run and batch/shape/dims changes, and
  // sends nothing that was already sent.
  const settings = useRef({ batch, inputs, phase, lenient, binary, dims });
  settings.current = { batch, inputs, phase, lenient, binary, dims };
  const submitText = useCallback((t: string) => send({ text: t, ...settings.current }), [send]);

  useEffect(() => {
    if (text !== null) send({ text, batch, inputs, phase, lenient, binary, dims });
  }, [send, text, batch, inputs, phase, lenient, binary, dims]);

  return { ...state, submitText, timing };
}
