import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gateMessages } from './handoff';
import { endDrawing, type BootHandle } from './protocol';

/** A boot handle over a fake worker whose messages the test sends by hand. */
function fakeBoot() {
  const worker = {
    onmessage: null as ((ev: MessageEvent<unknown>) => void) | null,
    onerror: null,
    postMessage: vi.fn(),
    terminate: vi.fn(),
  };
  const b: BootHandle = {
    worker: worker as unknown as Worker,
    fragment: 'x',
    startedAt: 0,
    buffered: [],
    taken: true,
    closed: null,
    failed: null,
    paintedAt: null,
    drawing: false,
    whenDrawn: [],
    mode: 'worker',
    deliver: null,
    stopBuffering: () => undefined,
  };
  const send = (data: unknown) => worker.onmessage?.({ data } as MessageEvent<unknown>);
  return { b, worker, send };
}

describe('gateMessages: the app waits for the boot picture to be painted', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes messages straight through when no picture is being drawn', () => {
    const { b, send } = fakeBoot();
    const got: unknown[] = [];
    gateMessages(b).onmessage = (ev) => got.push(ev.data);
    send({ kind: 'result', id: 0 });
    expect(got).toEqual([{ kind: 'result', id: 0 }]);
  });

  it('holds messages while the picture is drawn, then delivers them in order, one per task', () => {
    const { b, send } = fakeBoot();
    const got: unknown[] = [];
    gateMessages(b).onmessage = (ev) => got.push(ev.data);
    b.drawing = true;
    send('part 1');
    send('part 2');
    send('part 3');
    vi.runAllTimers();
    expect(got).toEqual([]);
    endDrawing(b);
    expect(got).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(got).toEqual(['part 1']);
    send('part 4'); // arrives mid-flush: after the held ones, not before
    vi.advanceTimersToNextTimer();
    expect(got).toEqual(['part 1', 'part 2']);
    vi.runAllTimers();
    expect(got).toEqual(['part 1', 'part 2', 'part 3', 'part 4']);
    send('part 5');
    expect(got.at(-1)).toBe('part 5');
  });

  it('takes a message handed over by the main-thread boot in order with the worker’s', () => {
    const { b, send } = fakeBoot();
    const got: unknown[] = [];
    gateMessages(b).onmessage = (ev) => got.push(ev.data);
    b.deliver!({ kind: 'result', id: 0 });
    expect(got).toEqual([{ kind: 'result', id: 0 }]);
    b.drawing = true;
    b.deliver!('main result');
    send('worker message');
    vi.runAllTimers();
    expect(got).toHaveLength(1);
    endDrawing(b);
    vi.runAllTimers();
    expect(got.slice(1)).toEqual(['main result', 'worker message']);
  });

  it('forwards requests and termination to the worker', () => {
    const { b, worker } = fakeBoot();
    const w = gateMessages(b);
    w.postMessage({ kind: 'cancel', id: 3 } as never);
    w.terminate();
    expect(worker.postMessage).toHaveBeenCalledWith({ kind: 'cancel', id: 3 });
    expect(worker.terminate).toHaveBeenCalled();
  });
});
