import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * bin/layerscope.mjs runs an esbuild bundle cached per checkout and must never run a stale one.
 * Each test uses its own cache folder (LAYERSCOPE_CLI_CACHE), so the real cache is untouched.
 */
describe('bin/layerscope.mjs: the cached CLI bundle', () => {
  const bin = path.resolve('bin/layerscope.mjs');
  const TINY = `input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 2 kernel_size: 3 } }\n`;

  it('builds on first use, reuses the bundle while its inputs are unchanged, rebuilds when one changes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'layerscope-launcher-'));
    try {
      const model = path.join(dir, 'one.prototxt');
      writeFileSync(model, TINY);
      const cache = path.join(dir, 'cache');
      const run = () => {
        const r = spawnSync(process.execPath, [bin, 'analyze', model, '--format', 'json'], {
          encoding: 'utf8',
          env: { ...process.env, LAYERSCOPE_CLI_CACHE: cache },
        });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        return JSON.parse(r.stdout) as { totals: { macs: number } };
      };
      const manifest = () =>
        JSON.parse(readFileSync(path.join(cache, 'manifest.json'), 'utf8')) as {
          entry: string;
          inputs: [string, number, number][];
        };

      expect(run().totals.macs).toBe(2 * 36 * 27);
      const first = manifest();
      // Every source the bundle was built from is listed (so a change to any of them is seen).
      const files = first.inputs.map(([f]) => f);
      expect(files).toContain('cli/main.ts');
      expect(files).toContain('lib/analysis/analyze.ts');
      expect(files.some((f) => f.startsWith('lib/ops/'))).toBe(true);

      run();
      expect(manifest().entry).toBe(first.entry);

      // A source file changed since the build (its recorded mtime no longer matches): rebuilt.
      const stale = {
        ...first,
        inputs: first.inputs.map(([f, s, m]) => [f, s, f === 'lib/ir/graph-builder.ts' ? m - 1 : m]),
      };
      writeFileSync(path.join(cache, 'manifest.json'), JSON.stringify(stale));
      expect(run().totals.macs).toBe(2 * 36 * 27);
      expect(manifest().entry).not.toBe(first.entry);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
