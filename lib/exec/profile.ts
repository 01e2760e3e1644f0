/**
 * onnxruntime-web's WASM build has no API that returns profiling data: with `enableProfiling`
 * the C++ profiler prints its Chrome-trace JSON through Emscripten's stdout when
 * `endProfiling()` is called (console.log in browsers, fd 1 in Node). We capture that text
 * and parse the `Node` events ("<node name>_kernel_time") back to our layers.
 */
import { median } from './stats';

/** One kernel execution from the ORT profiler. */
export interface KernelEvent {
  readonly node: string;
  readonly durUs: number;
  readonly opType: string;
}

/** Extracts node kernel events, in execution order, from captured profiler output. */
export function parseProfileText(text: string): KernelEvent[] {
  const events: KernelEvent[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/,$/, '');
    if (!line.startsWith('{') || !line.includes('"Node"')) continue;
    try {
      const e = JSON.parse(line) as { cat?: string; name?: string; dur?: number; args?: { op_name?: string } };
      if (e.cat !== 'Node' || typeof e.name !== 'string' || !e.name.endsWith('_kernel_time')) continue;
      events.push({ node: e.name.slice(0, -'_kernel_time'.length), durUs: e.dur ?? 0, opType: e.args?.op_name ?? '' });
    } catch {
      // A line split by another print is skipped rather than failing the whole profile.
    }
  }
  return events;
}

export { median };

/**
 * The layer an engine node belongs to. The WebGPU EP's layout pass (NCHW → NHWC) renames the
 * nodes it rewrites to `<name>_token_<n>` even with optimisations off, and inserts its own
 * `Transpose_token_<n>` nodes, which belong to no layer.
 */
export function layerOfNode(node: string, nodeLayer: Readonly<Record<string, string>>): string | undefined {
  return nodeLayer[node] ?? nodeLayer[node.replace(/_token_\d+$/, '')];
}

/**
 * Per-layer milliseconds of every run, from events already split by run: every event of a layer
 * in run k is summed into that layer's k-th time. Also returns the time per run that no layer
 * owns (runtime-inserted layout transposes).
 */
export function perLayerRunsByRun(
  runs: readonly (readonly KernelEvent[])[],
  nodeLayer: Readonly<Record<string, string>>,
): { perLayer: Record<string, number[]>; unattributedMs: number[] } {
  const perLayer: Record<string, number[]> = {};
  const other: number[] = [];
  runs.forEach((events, k) => {
    other[k] = 0;
    for (const e of events) {
      const layer = layerOfNode(e.node, nodeLayer);
      if (layer === undefined) {
        other[k]! += e.durUs / 1000;
        continue;
      }
      const acc = (perLayer[layer] ??= Array<number>(runs.length).fill(0));
      acc[k]! += e.durUs / 1000;
    }
  });
  return { perLayer, unattributedMs: other };
}

/** Per-layer median milliseconds from events already split by run (see perLayerRunsByRun). */
export function perLayerMediansByRun(
  runs: readonly (readonly KernelEvent[])[],
  nodeLayer: Readonly<Record<string, string>>,
): { perLayer: Record<string, number>; unattributedMs: number } {
  const r = perLayerRunsByRun(runs, nodeLayer);
  return { perLayer: mapValues(r.perLayer, median), unattributedMs: median(r.unattributedMs) };
}

/**
 * Per-layer milliseconds of each of the last `runs` executions: the k-th of those executions of
 * every ONNX node of a layer is summed into that layer's k-th time. Earlier executions (warm-up)
 * are dropped; a node seen fewer times is aligned on the last run.
 */
export function perLayerRuns(
  events: readonly KernelEvent[],
  nodeLayer: Readonly<Record<string, string>>,
  runs: number,
): Record<string, number[]> {
  const byNode = new Map<string, number[]>();
  for (const e of events) {
    const list = byNode.get(e.node) ?? [];
    list.push(e.durUs);
    byNode.set(e.node, list);
  }
  const perLayer: Record<string, number[]> = {};
  for (const [node, durs] of byNode) {
    const layer = layerOfNode(node, nodeLayer);
    if (layer === undefined) continue;
    const last = durs.slice(-runs);
    const acc = (perLayer[layer] ??= Array<number>(Math.min(runs, last.length)).fill(0));
    const offset = acc.length - last.length;
    last.forEach((d, i) => {
      if (i + offset >= 0) acc[i + offset] = (acc[i + offset] ?? 0) + d / 1000;
    });
  }
  return perLayer;
}

/** Per-layer median milliseconds over the last `runs` executions (see perLayerRuns). */
export function perLayerMedians(
  events: readonly KernelEvent[],
  nodeLayer: Readonly<Record<string, string>>,
  runs: number,
): Record<string, number> {
  return mapValues(perLayerRuns(events, nodeLayer, runs), median);
}

function mapValues<T, U>(o: Readonly<Record<string, T>>, f: (v: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [k, v] of Object.entries(o)) out[k] = f(v);
  return out;
}
