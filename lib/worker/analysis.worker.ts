/// <reference lib="webworker" />
// Worker entry: parses and analyses model text off the main thread. Framework-free. Built by
// scripts/copy-assets.mjs (esbuild) into one classic worker script, /boot/analysis-worker.js, which
// the boot script starts on a cold open before the app's own scripts have loaded (lib/boot).
import { bootOnMain } from '../boot/main-boot';
import { handleBoot } from '../boot/worker-boot';
import { isBootRequest } from '../boot/protocol';
import { AnalysisQueue } from './handler';
import { isWorkerRequest, type WorkerResponse } from './protocol';
import { splitResponse } from './transfer';

declare global {
  interface Window {
    /** Set when this script is loaded on the page itself by the boot script (lib/boot/main-boot). */
    __lsBootMain?: typeof bootOnMain;
  }
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  // The boot script also runs this very file on the page (cached once, compiled where it runs):
  // the boot analysis of a small model then needs no worker (lib/boot/main-boot).
  window.__lsBootMain = bootOnMain;
} else {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const post = (res: WorkerResponse) => {
    // Big results go in parts, so the page takes them in several short tasks instead of one long one.
    for (const msg of splitResponse(res)) scope.postMessage(msg);
  };
  const queue = new AnalysisQueue(post);

  scope.onmessage = (ev: MessageEvent<unknown>) => {
    if (isBootRequest(ev.data)) {
      const res = handleBoot(ev.data, (msg) => scope.postMessage(msg));
      if (res) post(res);
    } else if (isWorkerRequest(ev.data)) queue.receive(ev.data);
  };
}
