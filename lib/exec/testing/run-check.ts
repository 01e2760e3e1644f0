import type { AnalysisResult } from '../../analysis';
import { checkModel, prepareLowered, type CheckResult } from '../engine';
import { lowerAnalysis } from '../lower';
import type { LoweredModel } from '../lower/types';
import { nodeOrt } from './node-ort';

/** Test-only: lowers an analysis, throwing with every refusal listed when it cannot. */
export function lowerOrThrow(analysis: AnalysisResult): LoweredModel {
  const r = lowerAnalysis(analysis);
  if (!r.ok) throw new Error(`refused: ${r.refused.map((x) => `${x.layer} (${x.type}): ${x.reason}`).join('; ')}`);
  return r.model;
}

/**
 * Test-only: runs a lowered model once in Node (WASM, every layer top an output, the engine's
 * check run) and returns the shape check and the outputs; callers assert no shape mismatch and
 * finite outputs.
 */
export async function runOnce(model: LoweredModel, seed = 1): Promise<CheckResult> {
  const ort = await nodeOrt();
  return checkModel(ort, prepareLowered(model, seed, 'profile'), 'wasm', seed);
}

/** Test-only: the shape mismatches of a run (empty when the engine agrees with the analyser everywhere). */
export function mismatches(
  r: CheckResult,
): { tensor: string; expected: readonly number[]; actual: readonly number[] | null }[] {
  return r.shapeChecks.filter((c) => !c.ok).map((c) => ({ tensor: c.tensor, expected: c.expected, actual: c.actual }));
}

/** Test-only: true when every summarised output value is finite. */
export function allFinite(r: CheckResult): boolean {
  return r.outputs.every((o) => o.head.every(Number.isFinite) && Number.isFinite(o.sumAbs));
}
