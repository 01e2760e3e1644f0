'use client';
import type * as MonacoNs from 'monaco-editor';

/** The Monaco API object (`window.monaco` of the self-hosted AMD build). */
export type Monaco = typeof MonacoNs;

interface AmdRequire {
  (deps: string[], onLoad: () => void, onError?: (err: unknown) => void): void;
  config(cfg: { paths: Record<string, string> }): void;
}

/** Where scripts/copy-assets.mjs puts node_modules/monaco-editor/min/vs: same origin, no CDN. */
export const MONACO_BASE = '/monaco/vs';

let loading: Promise<Monaco> | null = null;

/**
 * Loads the self-hosted Monaco with its AMD loader, once. Its editor workers are blob URLs
 * that importScripts same-origin files, so they work under COEP `require-corp`.
 */
export function loadMonaco(): Promise<Monaco> {
  if (loading) return loading;
  loading = new Promise<Monaco>((resolve, reject) => {
    const g = globalThis as unknown as { monaco?: Monaco; require?: AmdRequire };
    const start = () => {
      const req = g.require;
      if (!req?.config) {
        reject(new Error('the editor loader did not start'));
        return;
      }
      req.config({ paths: { vs: MONACO_BASE } });
      req(
        ['vs/editor/editor.main'],
        () => (g.monaco ? resolve(g.monaco) : reject(new Error('the editor did not initialise'))),
        (err) => reject(err instanceof Error ? err : new Error(`could not load the editor: ${String(err)}`)),
      );
    };
    if (g.monaco) return resolve(g.monaco);
    const script = document.createElement('script');
    script.src = `${MONACO_BASE}/loader.js`;
    script.async = true;
    script.onload = start;
    script.onerror = () => reject(new Error(`could not load ${MONACO_BASE}/loader.js (run scripts/copy-assets.mjs)`));
    document.head.appendChild(script);
  });
  // A failed load may be retried (e.g. after the assets are copied).
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
