/**
 * `npm run bench:onnx` (bundled by scripts/bench-onnx.mjs): the ONNX reader's two targets.
 *
 * 1. The light ResNet-50 read + analysed, target < 20 ms (median). Anchor in the same run:
 *    protobufjs decoding the same bytes into full messages (what a reader that decodes
 *    everything does before any analysis).
 * 2. A generated ~500 MB model (a VGG-19-sized network with real initializers), target < 3 s
 *    read + analysed, without a second copy of the weights: the ArrayBuffer memory the read
 *    adds is printed. Anchor: reading the file from disk (the cost no reader avoids).
 *
 * Prints medians and the load average; asserts nothing (timings on a shared machine vary).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../lib/analysis';
import { readOnnx } from '../lib/parse/onnx';
import { onnxRoot } from '../lib/parse/onnx/schema';
import { buildModel, node, type NodeSpec, type TensorSpec } from '../lib/testing/onnx-build';

const ModelProto = onnxRoot().lookupType('onnx.ModelProto');
const SHARED = process.env.LAYERSCOPE_SHARED ?? path.resolve(process.cwd(), '../shared');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median wall time and mean CPU time (ms) of `f`; on a loaded machine wall time includes waiting for a core. */
function time(rounds: number, f: () => void): { wall: number; cpu: number } {
  f();
  const ms: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  return { wall: median(ms), cpu: (c.user + c.system) / 1000 / rounds };
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const both = (t: { wall: number; cpu: number }) => `${fmt(t.wall).padStart(9)} wall, ${fmt(t.cpu).padStart(9)} CPU`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(`bench:onnx  (load average ${load()}, ${ROUNDS} rounds, medians; BENCH_ROUNDS / BENCH_WARMUP change them)`);

// 1. light ResNet-50.
const resnet = readFileSync(path.join(SHARED, 'models/onnx/light_resnet50.onnx'));
// The first open in a fresh process runs unoptimised code (a user opening one file meets this);
// the medians below are taken after WARMUP rounds, once the JIT has compiled the hot paths.
const cold0 = performance.now();
analyze(readOnnx(resnet).graph);
const coldMs = performance.now() - cold0;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
for (let i = 0; i < WARMUP; i++) analyze(readOnnx(resnet).graph);
const readMs = time(ROUNDS, () => readOnnx(resnet));
const graph = readOnnx(resnet).graph;
const analyseMs = time(ROUNDS, () => analyze(graph));
const bothMs = time(ROUNDS, () => analyze(readOnnx(resnet).graph));
const fullDecodeMs = time(ROUNDS, () => ModelProto.decode(resnet));
console.log('\nlight ResNet-50 (79.8 kB, 415 nodes; target: read + analysed < 20 ms)');
console.log(`  first read + analyse in this process (cold JIT): ${fmt(coldMs)}; then ${WARMUP} warm-up rounds`);
console.log(`  read (IR + text form)   ${both(readMs)}`);
console.log(`  analyse                 ${both(analyseMs)}`);
console.log(
  `  read + analyse          ${both(bothMs)}   ${bothMs.wall < 20 ? 'within' : 'OVER'} the 20 ms target (wall)`,
);
console.log(
  `  anchor: protobufjs full decode of the same bytes ${both(fullDecodeMs)} (read + analyse = ${(bothMs.cpu / fullDecodeMs.cpu).toFixed(1)}× in CPU time)`,
);

// 2. A generated ~500 MB model: VGG-19's layers with real float weights (143.7 M parameters).
function vgg19(): { nodes: NodeSpec[]; initializers: TensorSpec[] } {
  const cfg = [
    64,
    64,
    'M',
    128,
    128,
    'M',
    256,
    256,
    256,
    256,
    'M',
    512,
    512,
    512,
    512,
    'M',
    512,
    512,
    512,
    512,
    'M',
  ] as const;
  const nodes: NodeSpec[] = [];
  const initializers: TensorSpec[] = [];
  let x = 'data';
  let c = 3;
  let k = 0;
  for (const v of cfg) {
    const y = `t${k++}`;
    if (v === 'M') nodes.push(node('MaxPool', [x], [y], { kernel_shape: [2, 2], strides: [2, 2] }));
    else {
      initializers.push({ name: `${y}.w`, dtype: 'float', dims: [v, c, 3, 3], rawBytes: v * c * 9 * 4 });
      initializers.push({ name: `${y}.b`, dtype: 'float', dims: [v], rawBytes: v * 4 });
      nodes.push(node('Conv', [x, `${y}.w`, `${y}.b`], [`${y}.c`], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }));
      nodes.push(node('Relu', [`${y}.c`], [y]));
      c = v;
    }
    x = y;
  }
  nodes.push(node('Flatten', [x], ['flat']));
  for (const [i, [inF, outF]] of [
    [25088, 4096],
    [4096, 4096],
    [4096, 1000],
  ].entries()) {
    initializers.push({ name: `fc${i}.w`, dtype: 'float', dims: [outF!, inF!], rawBytes: outF! * inF! * 4 });
    initializers.push({ name: `fc${i}.b`, dtype: 'float', dims: [outF!], rawBytes: outF! * 4 });
    nodes.push(node('Gemm', [i === 0 ? 'flat' : `fc${i - 1}`, `fc${i}.w`, `fc${i}.b`], [`fc${i}`], { transB: 1 }));
  }
  return { nodes, initializers };
}
const dir = mkdtempSync(path.join(tmpdir(), 'layerscope-bench-onnx-'));
const file = path.join(dir, 'vgg19-weights.onnx');
{
  const { nodes, initializers } = vgg19();
  writeFileSync(
    file,
    buildModel({ inputs: ['float[N,3,224,224] data'], outputs: ['float[N,1000] fc2'], nodes, initializers }),
  );
}
const size = statSync(file).size;
console.log(
  `\ngenerated model: ${(size / 1e6).toFixed(0)} MB (VGG-19 with real fp32 weights; target: read + analysed < 3 s, no second copy)`,
);
const fileReads: number[] = [];
const reads: number[] = [];
const analyses: number[] = [];
let added = 0;
let params = 0;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const bytes = readFileSync(file);
  fileReads.push(performance.now() - t0);
  // Collect the previous round's buffer first, so the difference is this read's own.
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().arrayBuffers;
  const t1 = performance.now();
  const g = readOnnx(bytes).graph;
  reads.push(performance.now() - t1);
  added = process.memoryUsage().arrayBuffers - before;
  const t2 = performance.now();
  params = analyze(g).totals.params;
  analyses.push(performance.now() - t2);
}
rmSync(dir, { recursive: true, force: true });
const total = median(reads) + median(analyses);
console.log(`  read (IR + text form)   ${fmt(median(reads))}`);
console.log(`  analyse                 ${fmt(median(analyses))}   (${params.toLocaleString('en-US')} parameters)`);
console.log(`  read + analyse          ${fmt(total)}   ${total < 3000 ? 'within' : 'OVER'} the 3 s target`);
console.log(
  `  ArrayBuffer memory the read added: ${(added / 1e6).toFixed(2)} MB (the file is ${(size / 1e6).toFixed(0)} MB: weights are not copied)`,
);
console.log(
  `  anchor: reading the file from disk ${fmt(median(fileReads))} (read + analyse = ${(total / median(fileReads)).toFixed(2)}× of it)`,
);
console.log(`\n(load average ${load()})`);
