import type { Shape } from '../ir';
import { formatSI, shapeText } from './format';
import type { CardText } from './measure';

/** What a card needs to know to produce its text lines. */
export interface CardFacts {
  readonly kind: 'layer' | 'input' | 'group';
  readonly name: string;
  readonly type: string;
  readonly outShape: Shape | null;
  readonly macs: number;
  readonly params: number;
  readonly layerCount: number;
  readonly badges: readonly string[];
}

/**
 * The text lines of a node card. The layout measures these exact strings and the renderer
 * draws them, so a card is always as wide as its text.
 */
export function cardText(f: CardFacts): CardText {
  const shape = shapeText(f.outShape);
  if (f.kind === 'input') return { name: f.name, line2: `${f.type}  ${shape}`, line3: 'graph input', badges: [] };
  const costs = `${formatSI(f.macs)} MACs  ${formatSI(f.params)} params`;
  if (f.kind === 'group') return { name: f.name, line2: `${f.layerCount} layers  ${shape}`, line3: costs, badges: [] };
  return { name: f.name, line2: `${f.type}  ${shape}`, line3: costs, badges: f.badges };
}
