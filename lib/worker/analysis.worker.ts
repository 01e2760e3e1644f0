/// <reference lib="webworker" />
// Worker entry: parses and analyses model text off the main thread. Framework-free.
import { AnalysisQueue } from './handler';
import { isWorkerRequest, type WorkerResponse } from './protocol';
import { splitResponse } from './transfer';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Big results go in parts, so the page takes them in several short tasks instead of one long one.
const queue = new AnalysisQueue((res: WorkerResponse) => {
  for (const msg of splitResponse(res)) scope.postMessage(msg);
});

scope.onmessage = (ev: MessageEvent<unknown>) => {
  if (isWorkerRequest(ev.data)) queue.receive(ev.data);
};
