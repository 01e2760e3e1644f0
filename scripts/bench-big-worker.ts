/**
 * The worker half of `npm run bench:big`'s browser row (scripts/bench-big-browser.mjs): in a
 * dedicated worker of headless Chromium, as the app's analysis runs, it makes the same 20 MB
 * model and times read + analysis (first run, then each later one), next to JSON.parse of the
 * model's Caffe JSON form in the same worker. Each run's result is dropped before the next.
 * Last, the structured clone of one result as the page gets it (forThePage).
 */
import { analyze } from '../lib/analysis';
import { readModel } from '../lib/parse';
import { toCaffeJson } from '../lib/parse/caffe/to-json';
import { syntheticPrototxt } from '../lib/testing/synthetic';
import { forThePage } from '../lib/worker/handler';

interface Job {
  readonly layers: number;
  readonly runs: number;
}

self.onmessage = (e: MessageEvent<Job>) => {
  const { layers, runs } = e.data;
  const text = syntheticPrototxt(layers);
  const time = (fn: () => unknown): number => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  let json: string | null = toCaffeJson(text);
  const anchor: number[] = [];
  for (let i = 0; i <= runs; i++) anchor.push(time(() => JSON.parse(json!)));
  json = null;
  const full: number[] = [];
  const read: number[] = [];
  let nodes = 0;
  for (let i = 0; i <= runs; i++) {
    full.push(
      time(() => {
        nodes = analyze(readModel(text).graph).layers.length;
      }),
    );
    read.push(time(() => readModel(text)));
  }
  // What posting the whole result to the page costs (the app posts it in parts, each cloned).
  const result = analyze(readModel(text).graph);
  const copy: number[] = [];
  for (let i = 0; i <= runs; i++) copy.push(time(() => structuredClone(forThePage(result))));
  self.postMessage({ mb: text.length / 1e6, nodes, anchor, full, read, copy, userAgent: navigator.userAgent });
};
