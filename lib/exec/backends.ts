import type { BackendId } from './engine';

/** Whether a backend can run here, and why not when it cannot. */
export interface BackendStatus {
  readonly id: BackendId;
  readonly label: string;
  readonly available: boolean;
  readonly reason?: string;
  /** Extra facts shown next to the picker (threads, adapter). */
  readonly detail?: string;
}

/** What the resolver needs to know about the environment (globals in a page or worker). */
export interface BackendEnvironment {
  readonly hasWebAssembly: boolean;
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  /** navigator.gpu, if present. */
  readonly gpu?: { requestAdapter(): Promise<unknown> };
}

/** Reads the environment from the current global scope (page or worker). */
export function currentEnvironment(): BackendEnvironment {
  const g = globalThis as unknown as {
    crossOriginIsolated?: boolean;
    navigator?: { hardwareConcurrency?: number; gpu?: BackendEnvironment['gpu'] };
  };
  return {
    hasWebAssembly: typeof WebAssembly === 'object',
    crossOriginIsolated: g.crossOriginIsolated === true,
    hardwareConcurrency: g.navigator?.hardwareConcurrency ?? 1,
    ...(g.navigator?.gpu ? { gpu: g.navigator.gpu } : {}),
  };
}

/** WASM threads need SharedArrayBuffer, which browsers only give cross-origin-isolated pages. */
export function wasmThreads(env: BackendEnvironment): { readonly max: number; readonly reason?: string } {
  if (!env.crossOriginIsolated) {
    return { max: 1, reason: 'threads off: the page is not cross-origin isolated (COOP/COEP headers missing)' };
  }
  return { max: Math.max(1, env.hardwareConcurrency) };
}

/**
 * Checks every backend in priority order (WebGPU first, WASM as the fallback) and says why
 * each unavailable one is not usable, like onnxruntime-web's backend resolver.
 */
export async function resolveBackends(env: BackendEnvironment): Promise<BackendStatus[]> {
  const threads = wasmThreads(env);
  const wasm: BackendStatus = env.hasWebAssembly
    ? {
        id: 'wasm',
        label: 'WebAssembly',
        available: true,
        detail: threads.reason ?? `up to ${threads.max} threads`,
      }
    : { id: 'wasm', label: 'WebAssembly', available: false, reason: 'WebAssembly is not supported here' };
  let webgpu: BackendStatus;
  if (!env.gpu) {
    webgpu = {
      id: 'webgpu',
      label: 'WebGPU',
      available: false,
      reason: 'navigator.gpu is missing: this browser has no WebGPU (or it is disabled)',
    };
  } else {
    try {
      const adapter = await env.gpu.requestAdapter();
      webgpu = adapter
        ? { id: 'webgpu', label: 'WebGPU', available: true }
        : {
            id: 'webgpu',
            label: 'WebGPU',
            available: false,
            reason: 'no WebGPU adapter: requestAdapter() returned null',
          };
    } catch (err) {
      webgpu = {
        id: 'webgpu',
        label: 'WebGPU',
        available: false,
        reason: `requestAdapter() failed: ${(err as Error).message}`,
      };
    }
  }
  return [webgpu, wasm];
}

/** The requested backend if available, else the first available one, with the reason for the switch. */
export function pickBackend(
  wanted: BackendId,
  statuses: readonly BackendStatus[],
): { readonly id: BackendId | null; readonly note?: string } {
  const hit = statuses.find((s) => s.id === wanted);
  if (hit?.available) return { id: wanted };
  const fallback = statuses.find((s) => s.available);
  const why = hit?.reason ?? `${wanted} is unknown`;
  return fallback
    ? { id: fallback.id, note: `${wanted} unavailable (${why}); using ${fallback.label}` }
    : { id: null, note: why };
}
