import type { AnalysisResult, BatchChoice } from '../../analysis/types';
import type { Shape } from '../../ir';
import type { OptionsByKind, RewriteRequest } from '../advise';
import type { LayerAdvice, RewriteOptions, Suggestion } from '../types';

/** The model a request is about: the text exactly as in the editor, and the analysis settings. */
export interface ModelParams {
  readonly text: string;
  readonly batch: BatchChoice;
  readonly inputs: Readonly<Record<string, Shape>>;
}

/** Messages the page sends to the advisor worker. */
export type AdvisorRequest =
  | ({
      readonly kind: 'advise';
      readonly id: number;
      readonly layer: string;
      readonly options: OptionsByKind;
    } & ModelParams)
  | ({
      readonly kind: 'similar';
      readonly id: number;
      /** Each suggestion with the options the user chose for it (defaults stay per layer). */
      readonly items: readonly { readonly suggestion: Suggestion; readonly options: RewriteOptions }[];
    } & ModelParams)
  | ({ readonly kind: 'apply'; readonly id: number; readonly requests: readonly RewriteRequest[] } & ModelParams);

/** Messages the advisor worker sends back; `id` is the request's. */
export type AdvisorResponse =
  | {
      readonly kind: 'advice';
      readonly id: number;
      /** The rewrites of the layer, or null with `why` when it has none. */
      readonly advice: LayerAdvice | null;
      readonly why: string | null;
    }
  | {
      readonly kind: 'similar';
      readonly id: number;
      /** By suggestion id: the layers the same rewrite applies to. */
      readonly layers: Readonly<Record<string, readonly string[]>>;
    }
  | {
      readonly kind: 'applied';
      readonly id: number;
      readonly text: string;
      readonly applied: readonly Suggestion[];
      readonly errors: readonly string[];
    }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

/** True for a message shaped like an AdvisorRequest (the worker ignores anything else). */
export function isAdvisorRequest(v: unknown): v is AdvisorRequest {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    (r.kind === 'advise' || r.kind === 'similar' || r.kind === 'apply') &&
    typeof r.id === 'number' &&
    typeof r.text === 'string'
  );
}

/** The analysis a request's answers were computed from (kept by the worker between requests). */
export interface CachedAnalysis {
  readonly key: string;
  readonly analysis: AnalysisResult;
}
