import { LARGE_GRAPH_NODES } from './elk-graph';

/**
 * ELK reports no progress while it runs (elkjs only returns logs and timings once a layout has
 * finished), so the progress bar shows elapsed time against an estimate. The estimate is a
 * power law in the size of the graph whose scale is recalibrated from every finished layout,
 * so after one layout on this machine it tracks this machine's speed.
 */

/** Size of a layout job: boxes and edges handed to ELK. */
export interface LayoutSize {
  readonly nodes: number;
  readonly edges: number;
}

/**
 * Initial scale: ms per (nodes + edges)^EXPONENT, fitted to ELK on the shared 2-core machine
 * (resnet152 469 elements ≈ 0.74 s, a 301-box model ≈ 2 s, a 1,201-box one ≈ 5–8 s); the first
 * finished layout moves it towards this machine's speed.
 */
const DEFAULT_SCALE = 0.45;
/** The same above LARGE_GRAPH_NODES, where ELK sweeps fewer times. */
const DEFAULT_LARGE_SCALE = 0.3;
/**
 * Scale for the fast layout (lib/layout/fast-layout), which is what the page runs: a 20,000-layer
 * model (6,666 boxes, 8,882 edges) in about 0.3 s in the worker on the shared 2-core machine.
 */
export const FAST_LAYOUT_SCALE = 0.002;
/** ELK layered grows slightly faster than linearly on these graphs (crossing minimisation sweeps). */
const EXPONENT = 1.25;
/** Weight of a new observation in the running calibration (exponential moving average on log scale). */
const LEARN = 0.6;

/** Estimates layout time and learns from finished layouts. */
export class LayoutEstimator {
  /** One scale per ELK effort level: graphs above LARGE_GRAPH_NODES get a cheaper crossing minimisation. */
  private readonly scales: [number, number];

  constructor(scale: number = DEFAULT_SCALE, largeScale: number = DEFAULT_LARGE_SCALE) {
    this.scales = [scale, largeScale];
  }

  private regime(size: LayoutSize): 0 | 1 {
    return size.nodes > LARGE_GRAPH_NODES ? 1 : 0;
  }

  /** Expected ELK time in ms for a graph of this size (at least 50 ms). */
  estimate(size: LayoutSize): number {
    return Math.max(50, this.scales[this.regime(size)] * Math.pow(Math.max(1, size.nodes + size.edges), EXPONENT));
  }

  /** Feeds the measured time of a finished layout back into the scale. Tiny layouts say little and are ignored. */
  observe(size: LayoutSize, ms: number): void {
    const work = Math.pow(Math.max(1, size.nodes + size.edges), EXPONENT);
    if (size.nodes < 20 || !(ms > 0) || !Number.isFinite(ms)) return;
    const r = this.regime(size);
    this.scales[r] = Math.exp((1 - LEARN) * Math.log(this.scales[r]) + LEARN * Math.log(ms / work));
  }

  /** The calibrated scales, to keep across page loads. */
  get scalesNow(): readonly [number, number] {
    return [this.scales[0], this.scales[1]];
  }

  /** Restores scales saved from `scalesNow`; anything not two positive finite numbers is ignored. */
  restore(saved: unknown): void {
    if (!Array.isArray(saved) || saved.length !== 2) return;
    const [a, b] = saved as unknown[];
    if (typeof a !== 'number' || typeof b !== 'number' || !(a > 0 && b > 0 && Number.isFinite(a + b))) return;
    this.scales[0] = a;
    this.scales[1] = b;
  }

  /**
   * Progress in [0, 0.99] for `elapsed` ms of a layout expected to take `expected` ms. Linear up
   * to 90 %, then it slows down asymptotically so an overrun never shows 100 % before the end.
   */
  static progress(elapsed: number, expected: number): number {
    if (!(expected > 0) || !(elapsed > 0)) return 0;
    const r = elapsed / expected;
    if (r <= 0.9) return r;
    return Math.min(0.99, 0.9 + 0.09 * (1 - Math.exp(-(r - 0.9) / 0.5)));
  }
}

/** One estimator per page: the calibration carries over from one layout to the next. */
export const layoutEstimator = new LayoutEstimator(FAST_LAYOUT_SCALE, FAST_LAYOUT_SCALE);
