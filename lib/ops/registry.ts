import type { OpDefinition } from './types';

// Each section below is owned by one area of lib/ops; keep imports and entries grouped.
// --- spatial: convolution, deconvolution, pooling, inner product (imports) ---
// --- elementwise, normalisation, shape, detection, recurrent, loss, data (imports) ---
// --- keras (imports) ---

/**
 * The explicit list of every layer definition. No registration by import side effect:
 * add a file under lib/ops and list its export here.
 */
export const OPS: readonly OpDefinition[] = [
  // --- spatial ---
  // --- elementwise, normalisation, shape, detection, recurrent, loss, data ---
  // --- keras ---
];

const BY_TYPE = new Map<string, OpDefinition>();
for (const op of OPS) {
  for (const name of [op.type, ...(op.aliases ?? [])]) {
    if (BY_TYPE.has(name)) throw new Error(`lib/ops/registry: duplicate op type ${name}`);
    BY_TYPE.set(name, op);
  }
}

/** The definition for a layer type (canonical name or alias), if any. */
export function getOp(type: string): OpDefinition | undefined {
  return BY_TYPE.get(type);
}

/** All known type names, for completion and docs. */
export function opTypeNames(): string[] {
  return [...BY_TYPE.keys()].sort();
}
