/**
 * The share-link codec: model text(s) and view state in the URL fragment. The fragment is
 * `v1.` + base64url(raw deflate(JSON)); the version prefix lets later encodings (other
 * dictionaries, other framing) coexist with links already sent around. Decoding is bounded:
 * a decompression bomb is stopped at MAX_DECODED_BYTES without allocating its full size.
 */
import { deflateSync, Inflate } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url';

/** View state that travels with a link: what the recipient should see selected and how. */
export interface ShareView {
  /** Name of the selected layer. */
  readonly selected?: string;
  /** Layout flow: top-to-bottom or left-to-right (lib/layout's DOWN / RIGHT). */
  readonly direction: 'TB' | 'LR';
  readonly colorMode: string;
  readonly batch: number | 'declared';
  /**
   * Input shapes the user set (batch first) for inputs the file gives none, by input name. Added
   * after the first links were sent: absent in those, and ignored by readers that predate it.
   */
  readonly inputs?: Readonly<Record<string, readonly number[]>>;
}

/** What a link carries: one model, or two for the compare view. */
export type SharePayload =
  | { readonly kind: 'model'; readonly text: string; readonly view: ShareView }
  | { readonly kind: 'compare'; readonly a: string; readonly b: string; readonly view: ShareView };

/** A link carrying a binary model file (ONNX), see encodeShareBinary. */
export interface BinaryPayload {
  readonly kind: 'binary';
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly view: ShareView;
}

/** Result of decoding a fragment: never throws. */
export type DecodeResult =
  ({ readonly ok: true } & (SharePayload | BinaryPayload)) | { readonly ok: false; readonly error: string };

/** Default view when a link carries none (or an invalid one). */
export const DEFAULT_VIEW: ShareView = { direction: 'TB', colorMode: 'category', batch: 1 };

/** Largest decompressed payload accepted (a 20 MB model plus JSON escaping headroom). */
export const MAX_DECODED_BYTES = 32_000_000;
/** Largest fragment accepted before even decoding base64 (browsers cap URLs near 2 MB anyway). */
export const MAX_FRAGMENT_CHARS = 8 * 1024 * 1024;

const VERSION = 'v1';
/** Binary models: `b1.` + base64url(raw deflate(frame)), see encodeShareBinary. */
const BINARY_VERSION = 'b1';
// Feeding the inflater small input slices bounds the output produced per step (deflate
// expands at most ~1032×), so the byte counter trips long before memory is at risk.
const INPUT_SLICE = 1024;

/** Encodes a model (and view) or a compare pair as a fragment, without the leading '#'. */
export function encodeShare(payload: { text: string; view?: ShareView } | SharePayload): string {
  const p: SharePayload =
    'kind' in payload ? payload : { kind: 'model', text: payload.text, view: payload.view ?? DEFAULT_VIEW };
  const json = p.kind === 'model' ? { t: p.text, v: p.view } : { a: p.a, b: p.b, v: p.view };
  const bytes = new TextEncoder().encode(JSON.stringify(json));
  return `${VERSION}.${toBase64Url(deflateSync(bytes, { level: 9, mem: 12 }))}`;
}

/**
 * Encodes a binary model file (ONNX) and the view as a fragment: `b1.` + base64url of the raw
 * deflate of a frame: 4 bytes (little-endian) of JSON length, the JSON `{ n: file name, v: view }`,
 * then the file's bytes. The model travels as it is (its weights included), so only small
 * models make practical links.
 */
export function encodeShareBinary(p: { name: string; bytes: Uint8Array; view?: ShareView }): string {
  const head = new TextEncoder().encode(JSON.stringify({ n: p.name, v: p.view ?? DEFAULT_VIEW }));
  const frame = new Uint8Array(4 + head.length + p.bytes.length);
  new DataView(frame.buffer).setUint32(0, head.length, true);
  frame.set(head, 4);
  frame.set(p.bytes, 4 + head.length);
  return `${BINARY_VERSION}.${toBase64Url(deflateSync(frame, { level: 9, mem: 12 }))}`;
}

