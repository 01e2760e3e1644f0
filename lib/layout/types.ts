import type { Shape } from '../ir';
import type { OpCategory } from '../ops/types';

/** Which way the layered layout flows: top-to-bottom or left-to-right. */
export type LayoutDirection = 'DOWN' | 'RIGHT';

/** An in-place layer folded into the node it follows, shown as a badge. */
export interface FoldedLayer {
  /** IR node index of the folded layer. */
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly category: OpCategory;
  readonly macs: number;
  readonly flops: number;
  readonly params: number;
}

/** Summed costs of everything a view node stands for (its layers and their folded badges). */
export interface NodeCosts {
  readonly macs: number;
  readonly flops: number;
  readonly params: number;
  /** Activation bytes written (in-place aliases count zero, as in the analysis). */
  readonly activationBytes: number;
  /** Measured time in ms, when a run supplied one for any of the layers. */
  readonly measuredMs: number | null;
}

/** One box of the graph before layout: a layer, a graph input, or a collapsed group. */
export interface ViewNode {
  /** Unique id: `L<index>` for layers, `I:<blob>` for inputs, `G:<key>` for collapsed groups. */
  readonly id: string;
  readonly kind: 'layer' | 'input' | 'group';
  /** Layer / input name, or the group's prefix. */
  readonly name: string;
  /** Layer type, `Input`, or `Group` for collapsed groups. */
  readonly type: string;
  readonly category: OpCategory;
  /** IR node indices this box stands for (hosts only; folded layers are in `folded`). Empty for inputs. */
  readonly layers: readonly number[];
  readonly folded: readonly FoldedLayer[];
  /** Output shape of the box (first top of its last layer), batch axis included. */
  readonly outShape: Shape | null;
  readonly costs: NodeCosts;
  /** 'broken' / 'unknown' when any of its layers is, for a warning outline. */
  readonly status: 'ok' | 'broken' | 'unknown';
  /** Group key this node belongs to (when part of an expanded proposed group). */
  readonly group: string | null;
  /** Number of layers (hosts + folded) for a collapsed group; 1 otherwise. */
  readonly layerCount: number;
  readonly width: number;
  readonly height: number;
}

/** One edge between view nodes; parallel blobs between the same pair are merged into one edge. */
export interface ViewEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Blob ids carried, in first-seen order. */
  readonly blobs: readonly string[];
  /** Label text: the blob shape(s) without the batch axis, e.g. `64×56×56`. */
  readonly label: string;
  readonly labelWidth: number;
  readonly labelHeight: number;
}

/** The graph to lay out: boxes with sizes and labelled edges. */
export interface ViewGraph {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  /** For every layer name: id of the view node showing it (host node, or collapsed group). */
  readonly nodeOfLayer: ReadonlyMap<string, string>;
}

/** A point in layout coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A view node with its laid-out position (top-left corner). */
export interface PositionedNode extends ViewNode {
  readonly x: number;
  readonly y: number;
}

/** A view edge with its route and label position. */
export interface PositionedEdge extends ViewEdge {
  /** Polyline from source to target (start, bends, end). */
  readonly points: readonly Point[];
  /** Label top-left corner, or null when the layout did not place it. */
  readonly labelPos: Point | null;
}

/** The laid-out graph the React view renders. */
export interface PositionedGraph {
  readonly nodes: readonly PositionedNode[];
  readonly edges: readonly PositionedEdge[];
  readonly width: number;
  readonly height: number;
  readonly nodeOfLayer: ReadonlyMap<string, string>;
}

/** A proposed block of layers sharing a name prefix (`inception_3a`, `res2a`). */
export interface LayerGroup {
  /** The shared prefix; unique among groups. */
  readonly key: string;
  /** View-node ids (before collapse) of the group members, in topological order. */
  readonly members: readonly string[];
  /** Number of layers including folded in-place ones. */
  readonly layerCount: number;
}
