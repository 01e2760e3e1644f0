/**
 * The boot script (built by scripts/copy-assets.mjs into public/boot/boot.js, inlined into the
 * page's head by app/layout.tsx, so it runs as the HTML is parsed): on a cold open of a share
 * link it starts the analysis worker at once, long before the app's scripts are loaded and
 * evaluated, and draws the picture the worker sends over the graph view (lib/boot/paint-dom).
 * The app then takes the worker and its result over (lib/boot/handoff), so nothing runs twice.
 * Kept tiny: it is on the critical path of every page load. Other openings (presets, saved
 * text, `?url=`) are left to the app as before.
 */
import { parseLocation } from '../share/location';
import { READ_SETTINGS_KEY } from '../workspace/read-settings';
import { paintBoot } from './paint-dom';
import { endDrawing, isBootPaint, PANE_SIZE_KEYS, type BootHandle, type BootPaint, type BootRequest } from './protocol';

function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The worker's content-hashed URL, set by the build (scripts/copy-assets.mjs). */
declare const __LS_ANALYSIS_WORKER__: string;

function start(): void {
  window.__lsWorkerUrl = __LS_ANALYSIS_WORKER__;
  // The workspace only (the compare page opens its links itself).
  if (window.__lsBoot || typeof Worker === 'undefined' || location.pathname !== '/') return;
  const target = parseLocation(location.hash, location.search);
  if (target.kind !== 'share') return;
  // The page's head preloads the worker script at high priority (app/layout.tsx), ahead of the
  // app's script chunks: the worker (and the script below) start from that response.
  const url = __LS_ANALYSIS_WORKER__;
  const buffered: unknown[] = [];
  const buffer = (ev: MessageEvent<unknown>) => buffered.push(ev.data);
  // The worker is started when something needs it: the boot analysis of a larger model, or the
  // app taking it over. A small model's boot runs on this thread (below), and a worker starting
  // meanwhile would only take CPU from it.
  let worker: Worker | null = null;
  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = new Worker(url, { name: 'layerscope-analysis' });
    // Messages wait for the app until it takes the worker (after that, they are the app's).
    if (!b.taken) w.addEventListener('message', buffer);
    w.addEventListener('error', (ev) => (b.failed = ev.message || 'the analysis worker could not start'), {
      once: true,
    });
    const onPaint = (ev: MessageEvent<unknown>) => {
      if (!isBootPaint(ev.data)) return;
      w.removeEventListener('message', onPaint);
      show(b, ev.data);
    };
    w.addEventListener('message', onPaint);
    return (worker = w);
  };
  const b: BootHandle = {
    get worker() {
      return ensureWorker();
    },
    fragment: target.fragment,
    startedAt: performance.now(),
    buffered,
    taken: false,
    closed: null,
    failed: null,
    paintedAt: null,
    drawing: false,
    whenDrawn: [],
    deliver: null,
    mode: 'main',
    stopBuffering: () => worker?.removeEventListener('message', buffer),
  };
  window.__lsBoot = b;
  // The theme script in the head has already set the class.
  const theme = document.documentElement.classList.contains('dark') ? 'dark' : 'light';
  const req: BootRequest = {
    kind: 'boot',
    fragment: target.fragment,
    read: readStored(READ_SETTINGS_KEY),
    paint: PANE_SIZE_KEYS.every((k) => readStored(k) === null),
    theme,
    viewport: { width: innerWidth, height: innerHeight },
  };
  const toWorker = () => {
    b.mode = 'worker';
    ensureWorker().postMessage(req);
  };
  // The same script again, on this thread: a small model is read, analysed and drawn here before
  // the worker could even have started (lib/boot/main-boot); a larger one goes to the worker.
  const script = document.createElement('script');
  script.src = url;
  script.async = true;
  script.onload = () => {
    // User Timing marks of the boot's steps (the benchmarks read them; they cost nothing).
    performance.mark('layerscope:boot-script');
    const run = window.__lsBootMain;
    if (!run) return toWorker();
    run(req, {
      paint: (p) => show(b, p),
      // As if the worker had sent it: the app takes it with the worker (lib/boot/handoff).
      result: (res) => (b.deliver ? b.deliver(res) : b.buffered.push(res)),
      toWorker,
    });
  };
  script.onerror = toWorker;
  document.head.appendChild(script);
}

/** Draws the picture unless the app has already drawn its own (or ruled this one out). */
function show(b: BootHandle, p: BootPaint): void {
  const draw = () => {
    if (b.closed !== null) return;
    if (!paintBoot(p)) return;
    b.drawing = true;
    // Frames stop in a hidden tab: the app's messages are never held for long.
    setTimeout(() => endDrawing(b), 500);
    // On screen after the next frame; the app's messages wait one more frame (lib/boot/handoff),
    // so its first render cannot land between the picture and its being presented.
    requestAnimationFrame(() =>
      setTimeout(() => {
        b.paintedAt = performance.now();
        requestAnimationFrame(() => setTimeout(() => endDrawing(b), 0));
      }, 0),
    );
  };
  // Inlined at the end of <body>, the graph view is already parsed; as a fallback, wait for it.
  if (document.querySelector('[data-testid=graph-view]') || document.readyState !== 'loading') draw();
  else document.addEventListener('DOMContentLoaded', draw, { once: true });
}

start();
