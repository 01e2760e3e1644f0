/**
 * `npm run bench`: parse + full analysis time of the largest corpus models and of a generated
 * 5,000-layer model, next to JSON.parse of the same model's Caffe JSON form in the same process
 * (the ratio is the figure; target ≤ 3×, and resnet152 < 10 ms). Prints medians; asserts nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { analyze } from '../lib/analysis';
import { readModel } from '../lib/parse';
import { toCaffeJson } from '../lib/parse/caffe/to-json';
import { MODELS_DIR } from '../lib/testing/corpus';
import { syntheticPrototxt } from '../lib/testing/synthetic';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` repeatedly for about `budgetMs` (at least `minRuns`), returns the median ms. */
function time(fn: () => unknown, budgetMs = 1500, minRuns = 15): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up (JIT)
  const xs: number[] = [];
  const start = performance.now();
  while (xs.length < minRuns || performance.now() - start < budgetMs) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
    if (xs.length > 2000) break;
  }
  return median(xs);
}

const models: { name: string; text: string }[] = [];
for (const f of ['resnet152', 'inception-v4', 'densenet121', 'mobilenet_v1']) {
  const p = path.join(MODELS_DIR, 'caffe', `${f}.prototxt`);
  if (existsSync(p)) models.push({ name: f, text: readFileSync(p, 'utf8') });
  else console.warn(`bench: ${p} not found (is ../shared beside the repo?)`);
}
models.push({ name: 'synthetic-5000', text: syntheticPrototxt(5000) });

const rows: string[][] = [
  ['model', 'layers', 'KB', 'parse ms', 'analyse ms', 'parse+analyse ms', 'JSON.parse ms', 'ratio'],
];
for (const m of models) {
  const json = toCaffeJson(m.text);
  const graph = readModel(m.text).graph;
  const layers = graph.nodes.length;
  const parseMs = time(() => readModel(m.text));
  // Analysis alone, over one graph read beforehand: splits the total into its two halves.
  const analyseMs = time(() => analyze(graph));
  const fullMs = time(() => analyze(readModel(m.text).graph));
  const jsonMs = time(() => JSON.parse(json));
  rows.push([
    m.name,
    String(layers),
    (m.text.length / 1024).toFixed(0),
    parseMs.toFixed(2),
    analyseMs.toFixed(2),
    fullMs.toFixed(2),
    jsonMs.toFixed(2),
    `${(fullMs / jsonMs).toFixed(2)}×`,
  ]);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
// The machine is shared: a busy one inflates every figure (ratios less so), so say how busy it was.
const load = loadavg().map((l) => l.toFixed(2));
console.log(
  `parse + analysis (median; ratio = parse+analyse ÷ JSON.parse of the Caffe JSON form; load average ${load.join(' ')})`,
);
for (const r of rows)
  console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
