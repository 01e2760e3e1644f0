import type { AttrValue, Diagnostic, IRGraph, IRNode, SourceSpan } from '../ir';
import { attrSpansOf } from '../ir';
import type { BatchChoice } from './types';

/**
 * The batch rule (docs/counting.md, "Batch"): figures are per image (batch 1) by default, and
 * the analysis replaces the leading axis of the inputs with the chosen batch. That is only right
 * when the leading axis is a free batch axis. A model that fixes it — a Reshape that writes a
 * constant into axis 0, or a recurrent layer whose axis 0 is time — would get errors it does
 * not have (a 10×1×1×8 input reshaped to 10×1×32 "has 320 elements but the input has 32").
 * Such a model is analysed at the batch it declares, and one info diagnostic says so.
 */

/** Why a model's leading axis is not a free batch axis, with where to point. */
export interface LeadingAxisFix {
  readonly node: IRNode;
  readonly reason: string;
  readonly span: SourceSpan | undefined;
}

function first(v: AttrValue | undefined): AttrValue | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function isMap(v: AttrValue | undefined): v is { readonly [k: string]: AttrValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Caffe recurrent layers read their first bottom as T×N×… (recurrent_layer.cpp: T_ = bottom[0]->shape(0)). */
const RECURRENT_TYPES: ReadonlySet<string> = new Set(['LSTM', 'RNN']);

/** The layer that fixes the leading axis of a model, or null when axis 0 is a free batch axis. */
function fixOf(node: IRNode): LeadingAxisFix | null {
  if (node.type === 'Reshape') {
    // reshape_layer.cpp: with axis 0 (the default) the new shape starts at the batch axis; a
    // positive first dim is a constant written there (0 copies it, −1 infers it).
    const p = first(node.attrs.reshape_param);
    if (!isMap(p)) return null;
    const axis = first(p.axis);
    if (axis !== undefined && axis !== 0) return null;
    const shape = first(p.shape);
    const d0 = isMap(shape) ? first(shape.dim) : undefined;
    if (typeof d0 !== 'number' || !(d0 > 0)) return null;
    return {
      node,
      reason: `layer "${node.name}" (Reshape) writes ${d0} into the leading axis (the first dim of reshape_param.shape)`,
      span: attrSpansOf(node)?.['reshape_param.shape.dim'] ?? node.nameSpan ?? node.span,
    };
  }
  if (RECURRENT_TYPES.has(node.type)) {
    return {
      node,
      reason: `layer "${node.name}" (${node.type}) reads its input as time × batch × … (the leading axis is time)`,
      span: node.nameSpan ?? node.span,
    };
  }
  return null;
}

/** Every layer that fixes the model's leading axis, in file order. */
export function leadingAxisFixes(graph: IRGraph): LeadingAxisFix[] {
  if (graph.format === 'keras') return [];
  const out: LeadingAxisFix[] = [];
  for (const node of graph.nodes) {
    const fix = fixOf(node);
    if (fix) out.push(fix);
  }
  return out;
}

/**
 * The batch to analyse at: the caller's choice, unless the model fixes its leading axis at a
 * declared batch that differs from it; then the declared batch, with one info diagnostic.
 */
export function batchForModel(
  graph: IRGraph,
  choice: BatchChoice,
  declaredBatch: number | null,
  diagnostics: Diagnostic[],
): number {
  const chosen = choice === 'declared' ? (declaredBatch ?? 1) : choice;
  if (declaredBatch === null || chosen === declaredBatch) return chosen;
  const fixes = leadingAxisFixes(graph);
  const fix = fixes[0];
  if (!fix) return chosen;
  const more = fixes.length > 1 ? ` (and ${fixes.length - 1} more layer${fixes.length > 2 ? 's' : ''})` : '';
  diagnostics.push({
    severity: 'info',
    message: `analysed at the declared batch ${declaredBatch} instead of ${chosen}: ${fix.reason}${more}, so the batch cannot be changed; figures are for a batch of ${declaredBatch}`,
    layer: fix.node.name,
    ...(fix.span ? { span: fix.span } : {}),
  });
  return declaredBatch;
}
