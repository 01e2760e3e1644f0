import type { Diagnostic, ReadOptions } from '../../ir';
import { spanOf, type TextField, type TextMessage } from '../prototxt/tree';

/** The net state include/exclude rules are checked against (Caffe NetState). */
export interface NetState {
  readonly phase: 'TRAIN' | 'TEST';
  readonly level: number;
  readonly stages: readonly string[];
}

function phaseOf(f: TextField): 'TRAIN' | 'TEST' | undefined {
  if (f.value === 'TRAIN' || f.value === 0) return 'TRAIN';
  if (f.value === 'TEST' || f.value === 1) return 'TEST';
  return undefined;
}

/** The state to filter layers with: the caller's phase/stages win over the file's `state { … }`; default TEST. */
export function netState(state: TextMessage | undefined, options: ReadOptions, diags: Diagnostic[]): NetState {
  let phase: 'TRAIN' | 'TEST' = 'TEST';
  let level = 0;
  const stages: string[] = [];
  for (const f of state?.fields ?? []) {
    if (f.name === 'phase') {
      const p = phaseOf(f);
      if (p) phase = p;
      else
        diags.push({
          severity: 'error',
          message: `state.phase must be TRAIN or TEST, got ${String(f.value)}`,
          span: spanOf(f),
        });
    } else if (f.name === 'level' && typeof f.value === 'number') {
      level = f.value;
    } else if (f.name === 'stage' && typeof f.value === 'string') {
      stages.push(f.value);
    }
  }
  return { phase: options.phase ?? phase, level, stages: options.stages ?? stages };
}

/** Caffe's Net::StateMeetsRule. */
function ruleMet(rule: TextMessage, state: NetState, diags: Diagnostic[]): boolean {
  for (const f of rule.fields) {
    switch (f.name) {
      case 'phase': {
        const p = phaseOf(f);
        if (!p) {
          diags.push({
            severity: 'error',
            message: `phase must be TRAIN or TEST, got ${String(f.value)}`,
            span: spanOf(f),
          });
          return false;
        }
        if (p !== state.phase) return false;
        break;
      }
      case 'min_level':
        if (typeof f.value === 'number' && state.level < f.value) return false;
        break;
      case 'max_level':
        if (typeof f.value === 'number' && state.level > f.value) return false;
        break;
      case 'stage':
        if (!state.stages.includes(String(f.value))) return false;
        break;
      case 'not_stage':
        if (state.stages.includes(String(f.value))) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

/**
 * Caffe's Net::FilterNet for one layer: with no include rules a layer is in unless an
 * exclude rule is met; with include rules it is in only when one of them is met.
 */
export function layerIncluded(layer: TextMessage, state: NetState, diags: Diagnostic[]): boolean {
  let hasInclude = false;
  let included = false;
  let excluded = false;
  for (const f of layer.fields) {
    if (f.name !== 'include' && f.name !== 'exclude') continue;
    if (f.kind !== 'message') {
      diags.push({ severity: 'error', message: `${f.name} must be a block like { phase: TEST }`, span: spanOf(f) });
      continue;
    }
    const met = ruleMet(f.value as TextMessage, state, diags);
    if (f.name === 'include') {
      hasInclude = true;
      if (met) included = true;
    } else if (met) {
      excluded = true;
    }
  }
  return hasInclude ? included : !excluded;
}
