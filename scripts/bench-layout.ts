/**
 * Layout benchmark: ELK layered layout time in Node (in-process elk.bundled, the same options
 * the browser worker uses) for large corpus models. Run: `npx tsx scripts/bench-layout.ts [runs]`.
 * Prints the median of N runs per model (after one warm-up) with node/edge counts, plus a
 * generated 1,000-layer model and each model with its name-prefix blocks collapsed.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../lib/analysis';
import { readModel } from '../lib/parse';
import { buildViewGraph, layoutView, proposeGroups, collapseGroups } from '../lib/layout';
import { createNodeElk } from '../lib/layout/node-elk';
import { syntheticPrototxt } from '../lib/testing/synthetic';

const SHARED = process.env.LAYERSCOPE_SHARED ?? path.resolve(process.cwd(), '../shared');
const MODELS = ['resnet152', 'inception-v4'];

/** One measured model: median and spread of the layout time. */
export interface LayoutBench {
  model: string;
  nodes: number;
  edges: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median CPU time of the process during one layout: on a shared machine wall time includes waiting for a core. */
  cpuMedianMs: number;
  collapsedNodes: number;
  collapsedMedianMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs the layout benchmark on the corpus models; returns one row per model found. */
export async function benchLayout(runs = 5): Promise<LayoutBench[]> {
  const elk = createNodeElk();
  const out: LayoutBench[] = [];
  const sources: [string, () => string | null][] = MODELS.map((model) => [
    model,
    () => {
      const file = path.join(SHARED, 'models', 'caffe', `${model}.prototxt`);
      if (existsSync(file)) return readFileSync(file, 'utf8');
      console.warn(`bench-layout: ${file} not found, skipped`);
      return null;
    },
  ]);
  // About 3,000 layers fold (BN, Scale) into ~1,000 boxes: the "1,000+ nodes" case of the brief.
  sources.push(['synthetic-3000-layers', () => syntheticPrototxt(3000)]);
  for (const [model, load] of sources) {
    const text = load();
    if (text === null) continue;
    const { graph } = readModel(text);
    const analysis = analyze(graph);
    const view = buildViewGraph(analysis);
    const groups = proposeGroups(view);
    const collapsed = collapseGroups(view, groups, new Set(groups.map((g) => g.key)), analysis.blobShapes);
    await layoutView(elk, view); // warm-up: JIT of the GWT-compiled ELK
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await layoutView(elk, view);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const ctimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await layoutView(elk, collapsed);
      ctimes.push(performance.now() - t0);
    }
    out.push({
      model,
      nodes: view.nodes.length,
      edges: view.edges.length,
      runs,
      medianMs: median(times),
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      cpuMedianMs: median(cpu),
      collapsedNodes: collapsed.nodes.length,
      collapsedMedianMs: median(ctimes),
    });
  }
  return out;
}

/** Prints one line per measured model. */
export function printLayoutBench(rows: readonly LayoutBench[]): void {
  for (const r of rows) {
    console.log(
      `layout ${r.model}: ${r.nodes} nodes, ${r.edges} edges — median ${r.medianMs.toFixed(0)} ms over ${r.runs} runs (min ${r.minMs.toFixed(0)}, max ${r.maxMs.toFixed(0)}; CPU median ${r.cpuMedianMs.toFixed(0)} ms); blocks collapsed: ${r.collapsedNodes} nodes, median ${r.collapsedMedianMs.toFixed(0)} ms`,
    );
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const runs = Number(process.argv[2] ?? 5) || 5;
  printLayoutBench(await benchLayout(runs));
}
