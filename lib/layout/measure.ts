/**
 * Card and label metrics shared by the size estimate (here) and the SVG renderer
 * (components/graph). Cards use a monospace font so a text's width is exactly its length
 * times the advance: sizes are deterministic in Node and match the browser.
 */

/** Advance of one monospace character as a fraction of the font size (DejaVu/Menlo ≈ 0.602). */
export const MONO_ADVANCE = 0.61;

/** Font sizes and line heights of a node card, in px: every text is at least 11 px at zoom 1, the default zoom. */
export const CARD = {
  padX: 8,
  padY: 6,
  nameSize: 12.5,
  nameLine: 17,
  textSize: 11,
  textLine: 15,
  badgeSize: 11,
  badgeLine: 18,
  badgePadX: 4,
  badgeGap: 3,
  minWidth: 120,
  maxWidth: 280,
} as const;

/** Edge label metrics in px. */
export const EDGE_LABEL = { size: 11, padX: 3, height: 15 } as const;

/** Width in px of `text` in the monospace card font at `size` px. */
export function textWidth(text: string, size: number): number {
  return Math.ceil(text.length * size * MONO_ADVANCE);
}

/** Characters of a `size` px monospace font that fit in `width` px. */
export function charsThatFit(width: number, size: number): number {
  return Math.max(1, Math.floor(width / (size * MONO_ADVANCE)));
}

/** `text` shortened with an ellipsis to at most `max` characters. */
export function ellipsize(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Width of one badge chip. */
export function badgeWidth(label: string): number {
  return textWidth(label, CARD.badgeSize) + 2 * CARD.badgePadX;
}

/** The lines a card shows, measured; the renderer draws the same strings. */
export interface CardText {
  readonly name: string;
  readonly line2: string;
  readonly line3: string;
  readonly badges: readonly string[];
}

/** Card size for its text: widest line plus padding (clamped), one extra row when it has badges. */
export function cardSize(text: CardText): { width: number; height: number } {
  let inner = Math.max(
    textWidth(text.name, CARD.nameSize),
    textWidth(text.line2, CARD.textSize),
    textWidth(text.line3, CARD.textSize),
  );
  if (text.badges.length > 0) {
    const row = text.badges.reduce((w, b) => w + badgeWidth(b), 0) + CARD.badgeGap * (text.badges.length - 1);
    inner = Math.max(inner, Math.min(row, CARD.maxWidth - 2 * CARD.padX));
  }
  // Rounded up to a 16 px step so a figure that gains a digit while typing rarely changes the
  // size, and an unchanged structure reuses the previous layout instead of running ELK again.
  const width = Math.min(CARD.maxWidth, Math.max(CARD.minWidth, Math.ceil((inner + 2 * CARD.padX) / 16) * 16));
  const height = 2 * CARD.padY + CARD.nameLine + 2 * CARD.textLine + (text.badges.length > 0 ? CARD.badgeLine + 2 : 0);
  return { width, height };
}

/** Size of an edge label box. */
export function edgeLabelSize(label: string): { width: number; height: number } {
  return {
    width: Math.ceil((textWidth(label, EDGE_LABEL.size) + 2 * EDGE_LABEL.padX) / 8) * 8,
    height: EDGE_LABEL.height,
  };
}
