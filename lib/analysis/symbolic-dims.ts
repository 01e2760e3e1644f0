import type { IRInput, Shape, SymDim } from '../ir';

/** One symbolic dimension of a model's inputs (ONNX `dim_param`) and the value the analysis uses. */
export interface DimBinding {
  readonly name: string;
  /** The value used; null when nobody gave one (the inputs that use it stay unknown). */
  readonly value: number | null;
  /**
   * 'batch': a leading dim, which is the analysis batch (set it with the batch control / --batch);
   * 'set': given by the user (--dim NAME=VALUE, the Dimensions control); 'unset': no value.
   */
  readonly source: 'batch' | 'set' | 'unset';
}

/** The symbolic dims of a graph's inputs in first-use order, each with where its value comes from. */
export function symbolicDims(
  inputs: readonly IRInput[],
  values: Readonly<Record<string, number>>,
  batch: number,
): DimBinding[] {
  const order: string[] = [];
  const leading = new Set<string>();
  for (const inp of inputs) {
    inp.dims?.forEach((d, i) => {
      if (typeof d !== 'string') return;
      if (!order.includes(d)) order.push(d);
      if (i === 0) leading.add(d);
    });
  }
  return order.map((name) => {
    if (leading.has(name)) return { name, value: batch, source: 'batch' };
    const v = values[name];
    if (v !== undefined && Number.isInteger(v) && v > 0) return { name, value: v, source: 'set' };
    return { name, value: null, source: 'unset' };
  });
}

/**
 * An input's declared shape with its symbolic dims replaced by their values; a leading symbolic
 * dim stays -1 (the batch rule fills it). Null shape when some dim has no value, with the names.
 */
export function resolveDims(
  dims: readonly SymDim[],
  bindings: readonly DimBinding[],
): { shape: Shape | null; unresolved: string[] } {
  const unresolved: string[] = [];
  const shape = dims.map((d, i) => {
    if (typeof d === 'number') return d > 0 ? d : -1;
    const b = bindings.find((x) => x.name === d);
    if (i === 0 && b?.source === 'batch') return -1;
    if (b && b.value !== null) return b.value;
    if (!unresolved.includes(d)) unresolved.push(d);
    return -1;
  });
  return { shape: unresolved.length ? null : shape, unresolved };
}

/** `N×3×H×W`-style dims of an input as the analysis used them: numbers where resolved, names where not. */
export function shownDims(dims: readonly SymDim[], bindings: readonly DimBinding[], batch: number): SymDim[] {
  return dims.map((d, i) => {
    if (typeof d === 'number') return d > 0 ? d : i === 0 ? batch : '?';
    const b = bindings.find((x) => x.name === d);
    return b && b.value !== null ? b.value : d;
  });
}
