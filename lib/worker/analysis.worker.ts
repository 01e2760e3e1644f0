/// <reference lib="webworker" />
// Worker entry: parses and analyses model text off the main thread. Framework-free.
import { AnalysisQueue } from './handler';
import { isWorkerRequest, type WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const queue = new AnalysisQueue((res: WorkerResponse) => scope.postMessage(res));

scope.onmessage = (ev: MessageEvent<unknown>) => {
  if (isWorkerRequest(ev.data)) queue.receive(ev.data);
};
