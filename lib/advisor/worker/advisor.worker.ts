/// <reference lib="webworker" />
// Worker entry of the advisor: analyses the editor's text and computes rewrites off the main thread.
import { AdvisorQueue } from './handler';
import { isAdvisorRequest, type AdvisorResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const queue = new AdvisorQueue((res: AdvisorResponse) => scope.postMessage(res));

scope.onmessage = (ev: MessageEvent<unknown>) => {
  if (isAdvisorRequest(ev.data)) queue.receive(ev.data);
};
