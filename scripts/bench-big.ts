/**
 * Part of `npm run bench` (alone: `npm run bench:big`): a valid 20 MB prototxt (~175,000 layers,
 * lib/testing/synthetic) read and analysed, split by stage so each can be owned: the text parser
 * and the NetParameter conversion (lib/parse), the graph builder (lib/ir), and the analysis
 * passes (lib/analysis). Anchor: JSON.parse of the same model's Caffe JSON form, in the same run.
 * Target: parse + analysis < 2 s. Prints medians (wall and CPU) and the load average; asserts nothing.
 * On a busy machine wall time includes waiting for a core: the CPU-time ratio is then the steadier one.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analyze } from '../lib/analysis';
import { indexGraph } from '../lib/analysis/graph-index';
import { peakActivationBytes } from '../lib/analysis/memory';
import { topoOrder } from '../lib/analysis/topo';
import { GraphBuilder, type LayerSpec } from '../lib/ir/graph-builder';
import { readModel } from '../lib/parse';
import { toCaffeJson } from '../lib/parse/caffe/to-json';
import { parsePrototxt, readPrototxt } from '../lib/parse/prototxt/parser';
import type { TextSink } from '../lib/parse/prototxt/sink';
import { convertNet } from '../lib/parse/caffe/net';
import { NetBuilder } from '../lib/parse/caffe/net-builder';
import { syntheticPrototxt } from '../lib/testing/synthetic';
import { forThePage } from '../lib/worker/handler';

const LAYERS = Number(process.env.BENCH_BIG_LAYERS ?? 175_000);
const RUNS = Number(process.env.BENCH_BIG_RUNS ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Median wall and CPU ms of `fn` over RUNS runs after one warm-up. */
function time(fn: () => unknown): { wall: number; cpu: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** A sink that keeps nothing: the syntax stage alone. */
const NO_SINK: TextSink = { scalar() {}, open() {}, close() {}, duplicateKey() {} };

/**
 * The analysis alone in a fresh process (this bundle run again as a child): the model is read,
 * then analyze() runs once (what the page's worker pays for a new model) and RUNS more times.
 * In the main process every earlier stage's results stay alive, and each collection of the
 * analysis' young objects costs more with them; a fresh process is the figure to compare.
 */
function freshAnalysis(): { first: { wall: number; cpu: number }; next: { wall: number; cpu: number } } | null {
  try {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_BIG_CHILD: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const line = out.split('\n').find((l) => l.startsWith('{"first"'));
    return line ? (JSON.parse(line) as ReturnType<typeof freshAnalysis>) : null;
  } catch {
    return null;
  }
}

if (process.env.BENCH_BIG_CHILD === '1') {
  const { graph } = readModel(syntheticPrototxt(LAYERS));
  const one = () => {
    const c0 = cpuMs();
    const t0 = performance.now();
    analyze(graph);
    return { wall: performance.now() - t0, cpu: cpuMs() - c0 };
  };
  const first = one();
  const rest = Array.from({ length: RUNS }, one);
  const next = { wall: median(rest.map((r) => r.wall)), cpu: median(rest.map((r) => r.cpu)) };
  console.log(JSON.stringify({ first, next }));
}

function freshRows(): [string, string, { wall: number; cpu: number }][] {
  const fresh = freshAnalysis();
  if (!fresh) return [];
  return [
    ['  analysis in a fresh process: first run', 'lib/analysis', fresh.first],
    [`  analysis in a fresh process: next ${RUNS} (median)`, 'lib/analysis', fresh.next],
  ];
}

export function benchBig(): void {
  const text = syntheticPrototxt(LAYERS);
  const json = toCaffeJson(text);
  const { graph } = readModel(text);
  // The builder alone, replaying the layers the converter hands it.
  const specs: LayerSpec[] = graph.nodes.map((n) => ({
    name: n.name,
    type: n.type,
    attrs: n.attrs,
    ...(n.attrSpans ? { attrSpans: { ...n.attrSpans } } : {}),
    ...(n.span ? { span: n.span } : {}),
    ...(n.nameSpan ? { nameSpan: n.nameSpan } : {}),
    bottoms: n.bottoms.map((b) => graph.blobs.get(b)?.name ?? b),
    tops: n.tops.map((t) => graph.blobs.get(t)?.name ?? t),
  }));
  const inputs = graph.inputs.filter((i) => i.node === undefined);
  const built = new NetBuilder({ json: false, lenient: false, lazySpansOf: text });
  const builtSyntax = readPrototxt(text, built);
  const analysis = analyze(graph);
  const index = indexGraph(graph);
  const shapes = index.ids.map((id) => analysis.blobShapes.get(id) ?? null);

  const rows: [string, string, { wall: number; cpu: number }][] = [
    ['JSON.parse of the Caffe JSON form (anchor)', '—', time(() => JSON.parse(json))],
    ['prototxt text parse into a message tree', 'lib/parse/prototxt', time(() => parsePrototxt(text))],
    // The stages readModel runs, each over the previous one's output: syntax alone (a sink that
    // keeps nothing), syntax + the schema-checked Caffe builder, the conversion to the IR.
    ['  read, stage 1: syntax only', 'lib/parse/prototxt', time(() => readPrototxt(text, NO_SINK))],
    [
      '  read, stages 1–2: syntax + schema builder',
      'lib/parse/caffe',
      time(() => readPrototxt(text, new NetBuilder({ json: false, lenient: false, lazySpansOf: text }))),
    ],
    [
      '  read, stage 3: convert + graph builder',
      'lib/parse/caffe + lib/ir',
      time(() => convertNet({ net: built.net, syntax: builtSyntax, format: 'caffe', text })),
    ],
    ['read: parse + convert + build (readModel)', 'lib/parse + lib/ir', time(() => readModel(text))],
    [
      '  of which graph builder',
      'lib/ir',
      time(() => {
        const b = new GraphBuilder('caffe', 'NCHW');
        for (const i of inputs) b.addInput({ name: i.name, shape: i.shape, source: i.source });
        for (const s of specs) b.addLayer(s);
        b.build(graph.name);
      }),
    ],
    ['analysis (analyze)', 'lib/analysis', time(() => analyze(graph))],
    ...freshRows(),
    ['  of which topological order', 'lib/analysis', time(() => topoOrder(graph))],
    [
      '  of which peak memory',
      'lib/analysis',
      time(() => peakActivationBytes(graph, index, analysis.layers, shapes, 4)),
    ],
    ['parse + analysis (the target)', 'all', time(() => analyze(readModel(text).graph))],
    ['worker → page copy (structuredClone)', 'lib/worker', time(() => structuredClone(forThePage(analysis)))],
  ];
  const anchor = rows[0]![2];
  const load = loadavg().map((l) => l.toFixed(2));
  console.log(
    `20 MB model: ${(text.length / 1e6).toFixed(1)} MB prototxt, ${graph.nodes.length} layers (median of ${RUNS}; target parse + analysis < 2,000 ms; load average ${load.join(' ')})`,
  );
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [label, owner, t] of rows) {
    console.log(
      `  ${label.padEnd(w)}  ${t.wall.toFixed(0).padStart(6)} ms wall  ${t.cpu.toFixed(0).padStart(6)} ms CPU  ${(t.wall / anchor.wall).toFixed(2).padStart(6)}× JSON.parse (CPU ${(t.cpu / anchor.cpu).toFixed(2).padStart(5)}×)   ${owner}`,
    );
  }
}