function decodeBinary(bytes: Uint8Array): DecodeResult {
  if (bytes.length < 4) return { ok: false, error: 'damaged link: the binary frame is too short' };
  const headLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (headLength > bytes.length - 4)
    return { ok: false, error: 'damaged link: the binary frame header runs past its end' };
  let head: unknown;
  try {
    head = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + headLength)));
  } catch (err) {
    return { ok: false, error: `damaged link: the binary frame header is not JSON (${(err as Error).message})` };
  }
  const h = (typeof head === 'object' && head !== null ? head : {}) as Record<string, unknown>;
  const name = typeof h.n === 'string' && h.n.length <= 500 ? h.n : 'model.onnx';
  return { ok: true, kind: 'binary', name, bytes: bytes.slice(4 + headLength), view: parseView(h.v) };
}

/** Inflates with a running byte count; stops at `limit`. */
export function boundedInflate(
  data: Uint8Array,
  limit: number,
): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < data.length && !over; i += INPUT_SLICE) {
      const end = Math.min(i + INPUT_SLICE, data.length);
      inflater.push(data.subarray(i, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    return { ok: false, error: `corrupt compressed data (${(err as Error).message})` };
  }
  if (over) return { ok: false, error: `decompressed data exceeds ${limit / 1e6} MB: refusing it` };
  if (!ended) return { ok: false, error: 'compressed data ends early (truncated link?)' };
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { ok: true, bytes: out };
}

/** Most input shapes a link may carry, and most dims per shape (sanity bounds on untrusted input). */
const MAX_LINK_INPUTS = 64;
const MAX_DIMS = 8;

/** The input shapes of a view, keeping only well-formed entries (names ≤ 1000 chars, 1–8 positive safe-integer dims). */
function parseInputs(raw: unknown): Record<string, number[]> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: Record<string, number[]> = {};
  let n = 0;
  for (const [name, dims] of Object.entries(raw as Record<string, unknown>)) {
    if (n >= MAX_LINK_INPUTS) break;
    if (name.length === 0 || name.length > 1000 || !Array.isArray(dims)) continue;
    if (dims.length === 0 || dims.length > MAX_DIMS) continue;
    if (!dims.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d > 0)) continue;
    out[name] = dims as number[];
    n++;
  }
  return n > 0 ? out : null;
}

function parseView(raw: unknown): ShareView {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_VIEW;
  const r = raw as Record<string, unknown>;
  const batch =
    r.batch === 'declared'
      ? 'declared'
      : typeof r.batch === 'number' && Number.isInteger(r.batch) && r.batch >= 1 && r.batch <= 1e6
        ? r.batch
        : 1;
  const inputs = parseInputs(r.inputs);
  return {
    ...(typeof r.selected === 'string' && r.selected.length <= 1000 ? { selected: r.selected } : {}),
    direction: r.direction === 'LR' ? 'LR' : 'TB',
    colorMode:
      typeof r.colorMode === 'string' && /^[\w-]{1,32}$/.test(r.colorMode) ? r.colorMode : DEFAULT_VIEW.colorMode,
    batch,
    ...(inputs ? { inputs } : {}),
  };
}

/** Decodes a fragment (with or without '#'); every failure is a message, never an exception. */
export function decodeShare(fragment: string): DecodeResult {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (f.length === 0) return { ok: false, error: 'the link carries no model' };
  if (f.length > MAX_FRAGMENT_CHARS) return { ok: false, error: `the link is too long (${f.length} characters)` };
  const dot = f.indexOf('.');
  const version = dot < 0 ? '' : f.slice(0, dot);
  if (version !== VERSION && version !== BINARY_VERSION) {
    const shown = (dot < 0 ? f : version).slice(0, 16);
    return {
      ok: false,
      error: `unknown share-link format "${shown}" (this version reads ${VERSION} and ${BINARY_VERSION} links)`,
    };
  }
  const b64 = fromBase64Url(f.slice(dot + 1));
  if (!b64.ok) return { ok: false, error: `damaged link: ${b64.error}` };
  const inflated = boundedInflate(b64.bytes, MAX_DECODED_BYTES);
  if (!inflated.ok) return { ok: false, error: `damaged link: ${inflated.error}` };
  if (version === BINARY_VERSION) return decodeBinary(inflated.bytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch (err) {
    return { ok: false, error: `damaged link: the content is not valid JSON text (${(err as Error).message})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, error: 'damaged link: the content is not a share object' };
  }
  const o = json as Record<string, unknown>;
  const view = parseView(o.v);
  if (typeof o.t === 'string') return { ok: true, kind: 'model', text: o.t, view };
  if (typeof o.a === 'string' && typeof o.b === 'string') return { ok: true, kind: 'compare', a: o.a, b: o.b, view };
  return { ok: false, error: 'damaged link: no model text in it' };
}
