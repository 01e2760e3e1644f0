import { decodeShare, type ShareView } from '../share/codec';

/** What a share fragment opens in the workspace. */
export type OpenedLink =
  | { readonly kind: 'text'; readonly text: string; readonly view: ShareView }
  /** A binary model (ONNX): opened by the page with the ONNX code, never by the boot worker. */
  | { readonly kind: 'binary' }
  | { readonly kind: 'error'; readonly error: string };

/**
 * The one decision of what a share link's fragment opens: the workspace's startup
 * (components/workspace/initial-text) and the boot worker (lib/boot/worker-boot), which analyses
 * the link before the app has started, both ask here, so they can never open different texts.
 * A compare link opens its first model.
 */
export function openShareFragment(fragment: string): OpenedLink {
  const d = decodeShare(fragment);
  if (!d.ok) return { kind: 'error', error: d.error };
  if (d.kind === 'binary') return { kind: 'binary' };
  return { kind: 'text', text: d.kind === 'model' ? d.text : d.a, view: d.view };
}
