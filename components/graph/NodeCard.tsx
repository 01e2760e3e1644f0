'use client';

import { memo } from 'react';
import {
  CARD,
  badgeLabel,
  badgeTooltip,
  badgeWidth,
  nodeCardText,
  cardTooltip,
  charsThatFit,
  ellipsize,
  type PositionedNode,
} from '@/lib/layout';

/** Resolved colours of one card. */
export interface CardColors {
  fill: string;
  stroke: string;
  text: string;
  /** Secondary text (type, figures). */
  muted: string;
  badgeFill: string;
  badgeText: string;
  accent: string;
}

interface NodeCardProps {
  node: PositionedNode;
  /** Proposed block this card belongs to (double-click collapses it), or null. */
  group: string | null;
  colors: CardColors;
  selected: boolean;
  /** Name of the selected folded layer, when the selection is one of this card's badges. */
  selectedBadge: string | null;
  dimmed: boolean;
  /** 0: full card, 1: box and name only (zoomed out). */
  detail: 0 | 1;
  /** Click on the card (badge: the folded layer's name). */
  onActivate(nodeId: string, badge: string | null): void;
  onToggleGroup(key: string): void;
  /** Extra hover lines after the card's own (the compare view's change summary). */
  note?: string;
  /** Appended to the cost line (the compare view's ΔMACs). */
  costSuffix?: string;
}

/** One node card in SVG. All names are SVG text nodes (never markup), so HTML in layer names stays text. */
export const NodeCard = memo(function NodeCard({
  node: n,
  group,
  colors,
  selected,
  selectedBadge,
  dimmed,
  detail,
  onActivate,
  onToggleGroup,
  note,
  costSuffix = '',
}: NodeCardProps) {
  const text = nodeCardText(n);
  const inner = n.width - 2 * CARD.padX - (n.kind === 'group' ? 16 : 0);
  const strokeWidth = selected ? 3 : n.status === 'ok' ? 1 : 2;
  const stroke = selected
    ? colors.accent
    : n.status === 'broken'
      ? '#d33'
      : n.status === 'unknown'
        ? '#c80'
        : colors.stroke;
  let bx = CARD.padX;
  const badgeY = CARD.padY + CARD.nameLine + 2 * CARD.textLine + 2;
  return (
    <g
      transform={`translate(${n.x},${n.y})`}
      data-node-id={n.id}
      data-node-name={n.name}
      data-status={n.status}
      data-selected={selected ? 'true' : undefined}
      className="graph-node"
      opacity={dimmed ? 0.3 : 1}
      style={{ cursor: 'pointer' }}
      onClick={(e) => {
        e.stopPropagation();
        onActivate(n.id, null);
      }}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (group !== null) onToggleGroup(group);
      }}
    >
      <title>{note ? `${cardTooltip(n)}\n${note}` : cardTooltip(n)}</title>
      <rect
        width={n.width}
        height={n.height}
        rx={n.kind === 'group' ? 8 : 4}
        fill={colors.fill}
        stroke={stroke}
        strokeWidth={strokeWidth}
        strokeDasharray={n.kind === 'group' ? '5 3' : undefined}
      />
      <text
        x={CARD.padX}
        y={CARD.padY + CARD.nameSize}
        fontSize={CARD.nameSize}
        fontWeight={600}
        fill={colors.text}
        className="graph-node-name"
      >
        {ellipsize(text.name, charsThatFit(inner, CARD.nameSize))}
      </text>
      {detail === 0 && (
        <>
          <text
            x={CARD.padX}
            y={CARD.padY + CARD.nameLine + CARD.textSize + 1}
            fontSize={CARD.textSize}
            fill={colors.muted}
          >
            {ellipsize(text.line2, charsThatFit(inner, CARD.textSize))}
          </text>
          <text
            x={CARD.padX}
            y={CARD.padY + CARD.nameLine + CARD.textLine + CARD.textSize + 1}
            fontSize={CARD.textSize}
            fill={colors.text}
            className="graph-node-costs"
          >
            {ellipsize(text.line3 + costSuffix, charsThatFit(inner, CARD.textSize))}
          </text>
          {n.folded.map((f) => {
            const label = badgeLabel(f);
            const w = badgeWidth(label);
            const x = bx;
            bx += w + CARD.badgeGap;
            if (x + w > n.width - CARD.padX + 0.5) return null;
            const on = selectedBadge === f.name;
            return (
              <g
                key={f.index}
                transform={`translate(${x},${badgeY})`}
                className="graph-badge"
                data-badge-name={f.name}
                onClick={(e) => {
                  e.stopPropagation();
                  onActivate(n.id, f.name);
                }}
              >
                <title>{badgeTooltip(f)}</title>
                <rect
                  width={w}
                  height={CARD.badgeLine - 2}
                  rx={3}
                  fill={on ? colors.accent : colors.badgeFill}
                  stroke={on ? colors.accent : 'none'}
                />
                <text
                  x={CARD.badgePadX}
                  y={CARD.badgeSize + 1.5}
                  fontSize={CARD.badgeSize}
                  fill={on ? '#fff' : colors.badgeText}
                >
                  {label}
                </text>
              </g>
            );
          })}
        </>
      )}
      {n.kind === 'group' && (
        <g
          transform={`translate(${n.width - 20},4)`}
          className="graph-group-toggle"
          onClick={(e) => {
            e.stopPropagation();
            onToggleGroup(n.name);
          }}
        >
          <title>{`Expand ${n.name}`}</title>
          <rect width={16} height={16} rx={3} fill={colors.badgeFill} />
          <text x={8} y={12.5} fontSize={13} textAnchor="middle" fill={colors.text}>
            +
          </text>
        </g>
      )}
    </g>
  );
});
