import { describe, expect, it } from 'vitest';
import { analyzeText } from '@/lib/index';
import { buildViewGraph, cardTooltip, formatBytes as layoutBytes } from '@/lib/layout';
import { formatBytes as reportBytes, toMarkdown, toReportJson, toTable } from '@/lib/report';
import { getPreset } from '@/lib/presets';
import { HEAT_METRICS } from '@/components/graph/heat';
import { formatBytes as uiBytes } from './format';

/**
 * One unit policy for bytes (docs/counting.md, "Units"): the same model's memory figures, read
 * through every surface's formatter, must print the same text. GoogLeNet's activations read
 * 27.3 MB in one place and 26.1 MiB in another before (issue 14).
 */
describe('one unit policy for bytes', () => {
  const a = analyzeText(getPreset('googlenet')!.text);
  const total = a.totals.activationBytes;
  const conv1 = a.layers.find((l) => l.name === 'conv1/7x7_s2')!;

  it('prints the total activations the same in the summary, table, compare, CLI and Markdown export', () => {
    const shown = uiBytes(total); // summary, table footer, inspector, run panel
    expect(shown).toMatch(/^\d+(\.\d+)? MB$/);
    expect(layoutBytes(total)).toBe(shown); // graph cards, heat legend, compare totals
    expect(reportBytes(total)).toBe(shown); // CLI and exports
    expect(toTable(a)).toContain(`memory  activations ${shown} total`);
    expect(toMarkdown(a)).toContain(`| activation memory (sum) | ${shown} |`);
    // The JSON report carries the exact integer the formatted figure rounds.
    expect(toReportJson(a).totals.activationBytes).toBe(total);
    expect(Math.abs(Number(shown.split(' ')[0]) * 1e6 - total)).toBeLessThan(0.05e6);
  });

  it('prints one layer’s activations the same on its card, in the heat legend and in the table', () => {
    // conv1/7x7_s2: 64×112×112 fp32 = 3,211,264 bytes = 3.21 MB (not 3.06 MiB).
    expect(conv1.activationBytes).toBe(3_211_264);
    expect(uiBytes(conv1.activationBytes)).toBe('3.21 MB');
    expect(HEAT_METRICS.memory.format(conv1.activationBytes)).toBe('3.21 MB');
    const view = buildViewGraph(a);
    const card = view.nodes.find((n) => n.name === 'conv1/7x7_s2')!;
    expect(cardTooltip(card)).toContain('activations 3.21 MB');
    expect(toTable(a)).toMatch(/conv1\/7x7_s2\s.*\s3\.21 MB\n/);
  });

  it('rounds at unit boundaries the same way everywhere', () => {
    for (const n of [0, 512, 999, 1000, 1536, 999_499, 999_700, 27_295_616, 1.5e9, 2.5e12]) {
      expect(layoutBytes(n)).toBe(uiBytes(n));
      expect(reportBytes(n)).toBe(uiBytes(n));
    }
    expect(uiBytes(999_700)).toBe('1.00 MB');
    expect(uiBytes(1536)).toBe('1.54 kB');
    expect(uiBytes(512)).toBe('512 B');
  });
});
