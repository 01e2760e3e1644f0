import type { AttrMap, Shape } from '../ir';
import type { PlanLayer } from '../advisor/plan';

/** One layer of a rewrite's block in a format: the attributes the analysis reads, and what the printer prints. */
export interface BlockLayerText {
  readonly name: string;
  /** Canonical type (the op namespace's name: `Convolution`, `ReLU`, `Conv2D`, `Reshape`…). */
  readonly type: string;
  readonly attrs: AttrMap;
  readonly bottoms: readonly string[];
  readonly tops: readonly string[];
  /** The format's own representation (a prototxt message, a Keras layer object). */
  readonly source: unknown;
}

/**
 * A writer per format: turns a format-neutral plan into that format's layers (whose attributes
 * the analysis evaluates, so the advised figures come from the same ops as a re-read), and prints
 * them in place of the original layer's text.
 */
export interface BlockWriter {
  layers(plan: readonly PlanLayer[]): BlockLayerText[];
  /**
   * The text that replaces [start, end) (the original layer), matching its indentation.
   * `shapes` are each layer's input shape (for formats that record them, Keras build_config).
   */
  print(
    layers: readonly BlockLayerText[],
    text: string,
    start: number,
    end: number,
    comment: string,
    shapes?: readonly (Shape | null)[],
  ): string;
}
