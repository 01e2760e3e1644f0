/**
 * Layout benchmark (part of `npm run bench`), in Node, bundled by esbuild as the browser gets it.
 *
 * 1. The page's layout (lib/layout/fast-layout) on 1,000 / 5,000 / 20,000-box graphs and on the
 *    corpus models: median of N runs after one warm-up, next to the target (a 20,000-layer model
 *    must lay out well under a second in the page's worker).
 * 2. ELK on resnet152, first call in this process against the median once warm: the finding
 *    behind the switch (ELK's cost in the page was its cold JIT, not the worker).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../lib/analysis';
import { readModel } from '../lib/parse';
import { buildViewGraph, layoutView, type ViewGraph } from '../lib/layout';
import { fastLayout } from '../lib/layout/fast-layout';
import { fastInput } from '../lib/layout/fast-view';
import { createNodeElk } from '../lib/layout/node-elk';
import { branchyPrototxt, chainPrototxt, syntheticPrototxt } from '../lib/testing/synthetic';

const SHARED = process.env.LAYERSCOPE_SHARED ?? path.resolve(process.cwd(), '../shared');

/** One measured graph. */
export interface LayoutBench {
  name: string;
  nodes: number;
  edges: number;
  runs: number;
  medianMs: number;
  maxMs: number;
  /** Target in ms, or null when the row is for information. */
  targetMs: number | null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function view(text: string): ViewGraph {
  return buildViewGraph(analyze(readModel(text).graph));
}

function corpus(name: string): string | null {
  const file = path.join(SHARED, 'models', 'caffe', `${name}.prototxt`);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** Fast-layout times for synthetic and corpus graphs. */
export function benchLayout(runs = 5): LayoutBench[] {
  const cases: [string, () => string | null, number | null][] = [
    ['1,000 boxes (branchy)', () => branchyPrototxt(250), 100],
    ['5,000 boxes (branchy)', () => branchyPrototxt(1250), 300],
    ['20,000 boxes (branchy)', () => branchyPrototxt(5000), 1000],
    ['2,500-conv chain', () => chainPrototxt(2500), 100],
    ['20,000-layer resnet-like (6,666 boxes)', () => syntheticPrototxt(19996), 1000],
    ['resnet152', () => corpus('resnet152'), 16],
    ['inception-v4', () => corpus('inception-v4'), 16],
    ['densenet121', () => corpus('densenet121'), 16],
  ];
  const out: LayoutBench[] = [];
  for (const [name, load, targetMs] of cases) {
    const text = load();
    if (text === null) {
      console.warn(`bench-layout: ${name} not found under ${SHARED}, skipped`);
      continue;
    }
    const v = view(text);
    const input = fastInput(v, 'DOWN');
    fastLayout(input); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fastLayout(input);
      times.push(performance.now() - t0);
    }
    out.push({
      name,
      nodes: v.nodes.length,
      edges: v.edges.length,
      runs,
      medianMs: median(times),
      maxMs: Math.max(...times),
      targetMs,
    });
  }
  return out;
}

/** ELK on resnet152: the first layout of the process (cold JIT) and the median of the next runs. */
export async function benchElkCold(runs = 5): Promise<{ firstMs: number; warmMs: number; nodes: number } | null> {
  const text = corpus('resnet152');
  if (text === null) return null;
  const v = view(text);
  const elk = createNodeElk();
  const t0 = performance.now();
  await layoutView(elk, v);
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await layoutView(elk, v);
    times.push(performance.now() - t);
  }
  return { firstMs, warmMs: median(times), nodes: v.nodes.length };
}

/** Prints the rows next to their targets. */
export function printLayoutBench(rows: readonly LayoutBench[]): void {
  for (const r of rows) {
    const target =
      r.targetMs === null ? '' : `  target ≤ ${r.targetMs} ms ${r.medianMs <= r.targetMs ? 'met' : 'NOT met'}`;
    console.log(
      `  ${r.name.padEnd(40)} ${String(r.nodes).padStart(6)} boxes ${String(r.edges).padStart(6)} edges  median ${r.medianMs.toFixed(1).padStart(7)} ms (max ${r.maxMs.toFixed(1)}, ${r.runs} runs)${target}`,
    );
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  printLayoutBench(benchLayout(Number(process.argv[2] ?? 5) || 5));
  const elk = await benchElkCold();
  if (elk)
    console.log(
      `  ELK resnet152 (${elk.nodes} boxes): first layout ${elk.firstMs.toFixed(0)} ms, warm median ${elk.warmMs.toFixed(0)} ms`,
    );
}
