import type { TensorRef } from './lower/types';

/** The engine's shape for one tensor next to the analyser's prediction. */
export interface ShapeCheck {
  readonly layer: string;
  readonly tensor: string;
  readonly expected: readonly number[];
  /** null when the engine did not return this tensor. */
  readonly actual: readonly number[] | null;
  readonly ok: boolean;
}

/** Compares every expected tensor with what the engine produced; a missing tensor is a mismatch. */
export function checkShapes(
  expected: readonly TensorRef[],
  produced: ReadonlyMap<string, readonly number[]>,
): ShapeCheck[] {
  return expected.map((t) => {
    const actual = produced.get(t.name) ?? null;
    const ok = !!actual && actual.length === t.shape.length && actual.every((d, i) => d === t.shape[i]);
    return { layer: t.layer, tensor: t.name, expected: [...t.shape], actual: actual ? [...actual] : null, ok };
  });
}

/** One error line per mismatch, naming layer, tensor and both shapes. */
export function shapeMismatchMessages(checks: readonly ShapeCheck[]): { layer: string; message: string }[] {
  const fmt = (s: readonly number[] | null) => (s ? s.join('×') : 'nothing');
  return checks
    .filter((c) => !c.ok)
    .map((c) => ({
      layer: c.layer,
      message: `${c.layer}: engine produced ${fmt(c.actual)} for ${c.tensor}, the analyser predicted ${fmt(c.expected)}`,
    }));
}
