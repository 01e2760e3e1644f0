import { analyze, type AnalysisResult, type AnalyzeOptions } from '../analysis';
import type { IRGraph } from '../ir';
import { analyzeText } from '../index';
import { readModel, type ReadModelOptions } from '../parse';
import type { AnalyzeRequest, WorkerRequest, WorkerResponse } from './protocol';
import { MAX_DRAWABLE_LAYERS, MAX_TEXT_LENGTH } from './protocol';
import { inputNeeds } from '../workspace/input-suggestions';

/** Clock used for elapsed times; injectable so tests can be deterministic. */
export type Clock = () => number;

/**
 * The result as posted to the page: the same analysis without the per-field attribute spans.
 * Nothing on the page reads them (markers come from diagnostics, selection from node and name
 * spans), and they were about a sixth of the structured-clone cost of every keystroke's result
 * (resnet152: 3.7 of 21 ms in Node).
 */
export function forThePage(analysis: AnalysisResult): AnalysisResult {
  const nodes = analysis.graph.nodes.map((n) => {
    if (!n.attrSpans) return n;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { attrSpans, ...rest } = n;
    return rest;
  });
  // Blob facts (ONNX) travel without their values: the page shows types, and the values of a
  // model's small tensors add up to megabytes on a big model.
  const facts = analysis.blobFacts;
  const slim = facts && new Map([...facts].map(([id, f]) => [id, f.value ? { ...f, value: undefined } : f]));
  return { ...analysis, graph: { ...analysis.graph, nodes }, ...(slim ? { blobFacts: slim } : {}) };
}

/**
 * Shape suggestions read the text again (other phases, comments): only when an input has no
 * shape. They are a help, never a reason to lose the analysis, so a failure here yields none.
 */
function suggestionsFor(analysis: AnalysisResult, text: string): ReturnType<typeof inputNeeds> | null {
  try {
    return analysis.graph.inputs.some((i) => !i.shape) ? inputNeeds(analysis.graph, text) : null;
  } catch {
    return null;
  }
}

/**
 * Answers one analyze request. Never throws: a reader or analysis failure becomes an error
 * response, so one bad text can never take the worker (and with it every later edit) down.
 */
/**
 * The graph read from the binary model the page has open, kept between requests: changing the
 * batch or a dimension re-runs the analysis only. One entry (the open model).
 */
let binaryCache: { id: number; name: string; graph: IRGraph } | null = null;

function analyzeBinary(req: AnalyzeRequest & { binary: NonNullable<AnalyzeRequest['binary']> }): AnalysisResult {
  const { binary } = req;
  if (!binaryCache || binaryCache.id !== binary.id || binaryCache.name !== binary.name) {
    const { graph } = readModel(binary.bytes, { fileName: binary.name, ...(req.from ? { from: req.from } : {}) });
    binaryCache = { id: binary.id, name: binary.name, graph };
  }
  return analyze(binaryCache.graph, { batch: req.batch, inputs: req.inputs, ...(req.dims ? { dims: req.dims } : {}) });
}

/** The read and analysis options of a text request (the boot on the page reads with these too: lib/boot/main-boot). */
export function textOptions(req: AnalyzeRequest): ReadModelOptions & AnalyzeOptions {
  return {
    ...(req.from ? { from: req.from } : {}),
    ...(req.phase ? { phase: req.phase } : {}),
    ...(req.lenient ? { lenient: true } : {}),
    batch: req.batch,
    inputs: req.inputs,
  };
}

export function handleAnalyze(
  req: AnalyzeRequest,
  now: Clock = () => performance.now(),
  run: typeof analyzeText = analyzeText,
): WorkerResponse {
  if (req.binary) {
    const start = now();
    try {
      const analysis = analyzeBinary({ ...req, binary: req.binary });
      return {
        kind: 'result',
        id: req.id,
        analysis: forThePage(analysis),
        elapsedMs: now() - start,
        tooLargeToDraw: analysis.layers.length > MAX_DRAWABLE_LAYERS,
        binaryId: req.binary.id,
      };
    } catch (err) {
      return {
        kind: 'error',
        id: req.id,
        message: `analysis failed: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
  }
  if (req.text.length > MAX_TEXT_LENGTH) {
    const mb = (req.text.length / 1e6).toFixed(1);
    return {
      kind: 'error',
      id: req.id,
      message: `input is ${mb} MB; the limit is ${MAX_TEXT_LENGTH / 1e6} MB`,
    };
  }
  const start = now();
  try {
    const analysis = run(req.text, textOptions(req));
    const needs = suggestionsFor(analysis, req.text);
    return {
      kind: 'result',
      id: req.id,
      analysis: forThePage(analysis),
      elapsedMs: now() - start,
      tooLargeToDraw: analysis.layers.length > MAX_DRAWABLE_LAYERS,
      ...(needs ? { inputNeeds: needs } : {}),
    };
  } catch (err) {
    return {
      kind: 'error',
      id: req.id,
      message: `analysis failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/**
 * The worker's queue: only the newest pending request matters (older ones are stale the moment
 * a newer text exists), and a cancel drops a request that has not started. Framework-free and
 * transport-free so it can be tested without a Worker.
 */
export class AnalysisQueue {
  private pending: AnalyzeRequest | null = null;
  private scheduled = false;

  constructor(
    private readonly post: (res: WorkerResponse) => void,
    private readonly schedule: (run: () => void) => void = (run) => setTimeout(run, 0),
    private readonly now: Clock = () => performance.now(),
  ) {}

  /** Accepts a message from the page; unknown messages are ignored. */
  receive(msg: WorkerRequest): void {
    if (msg.kind === 'cancel') {
      if (this.pending?.id === msg.id) this.pending = null;
      return;
    }
    // A newer request supersedes one still waiting: it is never analysed.
    this.pending = msg;
    if (!this.scheduled) {
      this.scheduled = true;
      // Yielding to the event loop first lets a burst of messages collapse into the last one.
      this.schedule(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    const req = this.pending;
    this.pending = null;
    if (req) this.post(handleAnalyze(req, this.now));
  }
}
