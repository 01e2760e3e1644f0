/// <reference lib="webworker" />
// Worker entry: parses and analyses model text off the main thread. Framework-free. Built by
// scripts/copy-assets.mjs (esbuild) into one classic worker script, /boot/analysis-worker.js, which
// the boot script starts on a cold open before the app's own scripts have loaded (lib/boot).
import { handleBoot } from '../boot/worker-boot';
import { isBootRequest } from '../boot/protocol';
import { AnalysisQueue } from './handler';
import { isWorkerRequest, type WorkerResponse } from './protocol';
import { splitResponse } from './transfer';

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
