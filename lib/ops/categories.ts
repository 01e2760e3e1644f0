import type { OpCategory } from './types';

/** Colours of one category in one theme: card fill, card border/accent, text on the fill. */
export interface CategoryColors {
  readonly fill: string;
  readonly stroke: string;
  readonly text: string;
}

/** Display metadata of a layer category: its legend label and colours per theme. */
export interface CategoryStyle {
  readonly label: string;
  readonly light: CategoryColors;
  readonly dark: CategoryColors;
}

// Hues follow Netscope/Netron conventions (conv blue, pool green, norm grey-violet, activation
// orange…) so people who know those tools read the graph at a glance. Light fills are pale tints
// with dark text; dark fills are deep tones with light text, each pair above 4.5:1 contrast.
const style = (label: string, hue: number, sat: number): CategoryStyle => ({
  label,
  light: { fill: `hsl(${hue} ${sat}% 92%)`, stroke: `hsl(${hue} ${sat}% 42%)`, text: `hsl(${hue} 40% 14%)` },
  dark: { fill: `hsl(${hue} ${Math.round(sat * 0.6)}% 20%)`, stroke: `hsl(${hue} ${sat}% 60%)`, text: `hsl(${hue} 30% 92%)` },
});

/** Colour and label of every OpCategory; the graph legend lists them in this order. */
export const CATEGORY_STYLES: Readonly<Record<OpCategory, CategoryStyle>> = {
  input: style('Input / data', 200, 10),
  conv: style('Convolution', 212, 70),
  deconv: style('Deconvolution', 190, 65),
  pool: style('Pooling', 140, 50),
  fc: style('Fully connected', 262, 55),
  norm: style('Normalisation', 300, 30),
  activation: style('Activation', 28, 85),
  elementwise: style('Elementwise', 48, 80),
  shape: style('Shape / reshape', 20, 25),
  concat: style('Concat / split', 175, 45),
  detection: style('Detection', 340, 60),
  recurrent: style('Recurrent', 235, 45),
  loss: style('Loss / accuracy', 0, 65),
  container: style('Nested model', 220, 15),
  other: style('Other / unknown', 0, 0),
};

/** Categories in legend order. */
export const CATEGORY_ORDER = Object.keys(CATEGORY_STYLES) as OpCategory[];

/** The colours of a category in a theme. */
export function categoryColors(category: OpCategory, theme: 'light' | 'dark'): CategoryColors {
  return CATEGORY_STYLES[category][theme];
}
