/**
 * The colour key drawn beside an exported graph, so a file read without the app still says what
 * the colours mean: category swatches, or a heat map's gradient with its value range. Pure data
 * in, SVG text out; the page builds the data from the same colour rules the graph view uses.
 */
import { escapeXml } from './svg-escape';

/** One swatch of a category legend. */
export interface LegendSwatch {
  readonly label: string;
  readonly fill: string;
  readonly stroke: string;
}

/** What the legend shows. */
export type SvgLegend =
  | {
      readonly kind: 'swatches';
      readonly title: string;
      readonly items: readonly LegendSwatch[];
      readonly note?: string;
    }
  | {
      readonly kind: 'gradient';
      readonly title: string;
      /** Colours from the low end to the high end. */
      readonly stops: readonly string[];
      /** Labels under the low end, the middle and the high end. */
      readonly labels: readonly [string, string, string];
      /** The colour of zero / unknown values. */
      readonly neutral?: LegendSwatch;
      readonly note?: string;
    };

const PAD = 8;
const LINE = 15;
const TITLE = 12;
const TEXT = 11;
const GRADIENT_W = 180;
// Monospace advance ≈ 0.6 em: enough to size the box from its text without a font.
const textWidth = (s: string, size: number): number => s.length * size * 0.6;

/** Width and height of the legend box. */
export function legendSize(legend: SvgLegend): { width: number; height: number } {
  const lines: [string, number][] = [[legend.title, TITLE]];
  let height = PAD + LINE;
  if (legend.kind === 'swatches') {
    for (const it of legend.items) lines.push([`MMM ${it.label}`, TEXT]);
    height += legend.items.length * LINE;
  } else {
    lines.push(['M'.repeat(Math.ceil(GRADIENT_W / (TEXT * 0.6))), TEXT], [legend.labels.join('   '), TEXT]);
    height += 14 + LINE;
    if (legend.neutral) {
      lines.push([`MMM ${legend.neutral.label}`, TEXT]);
      height += LINE;
    }
  }
  if (legend.note) {
    lines.push([legend.note, TEXT]);
    height += LINE;
  }
  const width = Math.ceil(lines.reduce((w, [s, size]) => Math.max(w, textWidth(s, size)), -Infinity) + 2 * PAD);
  return { width, height: height + PAD };
}

const num = (n: number): string => String(Math.round(n * 10) / 10);

/** The legend as an SVG group at (x, y). `colors` are the document's panel, border and text colours. */
export function legendSvg(
  legend: SvgLegend,
  x: number,
  y: number,
  colors: { panel: string; border: string; text: string; muted: string },
): string {
  const { width, height } = legendSize(legend);
  const out: string[] = [];
  out.push(`<g class="legend" data-kind="${legend.kind}" transform="translate(${num(x)} ${num(y)})">`);
  out.push(
    `<rect width="${width}" height="${height}" rx="4" fill="${escapeXml(colors.panel)}" stroke="${escapeXml(colors.border)}"/>`,
  );
  let cy = PAD + TITLE;
  out.push(
    `<text x="${PAD}" y="${cy}" font-size="${TITLE}" font-weight="bold" fill="${escapeXml(colors.text)}">${escapeXml(legend.title)}</text>`,
  );
  cy += 6;
  const swatch = (s: LegendSwatch) => {
    out.push(
      `<rect class="swatch" x="${PAD}" y="${cy}" width="16" height="10" rx="2" fill="${escapeXml(s.fill)}" stroke="${escapeXml(s.stroke)}"/>`,
    );
    out.push(
      `<text x="${PAD + 22}" y="${cy + 9}" font-size="${TEXT}" fill="${escapeXml(colors.text)}">${escapeXml(s.label)}</text>`,
    );
    cy += LINE;
  };
  if (legend.kind === 'swatches') {
    for (const it of legend.items) swatch(it);
  } else {
    const n = legend.stops.length;
    out.push('<defs><linearGradient id="legend-heat" x1="0" x2="1" y1="0" y2="0">');
    legend.stops.forEach((c, i) =>
      out.push(`<stop offset="${n > 1 ? num((i / (n - 1)) * 100) : 0}%" stop-color="${escapeXml(c)}"/>`),
    );
    out.push('</linearGradient></defs>');
    out.push(
      `<rect class="gradient" x="${PAD}" y="${cy}" width="${GRADIENT_W}" height="12" rx="2" fill="url(#legend-heat)"/>`,
    );
    cy += 12 + LINE - 2;
    const [lo, mid, hi] = legend.labels;
    const t = (s: string, at: number, anchor: string) =>
      out.push(
        `<text x="${num(at)}" y="${cy}" font-size="${TEXT}" text-anchor="${anchor}" fill="${escapeXml(colors.text)}">${escapeXml(s)}</text>`,
      );
    t(lo, PAD, 'start');
    t(mid, PAD + GRADIENT_W / 2, 'middle');
    t(hi, PAD + GRADIENT_W, 'end');
    cy += 4;
    if (legend.neutral) swatch(legend.neutral);
  }
  if (legend.note) {
    out.push(
      `<text x="${PAD}" y="${cy + 9}" font-size="${TEXT}" fill="${escapeXml(colors.muted)}">${escapeXml(legend.note)}</text>`,
    );
  }
  out.push('</g>');
  return out.join('\n');
}
