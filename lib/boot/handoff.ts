/**
 * The app's side of the boot path (lib/boot/protocol): taking the worker the boot script started,
 * and removing its picture once the app's own graph is painted, or at once when the app is not
 * going to show that result. Framework-free; a no-op outside a browser or without a boot.
 */
import type { WorkerLike } from '../worker/client';
import { endDrawing, type BootHandle } from './protocol';

/** The overlay element the boot script draws into. */
export const BOOT_PAINT_ID = 'ls-boot-paint';

function handle(): BootHandle | null {
  return typeof window === 'undefined' ? null : (window.__lsBoot ?? null);
}

/**
 * Takes the boot worker over, once. `adopt` says whether its boot analysis is the one the page
 * wants: the page opens the same link `fragment` (and so the same text with the same settings,
 * lib/boot/worker-boot); when it is not, the picture is
 * removed (it would show another result than the page's). Returns the worker and the messages it
 * sent before now, in order, or null when there is no boot worker to take.
 */
export function takeBootWorker(
  fragment: string | null,
): { worker: WorkerLike; buffered: unknown[]; adopt: boolean } | null {
  const b = handle();
  if (!b || b.taken) return null;
  b.taken = true;
  b.stopBuffering();
  if (b.failed !== null) {
    // A worker that never started cannot be adopted: the app starts its own.
    b.worker.terminate();
    dismissBootPaint(b.failed);
    return null;
  }
  const adopt = fragment !== null && fragment === b.fragment;
  if (!adopt) dismissBootPaint('not the page’s text');
  return { worker: gateMessages(b), buffered: b.buffered.splice(0), adopt };
}

/**
 * The boot worker as the app's WorkerLike, its messages held back while the picture is being
 * painted (BootHandle.drawing): the worker sends its result right after the picture, and the
 * app's first render of it (~100 ms on this machine) would otherwise run before the frame that
 * shows the picture. Held messages are then delivered in order, each in its own task (a big result
 * comes in parts, each meant to be taken in a short task).
 */
export function gateMessages(b: BootHandle): WorkerLike {
  const w = b.worker;
  const held: unknown[] = [];
  let handler: ((ev: { data: unknown }) => void) | null = null;
  const flush = () => {
    if (held.length === 0) return;
    handler?.({ data: held.shift() });
    if (held.length > 0) setTimeout(flush, 0);
  };
  const schedule = () => (b.drawing ? b.whenDrawn.push(() => setTimeout(flush, 0)) : setTimeout(flush, 0));
  const dispatch = (data: unknown) => {
    if (handler && !b.drawing && held.length === 0) return handler({ data });
    held.push(data);
    // The first held message starts the flush (once drawn); later ones join that chain.
    if (held.length === 1 && handler) schedule();
  };
  // The main-thread boot's result arrives this way (lib/boot/main-boot), in order with the worker's.
  b.deliver = dispatch;
  const gated: WorkerLike = {
    postMessage: (msg) => w.postMessage(msg),
    terminate: () => w.terminate(),
    get onmessage() {
      return handler;
    },
    set onmessage(fn) {
      handler = fn;
      w.onmessage = fn ? (ev: MessageEvent<unknown>) => dispatch(ev.data) : null;
      if (fn && held.length > 0) schedule();
    },
    get onerror() {
      return w.onerror as WorkerLike['onerror'];
    },
    set onerror(fn) {
      w.onerror = fn;
    },
  };
  return gated;
}

/** Removes the boot picture (and stops it from being drawn if it has not been yet). */
export function dismissBootPaint(why: string): void {
  const b = handle();
  if (b && b.closed === null) b.closed = why;
  if (b) endDrawing(b);
  if (typeof document !== 'undefined') document.getElementById(BOOT_PAINT_ID)?.remove();
}
