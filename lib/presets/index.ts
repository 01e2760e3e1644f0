/**
 * Built-in models, generated in this repository from the papers' architecture tables (see
 * classic.ts, modern.ts) plus one small demo per convolution fact of the seed notes
 * (demos.ts).
 */
import { alexnet, googlenet, squeezenet11, vgg16 } from './classic';
import {
  demoBottleneck,
  demoConv3d,
  demoDepthwiseSeparable,
  demoDilated,
  demoFactorised,
  demoGroupedShuffle,
  demoTransposed,
} from './demos';
import { demoConvAlgorithms, demoFactorise1xN, demoStackCorner } from './lessons';
import { mobilenetV1, resnet50, shufflenetG3 } from './modern';

/** One built-in model: a stable id (used in `#/preset/ID` links), a menu title, a one-line description, the prototxt. */
export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** `model` for full networks, `demo` for the small convolution demos. */
  readonly kind: 'model' | 'demo';
  readonly text: string;
}

const DEFS: readonly (Omit<Preset, 'text'> & { readonly make: () => string })[] = [
  {
    id: 'alexnet',
    title: 'AlexNet',
    description: 'BVLC AlexNet, 227×227, grouped conv2/4/5',
    kind: 'model',
    make: alexnet,
  },
  {
    id: 'vgg16',
    title: 'VGG-16',
    description: 'Configuration D, thirteen 3×3 convs, 224×224',
    kind: 'model',
    make: vgg16,
  },
  {
    id: 'googlenet',
    title: 'GoogLeNet',
    description: 'Inception v1, deploy form without auxiliary heads',
    kind: 'model',
    make: googlenet,
  },
  {
    id: 'resnet50',
    title: 'ResNet-50',
    description: 'ResNet-50 v1 with BatchNorm + Scale, 224×224',
    kind: 'model',
    make: resnet50,
  },
  {
    id: 'mobilenet-v1',
    title: 'MobileNet v1',
    description: '1.0-224, 13 depthwise-separable blocks',
    kind: 'model',
    make: mobilenetV1,
  },
  {
    id: 'shufflenet-g3',
    title: 'ShuffleNet 1× g=3',
    description: 'Grouped 1×1 convs with channel shuffle',
    kind: 'model',
    make: shufflenetG3,
  },
  {
    id: 'squeezenet1.1',
    title: 'SqueezeNet 1.1',
    description: 'Fire modules, 227×227, ~1.2 M params',
    kind: 'model',
    make: squeezenet11,
  },
  {
    id: 'demo-depthwise-separable',
    title: 'Depthwise separable',
    description: '12×12×3 → 8×8×256: 1,228,800 vs 53,952 MACs',
    kind: 'demo',
    make: demoDepthwiseSeparable,
  },
  {
    id: 'demo-bottleneck',
    title: '1×1 bottleneck',
    description: '28×28×192 → 5×5×32 directly or through 16 channels',
    kind: 'demo',
    make: demoBottleneck,
  },
  {
    id: 'demo-5x5-vs-3x3',
    title: '5×5 vs two 3×3',
    description: 'Same receptive field, 25 vs 18 MACs per pixel',
    kind: 'demo',
    make: demoFactorised,
  },
  {
    id: 'demo-5x5-corner',
    title: '5×5 vs two 3×3: the corner case',
    description: '5×5 input, no padding: two 3×3 cost 90 MACs against 25',
    kind: 'demo',
    make: demoStackCorner,
  },
  {
    id: 'demo-factorise-1xn',
    title: '7×7 vs 1×7 + 7×1',
    description: 'Inception-v3 factorisation on a 17×17 grid: 3.5× fewer MACs',
    kind: 'demo',
    make: demoFactorise1xN,
  },
  {
    id: 'demo-conv-algorithms',
    title: 'How a conv is computed',
    description: 'im2col + GEMM (256×1152×192), Winograd, FFT and why a 1×1 skips them',
    kind: 'demo',
    make: demoConvAlgorithms,
  },
  {
    id: 'demo-dilated',
    title: 'Dilated convolution',
    description: 'Receptive field 15 with three 3×3 convs',
    kind: 'demo',
    make: demoDilated,
  },
  {
    id: 'demo-grouped-shuffle',
    title: 'Grouped + shuffle',
    description: 'Group = 3 divides the 1×1 cost by 3; shuffle is free',
    kind: 'demo',
    make: demoGroupedShuffle,
  },
  {
    id: 'demo-3d-conv',
    title: '3-D convolution',
    description: 'C3D-style kernel over time, height and width',
    kind: 'demo',
    make: demoConv3d,
  },
  {
    id: 'demo-transposed',
    title: 'Transposed convolution',
    description: 'Deconvolution doubling 16×16 to 32×32',
    kind: 'demo',
    make: demoTransposed,
  },
];

/** Every built-in preset, full models first. Generating all texts takes a few milliseconds. */
export const PRESETS: readonly Preset[] = Object.freeze(
  DEFS.map(({ make, ...rest }) => Object.freeze({ ...rest, text: make() })),
);

/** The model the workspace opens on when there is nothing saved and no link. */
export const DEFAULT_PRESET_ID = 'googlenet';

/** The preset with this id, or undefined. */
export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
