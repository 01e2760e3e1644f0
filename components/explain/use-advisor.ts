'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LayerAdvice, OptionsByKind, RewriteRequest, Suggestion } from '@/lib/advisor';
import { AdvisorClient, type AdvisorWorkerLike } from '@/lib/advisor/worker/client';
import type { ModelSource } from './model-source';

/**
 * Waits this long after the last change before asking the worker: typing moves the text on every
 * key, and each request re-analyses the text, which must not compete with the live analysis.
 */
const SETTLE_MS = 400;

function createWorker(): AdvisorWorkerLike {
  return new Worker(new URL('../../lib/advisor/worker/advisor.worker.ts', import.meta.url), {
    type: 'module',
    name: 'layerscope-advisor',
  }) as unknown as AdvisorWorkerLike;
}

/**
 * One advisor worker per page, started on the first request: the panel is unmounted and mounted
 * again as the selection moves between layers, and a worker per mount would pay its start-up
 * (seconds on a busy machine) every time.
 */
let shared: AdvisorClient | null = null;
function sharedClient(): AdvisorClient {
  shared ??= new AdvisorClient(createWorker);
  return shared;
}

/** What the advisor panel shows for the selected layer. */
export interface AdvisorState {
  readonly advice: LayerAdvice | null;
  /** Why the layer has no advice (not a 2-D convolution…). */
  readonly why: string | null;
  /** The text the advice was computed for: when it is not the editor's, the panel says "updating". */
  readonly forText: string | null;
  readonly loading: boolean;
  readonly error: string | null;
}

/** The outcome of applying rewrites: the new text, or why nothing was written. */
export type ApplyOutcome = { ok: true; text: string; applied: readonly Suggestion[] } | { ok: false; message: string };

/**
 * Runs the advisor for the selected layer in its worker, on the editor's exact text, and exposes
 * the two actions (apply, similar layers). Answers for an older text or selection are dropped.
 */
export function useAdvisor(source: ModelSource | null, layer: string | null, options: OptionsByKind) {
  const [state, setState] = useState<AdvisorState>({
    advice: null,
    why: null,
    forText: null,
    loading: false,
    error: null,
  });
  const client = useRef<AdvisorClient | null>(null);
  client.current ??= sharedClient();
  const latest = useRef(0);
  const sourceRef = useRef(source);
  sourceRef.current = source;

  const text = source?.text ?? null;
  const batch = source?.batch ?? 1;
  const inputs = source?.inputs;
  useEffect(() => {
    if (text === null || layer === null || !inputs) return;
    const mine = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    const t = setTimeout(() => {
      const c = client.current;
      if (!c) return;
      c.call({ kind: 'advise', text, batch, inputs, layer, options }).then(
        (res) => {
          if (mine !== latest.current) return;
          if (res.kind === 'advice')
            setState({ advice: res.advice, why: res.why, forText: text, loading: false, error: null });
          else if (res.kind === 'error' && res.message !== 'superseded')
            setState((s) => ({ ...s, loading: false, error: res.message }));
        },
        (err: Error) => mine === latest.current && setState((s) => ({ ...s, loading: false, error: err.message })),
      );
    }, SETTLE_MS);
    return () => clearTimeout(t);
  }, [text, batch, inputs, layer, options]);

  /** Applies rewrites to the editor's current text (in the worker); fails if the text moved meanwhile. */
  const apply = useCallback(async (requests: readonly RewriteRequest[]): Promise<ApplyOutcome> => {
    const src = sourceRef.current;
    const c = client.current;
    if (!src || !c) return { ok: false, message: 'the editor is not ready' };
    try {
      const res = await c.call({ kind: 'apply', text: src.text, batch: src.batch, inputs: src.inputs, requests });
      if (res.kind === 'error') return { ok: false, message: res.message };
      if (res.kind !== 'applied') return { ok: false, message: 'unexpected answer' };
      if (res.errors.length > 0) return { ok: false, message: res.errors.join('; ') };
      if (sourceRef.current?.text !== src.text) return { ok: false, message: 'the text changed meanwhile: try again' };
      return { ok: true, text: res.text, applied: res.applied };
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
  }, []);

  // Similar layers of every suggestion, asked once the advice is in (it takes longer: every
  // layer of the same geometry is rewritten to check).
  const [similar, setSimilar] = useState<Readonly<Record<string, readonly string[]>>>({});
  const { advice, forText } = state;
  useEffect(() => {
    setSimilar({});
    const c = client.current;
    const src = sourceRef.current;
    if (!c || !src || !advice || forText !== src.text || advice.suggestions.length === 0) return;
    let live = true;
    const items = advice.suggestions.map((s) => ({ suggestion: s, options: options[s.kind] ?? {} }));
    c.call({ kind: 'similar', text: src.text, batch: src.batch, inputs: src.inputs, items }).then(
      (res) => live && res.kind === 'similar' && setSimilar(res.layers),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [advice, forText, options]);

  return { ...state, stale: state.forText !== null && state.forText !== text, apply, similar };
}
