import { openShareFragment } from '@/lib/boot/link';
import { DEFAULT_PRESET_ID, getPreset } from '@/lib/presets';
import { decodeShare, DEFAULT_VIEW, type ShareView } from '@/lib/share/codec';
import { fetchModelText, parseLocation, type FetchLike } from '@/lib/share/location';
import type { BinaryModel } from '@/lib/worker/protocol';

/** What the workspace opens with, and why. */
export interface InitialText {
  text: string;
  /** 'link' | 'preset' | 'url' | 'saved' | 'default'. */
  source: string;
  view?: ShareView;
  /** A message for the user when the link could not be used. */
  notice?: string;
  /** A binary model (ONNX) the link or URL opened; `text` then stays the saved text, shown again when it is closed. */
  binary?: BinaryModel;
}

/** Fallback when even the presets fail to build: a tiny valid network. */
const TINY = `name: "tiny"
input: "data"
input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
  convolution_param { num_output: 16 kernel_size: 3 pad: 1 } }
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
`;

/** The default model text (the default preset). */
export function defaultText(): string {
  return getPreset(DEFAULT_PRESET_ID)?.text ?? TINY;
}

/**
 * Picks the text to open: a share link or preset link in the fragment, then `?url=`, then the
 * text saved in this browser, then the default preset. A broken link never loses the saved text.
 */
export async function resolveInitialText(
  hash: string,
  search: string,
  saved: string | null,
  fetchImpl: FetchLike,
): Promise<InitialText> {
  const now = resolveInitialTextSync(hash, search, saved);
  if (now) return now;
  const target = parseLocation(hash, search);
  // Only binary models and `?url=` links get here: the ONNX code is loaded for them, never on the
  // page's first script.
  const { classify } = await import('@/components/onnx/open-file');
  if (target.kind === 'share') {
    const d = decodeShare(target.fragment);
    if (d.ok && d.kind === 'binary') {
      const opened = classify(d.bytes, d.name);
      if (opened.kind === 'binary') return { ...fallback(saved), source: 'link', view: d.view, binary: opened.model };
      return { text: opened.text, source: 'link', view: d.view };
    }
  }
  if (target.kind !== 'url') return fallback(saved);
  const r = await fetchModelText(target.url, fetchImpl, { binary: true });
  if (!r.ok) return fallback(saved, `${r.error}.`);
  if (!r.bytes) return { text: r.text, source: 'url' };
  // The body as bytes: an ONNX file is opened as one, a text model goes into the editor.
  const name = decodeURIComponent(new URL(target.url).pathname.split('/').pop() || 'model.onnx');
  const opened = classify(r.bytes, name);
  if (opened.kind === 'binary') return { ...fallback(saved), source: 'url', binary: opened.model };
  if (opened.text.length > 20 * 1024 * 1024) return fallback(saved, `${target.url} is larger than the 20 MB limit.`);
  return { text: opened.text, source: 'url' };
}

function fallback(saved: string | null, notice?: string): InitialText {
  return {
    ...(saved !== null && saved.trim() !== ''
      ? { text: saved, source: 'saved' }
      : { text: defaultText(), source: 'default' }),
    ...(notice ? { notice } : {}),
  };
}

/**
 * The same choice without waiting: null only for a `?url=` link (which must be fetched). The
 * page resolves it while its script is evaluated, so the analysis starts before React hydrates.
 */
export function resolveInitialTextSync(hash: string, search: string, saved: string | null): InitialText | null {
  const target = parseLocation(hash, search);
  if (target.kind === 'preset') {
    const p = getPreset(target.id);
    if (!p) return fallback(saved, `There is no built-in model "${target.id}".`);
    return {
      text: p.text,
      source: 'preset',
      ...(target.layer ? { view: { ...DEFAULT_VIEW, selected: target.layer } } : {}),
    };
  }
  if (target.kind === 'share') {
    const link = openShareFragment(target.fragment);
    if (link.kind === 'error') return fallback(saved, `This link could not be opened: ${link.error}.`);
    // A binary model (ONNX) in the link: resolveInitialText opens it, with the ONNX code loaded then.
    if (link.kind === 'binary') return null;
    return { text: link.text, source: 'link', view: link.view };
  }
  if (target.kind === 'url') return null;
  return fallback(saved);
}
