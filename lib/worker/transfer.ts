import type { AnalysisResult } from '../analysis';
import type { AnalyzeResultResponse, WorkerResponse } from './protocol';

/**
 * Large results travel in parts. The page deserialises each message in a task of its own, and a
 * 20,000-layer analysis in one message took ~0.5 s of main-thread time to arrive; in parts of
 * PART_ITEMS items each is a few tens of ms, with frames painted in between.
 */
export const PART_ITEMS = 500;

/** One slice of a large result's arrays, sent before the result itself. */
export interface AnalyzePartResponse {
  readonly kind: 'part';
  readonly id: number;
  readonly field: PartField;
  readonly items: readonly unknown[];
}

/** The big collections of an analysis that travel in parts (Maps as entry lists). */
export type PartField = 'layers' | 'nodes' | 'blobs' | 'blobShapes' | 'diagnostics' | 'graphDiagnostics';

const FIELDS: readonly PartField[] = ['layers', 'nodes', 'blobs', 'blobShapes', 'diagnostics', 'graphDiagnostics'];

/** True for a well-formed part message. */
export function isPartResponse(v: unknown): v is AnalyzePartResponse {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    r.kind === 'part' && typeof r.id === 'number' && FIELDS.includes(r.field as PartField) && Array.isArray(r.items)
  );
}

function collections(a: AnalysisResult): Record<PartField, readonly unknown[]> {
  return {
    layers: a.layers,
    nodes: a.graph.nodes,
    blobs: [...a.graph.blobs],
    blobShapes: [...a.blobShapes],
    diagnostics: a.diagnostics,
    graphDiagnostics: a.graph.diagnostics,
  };
}

/**
 * The messages that carry a response: the response itself when small, else its collections in
 * parts followed by the response with those collections emptied (`parts` says how many came).
 */
export function splitResponse(res: WorkerResponse): (WorkerResponse | AnalyzePartResponse)[] {
  if (res.kind !== 'result' || res.analysis.layers.length <= PART_ITEMS) return [res];
  const out: (WorkerResponse | AnalyzePartResponse)[] = [];
  const all = collections(res.analysis);
  for (const field of FIELDS) {
    const items = all[field];
    for (let i = 0; i < items.length; i += PART_ITEMS)
      out.push({ kind: 'part', id: res.id, field, items: items.slice(i, i + PART_ITEMS) });
  }
  const a = res.analysis;
  const shell: AnalysisResult = {
    ...a,
    layers: [],
    blobShapes: new Map(),
    diagnostics: [],
    graph: { ...a.graph, nodes: [], blobs: new Map(), diagnostics: [] },
  };
  out.push({ ...res, analysis: shell, parts: out.length });
  return out;
}

/** Collects the parts of one response and rebuilds it when the response arrives. */
export class PartCollector {
  private id = -1;
  private count = 0;
  // Items go into their field's array as each part arrives: joining ~250 parts of a 30,000-layer
  // result when the last message came took ~50 ms of one main-thread task.
  private got: Record<ListField, unknown[]> = emptyFields();
  private blobs = new Map<string, unknown>();
  private blobShapes = new Map<string, unknown>();

  /** Keeps a part (parts of another id than the last seen start over). */
  add(p: AnalyzePartResponse): void {
    if (p.id !== this.id) {
      this.id = p.id;
      this.count = 0;
      this.got = emptyFields();
      this.blobs = new Map();
      this.blobShapes = new Map();
    }
    this.count++;
    if (p.field === 'blobs' || p.field === 'blobShapes') {
      const map = p.field === 'blobs' ? this.blobs : this.blobShapes;
      for (const item of p.items) {
        const [key, value] = item as [string, unknown];
        map.set(key, value);
      }
      return;
    }
    const into = this.got[p.field];
    for (const item of p.items) into.push(item);
  }

  /**
   * The full response. Null when parts are missing (a part was dropped): the caller then treats
   * the result as failed rather than show a silently incomplete model.
   */
  assemble(res: AnalyzeResultResponse): AnalyzeResultResponse | null {
    const expected = res.parts ?? 0;
    if (expected === 0) return res;
    const count = this.id === res.id ? this.count : 0;
    const got = this.got;
    const blobs = this.blobs;
    const blobShapes = this.blobShapes;
    this.got = emptyFields();
    this.blobs = new Map();
    this.blobShapes = new Map();
    this.count = 0;
    this.id = -1;
    if (count !== expected) return null;
    const a = res.analysis;
    const analysis: AnalysisResult = {
      ...a,
      layers: got.layers as AnalysisResult['layers'],
      blobShapes: blobShapes as AnalysisResult['blobShapes'],
      diagnostics: got.diagnostics as AnalysisResult['diagnostics'],
      graph: {
        ...a.graph,
        nodes: got.nodes as AnalysisResult['graph']['nodes'],
        blobs: blobs as AnalysisResult['graph']['blobs'],
        diagnostics: got.graphDiagnostics as AnalysisResult['graph']['diagnostics'],
      },
    };
    const { parts: _, ...rest } = res;
    return { ...rest, analysis };
  }
}

/** The part fields that are lists (the two Maps are filled as maps). */
type ListField = Exclude<PartField, 'blobs' | 'blobShapes'>;

function emptyFields(): Record<ListField, unknown[]> {
  return { layers: [], nodes: [], diagnostics: [], graphDiagnostics: [] };
}
