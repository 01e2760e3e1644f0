/**
 * Layout benchmark: ELK layered layout time in Node (in-process elk.bundled, the same options
 * the browser worker uses) for large corpus models. Run: `npx tsx scripts/bench-layout.ts [runs]`.
 * Prints the median of N runs per model (after one warm-up) with node/edge counts.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../lib/analysis';
import { readModel } from '../lib/parse';
import { buildViewGraph, layoutView, proposeGroups, collapseGroups } from '../lib/layout';
import { createNodeElk } from '../lib/layout/node-elk';

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
  for (const model of MODELS) {
    const file = path.join(SHARED, 'models', 'caffe', `${model}.prototxt`);
    if (!existsSync(file)) {
      console.warn(`bench-layout: ${file} not found, skipped`);
      continue;
    }
    const { graph } = readModel(readFileSync(file, 'utf8'));
    const analysis = analyze(graph);
    const view = buildViewGraph(analysis);
    const groups = proposeGroups(view);
    const collapsed = collapseGroups(view, groups, new Set(groups.map((g) => g.key)), analysis.blobShapes);
    await layoutView(elk, view); // warm-up: JIT of the GWT-compiled ELK
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await layoutView(elk, view);
      times.push(performance.now() - t0);
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
      collapsedNodes: collapsed.nodes.length,
      collapsedMedianMs: median(ctimes),
    });
  }
  return out;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const runs = Number(process.argv[2] ?? 5) || 5;
  const rows = await benchLayout(runs);
  for (const r of rows) {
    console.log(
      `layout ${r.model}: ${r.nodes} nodes, ${r.edges} edges — median ${r.medianMs.toFixed(0)} ms over ${r.runs} runs (min ${r.minMs.toFixed(0)}, max ${r.maxMs.toFixed(0)}); blocks collapsed: ${r.collapsedNodes} nodes, median ${r.collapsedMedianMs.toFixed(0)} ms`,
    );
  }
}
