/**
 * The app's side of the boot path (lib/boot/protocol): taking the worker the boot script started,
 * and removing its picture once the app's own graph is painted, or at once when the app is not
 * going to show that result. Framework-free; a no-op outside a browser or without a boot.
 */
import type { WorkerLike } from '../worker/client';
import type { BootHandle } from './protocol';

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
  return { worker: b.worker as unknown as WorkerLike, buffered: b.buffered.splice(0), adopt };
}

/** Removes the boot picture (and stops it from being drawn if it has not been yet). */
export function dismissBootPaint(why: string): void {
  const b = handle();
  if (b && b.closed === null) b.closed = why;
  if (typeof document !== 'undefined') document.getElementById(BOOT_PAINT_ID)?.remove();
}
