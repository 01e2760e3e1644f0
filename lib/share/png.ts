/**
 * PNG from our SVG export, in the browser only: the SVG is drawn on a canvas and encoded by
 * the browser. Node has no canvas, which is why `layerscope render` offers SVG only.
 */

/** Browsers refuse canvases beyond ~16k px a side or ~268 M px; stay well inside. */
export const MAX_PNG_SIDE = 16_384;
export const MAX_PNG_PIXELS = 100_000_000;

/** The scale that fits a width×height drawing in the canvas limits (at most `wanted`). */
export function pngScale(width: number, height: number, wanted = 2): number {
  if (width <= 0 || height <= 0) return wanted;
  const side = MAX_PNG_SIDE / Math.max(width, height);
  const area = Math.sqrt(MAX_PNG_PIXELS / (width * height));
  return Math.max(0.05, Math.min(wanted, side, area));
}

/** A rendered PNG and how it was drawn. */
export interface PngResult {
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
  /** The scale used: `wanted` unless the drawing would exceed the canvas limits. */
  readonly scale: number;
  /** True when the size limit forced a scale below the wanted one (say so to the user). */
  readonly limited: boolean;
}

/** The sentence that tells the user the PNG came out smaller than asked (or null when it did not). */
export function pngLimitNote(r: Pick<PngResult, 'width' | 'height' | 'scale' | 'limited'>, wanted = 2): string | null {
  if (!r.limited) return null;
  return (
    `The graph is too large for a ${wanted}× PNG (browsers cap canvases near ${MAX_PNG_SIDE.toLocaleString('en-US')} px ` +
    `a side; this export stops at ${(MAX_PNG_PIXELS / 1e6).toFixed(0)} million pixels), so it was drawn at ` +
    `${r.scale.toFixed(2)}×: ${r.width.toLocaleString('en-US')} × ${r.height.toLocaleString('en-US')} px. ` +
    'The SVG keeps every detail.'
  );
}

/** Rasterises a standalone SVG document (with width/height attributes) to a PNG, at `wantedScale` within the limits. */
export async function svgToPng(svg: string, wantedScale = 2): Promise<PngResult> {
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  const width = Number(m?.[1] ?? 800);
  const height = Number(m?.[2] ?? 600);
  const scale = pngScale(width, height, wantedScale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the browser could not draw the SVG'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas available');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG (too large?)'))),
        'image/png',
      ),
    );
    return { blob, width: canvas.width, height: canvas.height, scale, limited: scale < wantedScale };
  } finally {
    URL.revokeObjectURL(url);
  }
}
