/**
 * What the page was opened with: a share fragment (`#v1.…`), a preset (`#/preset/NAME`),
 * a remote model (`?url=https://…`) or nothing. Kept framework-free so the workspace,
 * the compare page and tests read locations the same way.
 */

/** The source a page should load its model(s) from. */
export type LinkTarget =
  | { readonly kind: 'share'; readonly fragment: string }
  | { readonly kind: 'preset'; readonly id: string; readonly layer?: string }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'none' };

/** Reads `location.hash` and `location.search` (either may be empty). The fragment wins over `?url=`. */
export function parseLocation(hash: string, search: string): LinkTarget {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  // `#/preset/ID` or `#/preset/ID/LAYER` (the inspector's worked examples open with a layer selected;
  // preset ids have no '/', layer names may).
  const preset = /^\/?preset\/([^/]+)(?:\/(.+))?$/.exec(h);
  if (preset) {
    const layer = preset[2] !== undefined ? safeDecode(preset[2]) : undefined;
    return { kind: 'preset', id: safeDecode(preset[1]!), ...(layer ? { layer } : {}) };
  }
  if (h.length > 0) return { kind: 'share', fragment: h };
  const url = new URLSearchParams(search).get('url');
  if (url) return { kind: 'url', url };
  return { kind: 'none' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The fragment for a preset link. */
export function presetFragment(id: string): string {
  return `/preset/${encodeURIComponent(id)}`;
}

/** Largest remote model accepted (the editor's own documented limit): 20 MB, SI like every byte figure. */
export const MAX_REMOTE_BYTES = 20_000_000;

/** A fetch-like function (the global fetch, or a fake in tests). */
export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** The body as bytes (binary models); absent on fakes that only serve text. */
  arrayBuffer?(): Promise<ArrayBuffer>;
}>;

/** Largest binary model (ONNX) a link may load: the reader skips weights, so size is mostly transfer. */
export const MAX_REMOTE_BINARY_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Fetches a raw model from a user-given URL; every failure is a sentence a user can act on. With
 * `binary`, the body comes back as bytes (an ONNX file may be one) under the binary size limit;
 * a text model among them is decoded by the caller.
 */
export async function fetchModelText(
  url: string,
  fetchImpl: FetchLike,
  options?: { timeoutMs?: number; binary?: false },
): Promise<{ ok: true; text: string } | { ok: false; error: string }>;
export async function fetchModelText(
  url: string,
  fetchImpl: FetchLike,
  options: { timeoutMs?: number; binary: true },
): Promise<{ ok: true; text: string; bytes?: Uint8Array } | { ok: false; error: string }>;
export async function fetchModelText(
  url: string,
  fetchImpl: FetchLike,
  options: { timeoutMs?: number; binary?: boolean } = {},
): Promise<{ ok: true; text: string; bytes?: Uint8Array } | { ok: false; error: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: `"${url.slice(0, 200)}" is not a valid URL` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, error: `only http(s) URLs can be loaded, not ${parsed.protocol}` };
  }
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
  try {
    const res = await fetchImpl(parsed.href, { signal: controller?.signal });
    if (!res.ok) {
      return {
        ok: false,
        error: `could not load ${parsed.href}: the server answered ${res.status} ${res.statusText}`.trim(),
      };
    }
    const length = Number(res.headers.get('content-length') ?? '0');
    if (options.binary && res.arrayBuffer) {
      if (length > MAX_REMOTE_BINARY_BYTES) {
        return { ok: false, error: `${parsed.href} is ${length} bytes, above the 2 GB limit` };
      }
      return { ok: true, text: '', bytes: new Uint8Array(await res.arrayBuffer()) };
    }
    if (length > MAX_REMOTE_BYTES) {
      return {
        ok: false,
        error: `${parsed.href} is ${length} bytes, above the ${MAX_REMOTE_BYTES / 1e6} MB limit`,
      };
    }
    const text = await res.text();
    if (text.length > MAX_REMOTE_BYTES) {
      return { ok: false, error: `${parsed.href} is larger than the ${MAX_REMOTE_BYTES / 1e6} MB limit` };
    }
    return { ok: true, text };
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') {
      return {
        ok: false,
        error: `loading ${parsed.href} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`,
      };
    }
    // Browsers report a CORS refusal and an unreachable host with the same TypeError.
    return {
      ok: false,
      error:
        `could not load ${parsed.href}: the request was blocked or the host is unreachable. ` +
        'The server must allow cross-origin requests (CORS); raw file links of code hosts usually do. ' +
        'You can also download the file and paste it into the editor.',
    };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
