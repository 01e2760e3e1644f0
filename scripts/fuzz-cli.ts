/**
 * `npm run fuzz -- --cases N [--seed S] [--workers W]`: seeded mutations of the model corpus
 * through every reader, the analysis and the report formatters (lib/fuzz), printing crash /
 * hang / NaN counts and reproducers. Bundled by scripts/fuzz.mjs; the same bundle runs as the
 * main thread and as the worker threads that run the cases. A case that runs for WATCHDOG_MS
 * is killed with its worker (an endless loop cannot be interrupted in-thread) and counted as a hang.
 *
 *   --case I          rerun one case of the run (with --seed), write its input under --out, print what broke
 *   --file PATH --format NAME   check one file (a reproducer) as input of that format
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FUZZ_FORMATS, type FuzzFormat } from '../lib/fuzz/formats';
import {
  type CaseResult,
  checkInput,
  describeFailure,
  emptySummary,
  generateCase,
  HANG_MS,
  record,
  runCase,
} from '../lib/fuzz/run';

/** A case still running after this is killed and counted as a hang. */
const WATCHDOG_MS = 30_000;

interface Job {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  readonly stride: number;
}

type FromWorker = { kind: 'start'; index: number } | { kind: 'done'; result: CaseResult } | { kind: 'finished' };

function workerLoop(job: Job): void {
  for (let i = job.from; i < job.to; i += job.stride) {
    parentPort!.postMessage({ kind: 'start', index: i } satisfies FromWorker);
    const result = runCase(job.seed, i);
    // Passing cases travel without their (possibly large) input.
    const slim = result.violations.length ? result : { ...result, fuzzCase: { ...result.fuzzCase, input: '' } };
    parentPort!.postMessage({ kind: 'done', result: slim } satisfies FromWorker);
  }
  parentPort!.postMessage({ kind: 'finished' } satisfies FromWorker);
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

function writeReproducer(outDir: string, seed: number, r: CaseResult): string {
  mkdirSync(outDir, { recursive: true });
  const format = FUZZ_FORMATS.find((f) => f.name === r.fuzzCase.format);
  const file = path.join(outDir, `${r.fuzzCase.format}-s${seed}-c${r.index}.${format?.ext ?? 'txt'}`);
  writeFileSync(file, r.fuzzCase.input);
  return file;
}

function checkFile(file: string, formatName: string): number {
  const format: FuzzFormat | undefined = FUZZ_FORMATS.find((f) => f.name === formatName);
  if (!format) {
    console.error(`fuzz: --format must be one of ${FUZZ_FORMATS.map((f) => f.name).join(', ')}`);
    return 2;
  }
  const bytes = readFileSync(file);
  const input = formatName === 'onnx' ? new Uint8Array(bytes) : bytes.toString('utf8');
  const { ms, violations } = checkInput(format, { format: formatName, seed: file, mutators: [], input }, 1);
  console.log(`${file}: ${violations.length} problem(s), ${ms.toFixed(0)} ms`);
  for (const v of violations) console.log(`  ${v.kind}: ${v.message}`);
  return violations.length ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const seed = Number(arg(argv, '--seed') ?? 1);
  const outDir = arg(argv, '--out') ?? 'fuzz-out';
  const file = arg(argv, '--file');
  if (file !== undefined) return checkFile(file, arg(argv, '--format') ?? 'prototxt');
  const one = arg(argv, '--case');
  if (one !== undefined) {
    const r = runCase(seed, Number(one));
    const written = writeReproducer(outDir, seed, r);
    console.log(describeFailure(seed, r).replace(/\n {2}reproduce:.*$/, ''));
    console.log(`input written to ${written}${r.violations.length ? '' : ' (no problem found)'}`);
    return r.violations.length ? 1 : 0;
  }
  const cases = Number(arg(argv, '--cases') ?? 10_000);
  const from = Number(arg(argv, '--from') ?? 0);
  const workers = Math.max(1, Number(arg(argv, '--workers') ?? 1));
  if (!Number.isInteger(seed) || !Number.isInteger(cases) || cases < 1) {
    console.error(
      'usage: npm run fuzz -- --cases N [--seed S] [--from I] [--workers W] [--out DIR] | --case I | --file PATH --format NAME',
    );
    return 2;
  }
  const summary = emptySummary();
  const started = performance.now();
  const to = from + cases;
  let nextReport = 10_000;
  console.log(
    `fuzz: ${cases} cases from ${from}, seed ${seed}, formats ${FUZZ_FORMATS.map((f) => f.name).join(', ')}, ${workers} worker(s); load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const runWorker = (first: number, w: number): Promise<void> =>
    new Promise((resolve) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { seed, from: first, to, stride: workers } });
      let current: { index: number; since: number } | null = null;
      const watchdog = setInterval(() => {
        if (!current || performance.now() - current.since < WATCHDOG_MS) return;
        const index = current.index;
        current = null;
        clearInterval(watchdog);
        void worker.terminate();
        const { fuzzCase, batch } = generateCase(seed, index);
        const r: CaseResult = {
          index,
          fuzzCase,
          batch,
          ms: WATCHDOG_MS,
          violations: [{ kind: 'hang', message: `still running after ${WATCHDOG_MS} ms: killed` }],
        };
        record(summary, r);
        writeReproducer(outDir, seed, r);
        console.log(describeFailure(seed, r));
        // Go on after the killed case, in a fresh worker.
        void runWorker(index + workers, w).then(resolve);
      }, 1000);
      worker.on('message', (m: FromWorker) => {
        if (m.kind === 'start') current = { index: m.index, since: performance.now() };
        else if (m.kind === 'done') {
          current = null;
          record(summary, m.result);
          if (m.result.violations.length) {
            const written = writeReproducer(outDir, seed, m.result);
            console.log(`${describeFailure(seed, m.result)}\n  input: ${written}`);
          }
          if (summary.cases >= nextReport) {
            nextReport += 10_000;
            const s = ((performance.now() - started) / 1000).toFixed(0);
            console.log(`… ${summary.cases} cases, ${s} s, failing ${summary.failures.length}`);
          }
        } else {
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve());
        }
      });
      worker.on('error', (err) => {
        clearInterval(watchdog);
        console.log(`worker ${w} died: ${err.message}`);
        resolve();
      });
    });

  await Promise.all(Array.from({ length: workers }, (_, w) => runWorker(from + w, w)));
  const s = summary;
  const wall = (performance.now() - started) / 1000;
  console.log('');
  console.log(
    `fuzz summary: ${s.cases} cases, seed ${seed}, ${wall.toFixed(1)} s wall (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  console.log(
    `  crashes ${s.byKind.crash}, hangs (> ${HANG_MS} ms) ${s.byKind.hang}, NaN/Infinity ${s.byKind['non-finite']}, ` +
      `errors without position ${s.byKind.unpositioned}, bad positions ${s.byKind['bad-span']}, unmarked figures > 2^53 ${s.byKind.unflagged}`,
  );
  console.log(`  failing cases by format: ${JSON.stringify(s.byFormat)}`);
  if (s.slowest)
    console.log(
      `  slowest case: ${s.slowest.index} (${s.slowest.format}) ${s.slowest.ms.toFixed(0)} ms; mean ${(s.totalMs / s.cases).toFixed(1)} ms`,
    );
  return s.failures.length ? 1 : 0;
}

if (isMainThread) {
  process.exitCode = await main(process.argv.slice(2));
} else {
  workerLoop(workerData as Job);
}
