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

/** Rasterises a standalone SVG document (with width/height attributes) to a PNG blob. */
export async function svgToPng(svg: string, wantedScale = 2): Promise<Blob> {
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
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG (too large?)'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
