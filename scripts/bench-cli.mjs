// `npm run bench:cli`: start-up time of `layerscope analyze` on a one-layer model, next to a bare
// `node -e 0` measured in the same run (the anchor: what no CLI can beat), and through `npx` as a
// user types it. Also the one-off cost of the first start after a source change (bundle rebuild).
// Prints medians and the load average; asserts nothing. Target: npx layerscope analyze < 250 ms.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);
const work = mkdtempSync(path.join(tmpdir(), 'layerscope-bench-cli-'));
const model = path.join(work, 'one.prototxt');
writeFileSync(
  model,
  'input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n' +
    'layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 2 kernel_size: 3 } }\n',
);

function run(cmd, args, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: repo, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const bin = path.join(repo, 'bin/layerscope.mjs');
// First start with an empty cache: builds the bundle (what the first run after a change costs).
const cache = path.join(work, 'cache');
const coldMs = run(process.execPath, [bin, 'analyze', model], { LAYERSCOPE_CLI_CACHE: cache });
run(process.execPath, [bin, 'analyze', model]); // warm the real cache

const bare = [];
const cli = [];
const npx = [];
const npxBare = [];
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so a change in machine load hits every series alike.
  bare.push(run(process.execPath, ['-e', '0']));
  cli.push(run(process.execPath, [bin, 'analyze', model]));
  npx.push(run('npx', ['--no-install', 'layerscope', 'analyze', model]));
  // npx's own cost (npm starts, resolves the bin, then spawns node): no CLI can go below it.
  npxBare.push(run('npx', ['--no-install', 'node', '-e', '0']));
}
rmSync(work, { recursive: true, force: true });

const b = median(bare);
console.log(
  `CLI start-up, one-layer model (median of ${RUNS}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
console.log(`  node -e 0 (anchor)                   ${b.toFixed(0).padStart(5)} ms`);
console.log(
  `  node bin/layerscope.mjs analyze      ${median(cli).toFixed(0).padStart(5)} ms   (${(median(cli) - b).toFixed(0)} ms over bare node)`,
);
console.log(
  `  npx layerscope analyze               ${median(npx).toFixed(0).padStart(5)} ms   (${(median(npx) - b).toFixed(0)} ms over bare node; target < 250 ms)`,
);
console.log(
  `  npx node -e 0 (npx's own cost)       ${median(npxBare).toFixed(0).padStart(5)} ms   (so the CLI adds ${(median(npx) - median(npxBare)).toFixed(0)} ms over npx itself)`,
);
console.log(`  first start after a change (bundle rebuilt): ${coldMs.toFixed(0)} ms, once`);
