/**
 * The boot analysis on the page's own main thread (lib/boot/boot.ts): for a share link of a
 * model that reads quickly, the analysis worker is not waited for. Starting a worker in a fresh
 * page took ~100–250 ms on this machine before its first line ran (its thread, its isolate, and
 * the round trips through a main thread that is busy laying out the page), while the main thread
 * itself is idle between the page's first layout and the app's scripts. The same code the worker
 * runs (the worker's script, loaded here as a plain script: lib/worker/analysis.worker.ts) reads,
 * analyses and draws the link in three short tasks, then hands the result to the app as if the
 * worker had sent it; a larger model is left to the worker (the boot request, as before).
 */
import { analyze } from '../analysis';
import { readModel } from '../parse';
import { handleAnalyze, textOptions } from '../worker/handler';
import type { WorkerResponse } from '../worker/protocol';
import { openShareFragment } from './link';
import type { BootPaint, BootRequest } from './protocol';
import { bootAnalyzeRequest, bootPicture } from './worker-boot';

/**
 * Texts up to this many characters are analysed on the main thread. Each of its tasks stays under
 * 100 ms up to it (inception-v4, 112 KB, the largest model measured: at most 56 ms CPU / 80 ms
 * wall per task, cold and traced, on this machine); longer ones go to the worker, which never
 * blocks the page.
 */
export const MAIN_BOOT_MAX_CHARS = 160_000;

export interface MainBootCallbacks {
  /** The picture, when one is honest (as the worker's boot-paint). */
  readonly paint: (p: BootPaint) => void;
  /** The analysis response, structured-cloned as the worker's would be. */
  readonly result: (res: WorkerResponse) => void;
  /** Not for the main thread (too long, not a text link): the caller asks the worker instead. */
  readonly toWorker: () => void;
}

/** A User Timing mark, where there is a `performance` (the benchmarks read them). */
function mark(name: string): void {
  globalThis.performance?.mark?.(name);
}

interface PostTaskScheduler {
  postTask(fn: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

/**
 * Runs `fn` in a task of its own ahead of the page's ordinary tasks where the browser can
 * (scheduler.postTask 'user-blocking'): between two steps of the boot, the app's script chunks
 * would otherwise be evaluated first (~70 ms), and the picture wait for them.
 */
function urgently(fn: () => void): void {
  const s = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (s?.postTask) void s.postTask(fn, { priority: 'user-blocking' });
  else setTimeout(fn, 0);
}

/** Runs the boot analysis in three tasks after this one (read; analyse; picture and result). */
export function bootOnMain(
  req: BootRequest,
  on: MainBootCallbacks,
  next: (fn: () => void) => void = urgently,
  now: () => number = () => performance.now(),
): void {
  const link = openShareFragment(req.fragment);
  if (link.kind !== 'text' || link.text.length > MAIN_BOOT_MAX_CHARS) return on.toWorker();
  const request = bootAnalyzeRequest(link.text, link.view.batch, req.read);
  // Read and analysed with the very options the worker's handler uses for this request.
  const options = textOptions(request);
  // Four tasks: the script's own evaluation is one; reading, analysing and drawing follow.
  next(() => {
    const readStart = now();
    let graph: ReturnType<typeof readModel>['graph'];
    try {
      graph = readModel(link.text, options).graph;
    } catch {
      return on.toWorker();
    }
    const readMs = now() - readStart;
    mark('layerscope:boot-read');
    next(() => {
      // The worker's handler, with the graph read in the task before (it never throws).
      const answer = handleAnalyze(request, now, () => analyze(graph, options));
      const res = answer.kind === 'result' ? { ...answer, elapsedMs: answer.elapsedMs + readMs } : answer;
      const analysed = now();
      mark('layerscope:boot-analysed');
      next(() => {
        let paint: BootPaint | null = null;
        try {
          paint = bootPicture(req, link, res, analysed, now);
        } catch {
          // No picture; the app draws the graph itself.
        }
        try {
          if (paint) on.paint(paint);
          mark('layerscope:boot-drawn');
        } finally {
          // The app waits for this answer (it will not ask again): it is sent whatever the picture
          // did. As the worker's message: a copy without prototypes, frozen lists or shared references.
          on.result(structuredClone(res));
        }
      });
    });
  });
}
