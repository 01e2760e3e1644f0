/**
 * Time slicing for the main-thread parts of the graph pipeline. A long computation is written
 * as a generator that yields at safe points; runSteps runs it in one go (Node, tests, small
 * models), runSliced runs it in macrotasks of a few ms each so the page keeps painting and
 * taking input while a 1,000+ box view is built.
 */

/** Items (layers, nodes, edges) processed between two yields of a step generator. */
export const STEP_ITEMS = 150;

/** A step generator: yields to offer a break, returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs a step generator to completion synchronously. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** A sliced run: its result, and a way to stop it (the promise then never settles). */
export interface SlicedRun<T> {
  readonly promise: Promise<T>;
  cancel(): void;
}

/** Schedules a callback in a later macrotask. */
export type Scheduler = (fn: () => void) => void;

const defaultScheduler: Scheduler = (fn) => {
  setTimeout(fn, 0);
};

/**
 * Runs step generators one after the other, in slices of about `budgetMs` ms, each slice in a
 * task of its own (setTimeout by default). The result is that of the last generator; each
 * generator after the first is made from the previous one's result.
 */
export function runSliced<A, B>(
  first: () => Steps<A>,
  then: (a: A) => Steps<B>,
  budgetMs = 8,
  schedule: Scheduler = defaultScheduler,
  now: () => number = () => performance.now(),
): SlicedRun<B> {
  let cancelled = false;
  const promise = new Promise<B>((resolve, reject) => {
    let one: Steps<A> | null = null;
    let two: Steps<B> | null = null;
    const slice = () => {
      if (cancelled) return;
      try {
        const end = now() + budgetMs;
        do {
          if (two) {
            const r = two.next();
            if (r.done) return resolve(r.value);
          } else {
            one ??= first();
            const r = one.next();
            if (r.done) two = then(r.value);
          }
        } while (now() < end);
        schedule(slice);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    schedule(slice);
  });
  return {
    promise,
    cancel: () => {
      cancelled = true;
    },
  };
}
