import { analyzeText } from '../../index';
import { adviseLayer, applyRewrites, similarLayers, whyNoAdvice } from '../advise';
import type { AdvisorRequest, AdvisorResponse, CachedAnalysis, ModelParams } from './protocol';

/**
 * Answers advisor requests off the main thread. The advisor must see the analysis of exactly the
 * text it rewrites (it splices the text at the layers' spans), so it analyses the text it is
 * given rather than trusting the page's possibly older result; the last analysis is kept, since
 * the requests of one selection (advice, similar layers, apply) share a text.
 */
export class AdvisorHandler {
  private cache: CachedAnalysis | null = null;

  private analysisOf(p: ModelParams) {
    const key = `${p.batch}\u0000${JSON.stringify(p.inputs)}\u0000${p.text}`;
    if (this.cache?.key !== key)
      this.cache = { key, analysis: analyzeText(p.text, { batch: p.batch, inputs: p.inputs }) };
    return this.cache.analysis;
  }

  /** Never throws: a failure is an error response. */
  handle(req: AdvisorRequest): AdvisorResponse {
    try {
      const analysis = this.analysisOf(req);
      const input = { text: req.text, analysis };
      switch (req.kind) {
        case 'advise': {
          const advice = adviseLayer(input, req.layer, req.options);
          return { kind: 'advice', id: req.id, advice, why: advice ? null : whyNoAdvice(analysis, req.layer) };
        }
        case 'similar':
          return {
            kind: 'similar',
            id: req.id,
            layers: Object.fromEntries(
              req.items.map((it) => [it.suggestion.id, similarLayers(input, it.suggestion, it.options)]),
            ),
          };
        case 'apply': {
          const r = applyRewrites(input, req.requests);
          return { kind: 'applied', id: req.id, text: r.text, applied: r.applied, errors: r.errors };
        }
      }
    } catch (err) {
      return {
        kind: 'error',
        id: req.id,
        message: `advisor failed: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
  }
}

/**
 * The worker's queue: advice and similar-layer requests are superseded by newer ones of the same
 * kind (the selection or the text moved on); apply requests always run.
 */
export class AdvisorQueue {
  private readonly pending: AdvisorRequest[] = [];
  private scheduled = false;
  private readonly handler = new AdvisorHandler();

  constructor(
    private readonly post: (res: AdvisorResponse) => void,
    private readonly schedule: (run: () => void) => void = (run) => setTimeout(run, 0),
  ) {}

  receive(req: AdvisorRequest): void {
    if (req.kind !== 'apply') {
      for (let i = this.pending.length - 1; i >= 0; i--) {
        const old = this.pending[i]!;
        if (old.kind === req.kind) {
          this.pending.splice(i, 1);
          this.post({ kind: 'error', id: old.id, message: 'superseded' });
        }
      }
    }
    this.pending.push(req);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.drain());
    }
  }

  private drain(): void {
    const next = this.pending.shift();
    if (next) this.post(this.handler.handle(next));
    if (this.pending.length > 0) this.schedule(() => this.drain());
    else this.scheduled = false;
  }
}
