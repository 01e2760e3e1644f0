import type { Shape } from '../ir';
import { formatBytes, formatMs, formatSI, shapeText } from './format';
import type { CardText } from './measure';
import type { FoldedLayer, ViewNode } from './types';

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
  /** Not 'ok': the figures are unknown and the card says "?" rather than a made-up 0. */
  readonly status?: 'ok' | 'broken' | 'unknown';
}

/** Short badge text of a folded layer: its type (`ReLU`, `BatchNorm`). */
export function badgeLabel(f: Pick<FoldedLayer, 'type'>): string {
  return f.type;
}

/**
 * The text lines of a node card. The layout measures these exact strings and the renderer
 * draws them, so a card is always as wide as its text.
 */
export function cardText(f: CardFacts): CardText {
  const shape = shapeText(f.outShape);
  if (f.kind === 'input') return { name: f.name, line2: `${f.type}  ${shape}`, line3: 'graph input', badges: [] };
  const costs =
    f.status && f.status !== 'ok' ? '? MACs  ? params' : `${formatSI(f.macs)} MACs  ${formatSI(f.params)} params`;
  if (f.kind === 'group') return { name: f.name, line2: `${f.layerCount} layers  ${shape}`, line3: costs, badges: [] };
  return { name: f.name, line2: `${f.type}  ${shape}`, line3: costs, badges: f.badges };
}

/** The card text of a view node (what the layout measured it by). */
export function nodeCardText(n: ViewNode): CardText {
  return cardText({
    kind: n.kind,
    name: n.name,
    type: n.type,
    outShape: n.outShape,
    macs: n.costs.macs,
    params: n.costs.params,
    layerCount: n.layerCount,
    badges: n.folded.map(badgeLabel),
    status: n.status,
  });
}

function costLine(macs: number, flops: number, params: number): string {
  return `MACs ${formatSI(macs)}  FLOPs ${formatSI(flops)}  params ${formatSI(params)}`;
}

/**
 * A card's hover text. A card's figures sum its own layer and the in-place layers folded into it
 * as badges (BatchNorm, Scale, ReLU), while the table lists each layer on its own row; when the
 * badges add anything, the text splits the sum so the two agree (resnet50's conv1 card: 9.54k
 * params = conv1's 9.41k + scale_conv1's 128).
 */
export function cardTooltip(n: ViewNode): string {
  const lines = [`${n.name} (${n.type})`, `output ${shapeText(n.outShape)}`];
  if (n.kind !== 'input') {
    lines.push(costLine(n.costs.macs, n.costs.flops, n.costs.params));
    const f = n.folded;
    const addsCost = f.some((x) => x.macs > 0 || x.params > 0);
    if (n.kind === 'layer' && addsCost) {
      const sum = (k: 'macs' | 'flops' | 'params') => f.reduce((a, x) => a + x[k], 0);
      lines.push(
        `  ${n.name} alone: ${costLine(n.costs.macs - sum('macs'), n.costs.flops - sum('flops'), n.costs.params - sum('params'))}`,
      );
      lines.push(`  in-place layers below: ${costLine(sum('macs'), sum('flops'), sum('params'))}`);
    }
    lines.push(`activations ${formatBytes(n.costs.activationBytes)}`);
  }
  if (n.costs.measuredMs !== null) lines.push(`measured ${formatMs(n.costs.measuredMs)}`);
  if (n.kind === 'group') lines.push(`${n.layerCount} layers — double-click or ⊕ to expand`);
  if (n.status !== 'ok') lines.push(`status: ${n.status}`);
  for (const x of n.folded) lines.push(`+ ${x.name} (${x.type})  ${costLine(x.macs, x.flops, x.params)}`);
  return lines.join('\n');
}

/** Hover text of one badge (a folded in-place layer). */
export function badgeTooltip(f: FoldedLayer): string {
  return `${f.name} (${f.type}, in place)\n${costLine(f.macs, f.flops, f.params)}`;
}
