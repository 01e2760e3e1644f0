/**
 * onnxruntime-web's WASM build has no API that returns profiling data: with `enableProfiling`
 * the C++ profiler prints its Chrome-trace JSON through Emscripten's stdout when
 * `endProfiling()` is called (console.log in browsers, fd 1 in Node). We capture that text
 * and parse the `Node` events ("<node name>_kernel_time") back to our layers.
 */

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

/** Median of a non-empty list (mean of the two middle values for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The layer an engine node belongs to. The WebGPU EP's layout pass (NCHW → NHWC) renames the
 * nodes it rewrites to `<name>_token_<n>` even with optimisations off, and inserts its own
 * `Transpose_token_<n>` nodes, which belong to no layer.
 */
export function layerOfNode(node: string, nodeLayer: Readonly<Record<string, string>>): string | undefined {
  return nodeLayer[node] ?? nodeLayer[node.replace(/_token_\d+$/, '')];
}

/**
 * Per-layer median milliseconds from events already split by run: every event of a layer in
 * run k is summed into that layer's k-th time. Also returns the median time per run that no
 * layer owns (runtime-inserted layout transposes).
 */
export function perLayerMediansByRun(
  runs: readonly (readonly KernelEvent[])[],
  nodeLayer: Readonly<Record<string, string>>,
): { perLayer: Record<string, number>; unattributedMs: number } {
  const perRun = new Map<string, number[]>();
  const other: number[] = [];
  runs.forEach((events, k) => {
    other[k] = 0;
    for (const e of events) {
      const layer = layerOfNode(e.node, nodeLayer);
      if (layer === undefined) {
        other[k]! += e.durUs;
        continue;
      }
      const acc = perRun.get(layer) ?? Array<number>(runs.length).fill(0);
      acc[k]! += e.durUs;
      perRun.set(layer, acc);
    }
  });
  const perLayer: Record<string, number> = {};
  for (const [layer, us] of perRun) perLayer[layer] = median(us) / 1000;
  return { perLayer, unattributedMs: median(other) / 1000 };
}

/**
 * Per-layer median milliseconds over the last `runs` executions: the k-th execution of every
 * ONNX node of a layer is summed into that layer's k-th run, then the median is taken.
 * Earlier executions (warm-up) are dropped.
 */
export function perLayerMedians(
  events: readonly KernelEvent[],
  nodeLayer: Readonly<Record<string, string>>,
  runs: number,
): Record<string, number> {
  const byNode = new Map<string, number[]>();
  for (const e of events) {
    const list = byNode.get(e.node) ?? [];
    list.push(e.durUs);
    byNode.set(e.node, list);
  }
  const perRun = new Map<string, number[]>();
  for (const [node, durs] of byNode) {
    const layer = layerOfNode(node, nodeLayer);
    if (layer === undefined) continue;
    const last = durs.slice(-runs);
    const acc = perRun.get(layer) ?? Array<number>(last.length).fill(0);
    last.forEach((d, i) => {
      acc[i] = (acc[i] ?? 0) + d;
    });
    perRun.set(layer, acc);
  }
  const out: Record<string, number> = {};
  for (const [layer, us] of perRun) out[layer] = median(us) / 1000;
  return out;
}
