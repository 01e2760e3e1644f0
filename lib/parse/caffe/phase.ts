import type { AttrMap, AttrValue, ReadOptions } from '../../ir';

/** The net state include/exclude rules are checked against (Caffe NetState). */
export interface NetState {
  readonly phase: 'TRAIN' | 'TEST';
  readonly level: number;
  readonly stages: readonly string[];
}

function list(v: AttrValue | undefined): readonly AttrValue[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function isMap(v: AttrValue | undefined): v is AttrMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** TRAIN / TEST from a checked Phase value (the schema turns 0 / 1 into the names). */
function phaseOf(v: AttrValue | undefined): 'TRAIN' | 'TEST' | undefined {
  if (v === 'TRAIN' || v === 0) return 'TRAIN';
  if (v === 'TEST' || v === 1) return 'TEST';
  return undefined;
}

/**
 * The state to filter layers with: the caller's phase/stages win over the file's `state { … }`;
 * default TEST. The schema has already checked the state's fields.
 */
export function netState(
  state: AttrValue | undefined,
  options: { phase?: 'TRAIN' | 'TEST'; stages?: readonly string[] },
): NetState {
  let phase: 'TRAIN' | 'TEST' = 'TEST';
  let level = 0;
  const stages: string[] = [];
  const s = isMap(state) ? state : undefined;
  if (s) {
    phase = phaseOf(s.phase) ?? phase;
    if (typeof s.level === 'number') level = s.level;
    for (const st of list(s.stage)) if (typeof st === 'string') stages.push(st);
  }
  return { phase: options.phase ?? phase, level, stages: options.stages ?? stages };
}

/** The options a reader passes on, for netState. */
export type StateOptions = Pick<ReadOptions, 'phase' | 'stages'>;

/** Caffe's Net::StateMeetsRule. */
function ruleMet(rule: AttrValue, state: NetState): boolean {
  if (!isMap(rule)) return true;
  const phase = rule.phase;
  if (phase !== undefined && phaseOf(phase) !== state.phase) return false;
  if (typeof rule.min_level === 'number' && state.level < rule.min_level) return false;
  if (typeof rule.max_level === 'number' && state.level > rule.max_level) return false;
  for (const st of list(rule.stage)) if (!state.stages.includes(String(st))) return false;
  for (const st of list(rule.not_stage)) if (state.stages.includes(String(st))) return false;
  return true;
}

/**
 * Caffe's Net::FilterNet for one layer: with no include rules a layer is in unless an exclude
 * rule is met; with include rules it is in only when one of them is met.
 */
export function layerIncluded(attrs: AttrMap, state: NetState): boolean {
  const include = list(attrs.include);
  if (include.length > 0) return include.some((r) => ruleMet(r, state));
  return !list(attrs.exclude).some((r) => ruleMet(r, state));
}

/** The same state in the other phase (TRAIN ↔ TEST), for "produced in the other phase" hints. */
export function otherPhase(state: NetState): NetState {
  return { ...state, phase: state.phase === 'TRAIN' ? 'TEST' : 'TRAIN' };
}
