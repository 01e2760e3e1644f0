/**
 * The boot path of a cold open: a tiny script (lib/boot/boot.ts, inlined at the end of the page's
 * body by app/layout.tsx) starts
 * the analysis worker (/boot/analysis-worker.js, lib/worker/analysis.worker.ts) while the page's
 * own scripts are still downloading, and the worker answers with the analysis and a picture of
 * the graph. The app adopts that worker and its result (lib/boot/handoff). Both files are built
 * by scripts/copy-assets.mjs with esbuild, before every build and dev start.
 */

/**
 * The analysis worker, one self-contained classic worker script, under its content-hashed name
 * when the boot script has run (it sets `window.__lsWorkerUrl` on every page), else unhashed.
 */
export function analysisWorkerUrl(): string {
  return (typeof window !== 'undefined' && window.__lsWorkerUrl) || '/boot/analysis-worker.js';
}
/**
 * The pane sizes the workspace restores after it starts (components/workspace/storage
 * STORAGE_KEYS: editorSplit, graphSplit, inspectorWidth): with any of them stored, the graph view
 * moves once the app runs, so no picture is drawn where it is now.
 */
export const PANE_SIZE_KEYS: readonly string[] = [
  'layerscope.split.editor',
  'layerscope.split.graph',
  'layerscope.inspector.width',
];

/** Request id of the boot analysis: the page's own requests count from 1, so they never clash. */
export const BOOT_REQUEST_ID = 0;

/** Asks the worker to open a share link's fragment as the workspace would, analyse it and draw it. */
export interface BootRequest {
  readonly kind: 'boot';
  readonly fragment: string;
  /** The stored read settings, raw (lib/workspace/read-settings parses them, as the page does). */
  readonly read: string | null;
  readonly theme: 'light' | 'dark';
  /**
   * False when the page's panes will not be where the prerendered page has them (sizes the user
   * dragged, restored after the app starts): then the picture would be out of place, and only
   * the analysis runs.
   */
  readonly paint: boolean;
  /** The window's size: the picture holds only the cards the first view can show. */
  readonly viewport: { readonly width: number; readonly height: number };
}

/** The picture of the first view, drawn by the boot script over the graph view. */
export interface BootPaint {
  readonly kind: 'boot-paint';
  readonly id: number;
  /** SVG markup of the cards and edges in graph coordinates (no <svg> element around it). */
  readonly markup: string;
  /** The view's node count (as [data-testid=graph-view] data-node-count will say). */
  readonly nodeCount: number;
  /** Name-prefix blocks the view proposes (the toolbar's "Collapse blocks (N)"). */
  readonly groups: number;
  /** Cards in the markup. */
  readonly drawn: number;
  readonly direction: 'DOWN' | 'RIGHT';
  readonly theme: 'light' | 'dark';
  /** What lib/layout/home-view needs to frame the graph as the app does. */
  readonly frame: {
    readonly width: number;
    readonly height: number;
    readonly nodes: readonly { x: number; y: number; width: number; height: number }[];
  };
  /** Worker-side times, ms since the worker's start, for the benchmark. */
  readonly times: { readonly analysed: number; readonly drawn: number };
}

/** The boot request led to no analysis (not a text model link): the app starts its own. */
export interface BootSkip {
  readonly kind: 'boot-skip';
  readonly id: number;
}

export function isBootRequest(v: unknown): v is BootRequest {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return r.kind === 'boot' && typeof r.fragment === 'string';
}

export function isBootPaint(v: unknown): v is BootPaint {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'boot-paint';
}

/** Ends `drawing` and lets the app's held messages through (also when the picture is dismissed). */
export function endDrawing(b: BootHandle): void {
  if (!b.drawing) return;
  b.drawing = false;
  for (const fn of b.whenDrawn.splice(0)) fn();
}

/** What the boot script leaves for the app on `window.__lsBoot`. */
export interface BootHandle {
  readonly worker: Worker;
  /** The fragment the worker was asked to open. */
  readonly fragment: string;
  /** performance.now() when the worker was created. */
  readonly startedAt: number;
  /** The worker's messages so far; the app replays them when it takes the worker over. */
  readonly buffered: unknown[];
  /** Set once the app has taken the worker (later messages go to the app only). */
  taken: boolean;
  /** Set once the picture is gone (or must never be drawn): replaced, or not the page's result. */
  closed: string | null;
  /** Why the worker failed (its script did not load or threw), or null. */
  failed: string | null;
  /** performance.now() when the picture was on screen, for the benchmark. */
  paintedAt: number | null;
  /**
   * True from the moment the picture is put in the page until its first frames are painted: the
   * app holds the worker's messages back meanwhile (lib/boot/handoff gateMessages), or its first
   * render (~100 ms) would run before the frame that shows the picture.
   */
  drawing: boolean;
  /** Called (once each) when `drawing` ends: the picture painted, or dismissed before it was. */
  readonly whenDrawn: (() => void)[];
  /**
   * Where the boot analysis runs: on the page's main thread (a small model, lib/boot/main-boot),
   * or in the worker. Its result reaches the app as a worker message either way.
   */
  mode: 'main' | 'worker';
  /**
   * Hands a message to the app as if the worker had sent it (the main-thread boot's result), set
   * once the app has taken the worker (lib/boot/handoff gateMessages); before that, such a
   * message joins `buffered`.
   */
  deliver: ((data: unknown) => void) | null;
  /** Stops buffering (the app's own handler takes over). */
  stopBuffering(): void;
}

declare global {
  interface Window {
    __lsBoot?: BootHandle;
    __lsWorkerUrl?: string;
  }
}
