/**
 * `npx tsx scripts/profile-core.ts [model] [iterations] [full|parse|analyse]`: a CPU profile of
 * parse + analysis (or one half) of one corpus model (default resnet152; `synthetic-N` for a
 * generated N-layer one), summarised as self time per function (top 40), to find what to work on
 * next. tsx wraps named functions (`__name` in the list is its cost, absent from the bundled
 * app): the figures to report come from `npm run bench`, which runs the bundled code.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { analyze } from '../lib/analysis';
import { readModel } from '../lib/parse';
import { MODELS_DIR } from '../lib/testing/corpus';
import { syntheticPrototxt } from '../lib/testing/synthetic';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const model = process.argv[2] ?? 'resnet152';
const iterations = Number(process.argv[3] ?? 1000);
const mode = process.argv[4] ?? 'full';
const text = model.startsWith('synthetic-')
  ? syntheticPrototxt(Number(model.slice('synthetic-'.length)))
  : readFileSync(path.join(MODELS_DIR, 'caffe', `${model}.prototxt`), 'utf8');
const graph = readModel(text).graph;
const work =
  mode === 'parse'
    ? () => readModel(text)
    : mode === 'analyse'
      ? () => analyze(graph)
      : () => analyze(readModel(text).graph);

for (let i = 0; i < 50; i++) work();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const t0 = performance.now();
for (let i = 0; i < iterations; i++) work();
const ms = (performance.now() - t0) / iterations;
const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
const self = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  total += hits;
  const file = n.callFrame.url.replace(/^.*\/(lib|node_modules)\//, '$1/');
  const key = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + hits);
}
console.log(`${model} ${mode}: ${ms.toFixed(3)} ms per iteration over ${iterations}`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
  console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
