import { expect } from 'vitest';
import type { AnalysisResult, LayerResult } from '../analysis/types';
import { analyzeText } from '../index';
import { applyRewrites, type AdviseInput } from './advise';
import type { Suggestion } from './types';

/** Test-only: error messages of an analysis without positions (positions move when text is inserted). */
export function errorMessages(a: AnalysisResult): string[] {
  return a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

/**
 * Test-only: applies `suggestions` (one per layer) to the text, re-reads and re-analyses the
 * result, and checks that (1) each block's layers are there with exactly the advised per-layer and
 * summed figures, its output shape is the layer's own and its receptive field the advised one
 * (`checkRF`), and (2) every layer that was not rewritten keeps its output shapes and figures.
 * Returns the re-analysis.
 */
export function checkApplied(input: AdviseInput, suggestions: readonly Suggestion[], checkRF = true): AnalysisResult {
  const res = applyRewrites(
    input,
    suggestions.map((s) => ({ layer: s.layer, kind: s.kind, options: s.options })),
  );
  expect(res.errors).toEqual([]);
  expect(res.applied.map((s) => s.id)).toEqual(expect.arrayContaining(suggestions.map((s) => s.id)));
  const after = analyzeText(res.text, { batch: input.analysis.batch });
  expect(errorMessages(after)).toEqual(errorMessages(input.analysis));
  const byName = new Map<string, LayerResult>(after.layers.map((l) => [l.name, l]));
  const rewritten = new Set(suggestions.map((s) => s.layer));
  for (const s of res.applied) {
    let params = 0;
    let macs = 0;
    let flops = 0;
    let activationBytes = 0;
    let weightBytes = 0;
    for (const b of s.block) {
      const l = byName.get(b.name);
      expect(l, `${s.id}: block layer ${b.name} is in the rewritten model`).toBeDefined();
      expect([l!.type, l!.params, l!.macs, l!.flops], `${s.id}: ${b.name}`).toEqual([
        b.type,
        b.params,
        b.macs,
        b.flops,
      ]);
      expect(l!.outputs[0], `${s.id}: ${b.name} output`).toEqual(b.output);
      params += l!.params;
      macs += l!.macs;
      flops += l!.flops;
      activationBytes += l!.activationBytes;
      weightBytes += l!.weightBytes;
    }
    expect({ params, macs, flops, activationBytes, weightBytes }, s.id).toEqual({
      params: s.after.params,
      macs: s.after.macs,
      flops: s.after.flops,
      activationBytes: s.after.activationBytes,
      weightBytes: s.after.weightBytes,
    });
    const last = byName.get(s.block[s.block.length - 1]!.name)!;
    expect(last.outputs[0], `${s.id}: block output`).toEqual(s.outputShape);
    if (checkRF) expect(last.receptiveField, `${s.id}: receptive field`).toEqual(s.after.rf);
  }
  for (const l of input.analysis.layers) {
    if (rewritten.has(l.name)) continue;
    const m = byName.get(l.name);
    expect(m, `layer ${l.name} is kept`).toBeDefined();
    expect([m!.outputs, m!.params, m!.macs, m!.flops], `layer ${l.name} is unchanged`).toEqual([
      l.outputs,
      l.params,
      l.macs,
      l.flops,
    ]);
  }
  const added = res.applied.reduce((n, s) => n + s.block.length - 1, 0);
  expect(after.layers.length).toBe(input.analysis.layers.length + added);
  return after;
}
