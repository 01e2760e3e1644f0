/** One figure of a layer, with its formula and the layer's own numbers substituted. */
export interface ExplainFigure {
  readonly id: 'macs' | 'params' | 'flops' | 'activations' | 'weights';
  readonly label: string;
  /** Symbolic formula: `H_out·W_out·C_out·(C_in/g)·k_h·k_w`. */
  readonly formula: string;
  /** The same with this layer's numbers: `56·56·64·64·3·3`. */
  readonly substituted: string;
  readonly value: number;
  readonly unit: 'MACs' | 'FLOPs' | 'values' | 'bytes';
  /** What the figure counts, for a student (the "?"). */
  readonly help: string;
  /** The analysis' own figure: the explanation is checked against it, never silently different. */
  readonly analysisValue: number;
}

/** One way of computing a convolution, with its cost and how it compares with the direct loop. */
export interface AlgorithmRow {
  readonly id: 'direct' | 'im2col' | 'winograd-2' | 'winograd-4' | 'fft';
  readonly name: string;
  readonly applies: boolean;
  /** The algorithm's count in `unit` (null when it does not apply). */
  readonly count: number | null;
  readonly unit: 'MACs' | 'multiplications' | 'FLOPs';
  /** Direct ÷ this (2.25 = 2.25× fewer); compared like with like (FLOPs with FLOPs). */
  readonly speedup: number | null;
  /** True for figures that are estimates (FFT), which every view labels as such. */
  readonly estimate: boolean;
  /** The numbers behind the count, one line each. */
  readonly detail: readonly string[];
  /** One line of why (or why not). */
  readonly why: string;
  /** What the figure counts (the "?"). */
  readonly help: string;
}

/** The receptive field of one spatial axis before and after this layer. */
export interface RFStep {
  readonly axis: string;
  readonly before: { readonly size: number; readonly jump: number; readonly start: number };
  readonly after: { readonly size: number; readonly jump: number; readonly start: number };
  /** Effective kernel (dilation applied), stride and padding before, on this axis. */
  readonly kernel: number;
  readonly dilation: number;
  readonly stride: number;
  readonly pad: number;
  /** `size 7 = 3 + (3−1)·2`. */
  readonly lines: readonly string[];
  /** One-line picture of the field on the input: `·●·●·●·` (● = centre of one of the k taps). */
  readonly picture: string;
  /** Input pixels per picture cell (1 unless the field is wider than the picture). */
  readonly scale: number;
}

/** A worked example (a preset written from the seed notes) that shows what an explanation explains. */
export interface LearnLink {
  readonly topic: string;
  readonly presetId: string;
  readonly layer: string;
  readonly title: string;
  /** `#/preset/ID/LAYER`: opens the preset with that layer selected. */
  readonly href: string;
}

/** Everything the inspector's explanation shows for one dot-product layer. */
export interface Explanation {
  readonly layer: string;
  readonly kind: 'conv' | 'depthwise' | 'deconv' | 'separable' | 'fc';
  /** `Convolution 3×3, 64 → 64 channels, stride 1` */
  readonly title: string;
  /** A paragraph for a student: what the layer computes and where its cost comes from. */
  readonly intro: string;
  readonly figures: readonly ExplainFigure[];
  readonly algorithms: readonly AlgorithmRow[] | null;
  readonly rf: readonly RFStep[] | null;
  readonly learn: readonly LearnLink[];
  readonly notes: readonly string[];
}
