/**
 * The figures the golden suite checks, copied by hand from ../shared/models/REFERENCE.md
 * (the files themselves are read in place, never copied). [D] rows are exact counts computed
 * by an independent helper from the same files; paper/tool rows are rounded publications whose
 * difference from our exact count is stated and explained, not hidden.
 */

/** Exact per-image totals of one corpus file (REFERENCE.md §1 and §3, tag [D]). */
export interface ExactTotals {
  readonly file: string;
  readonly kind: 'caffe' | 'keras';
  /** Learnable parameters (Caffe BatchNorm stats and Keras BN moving stats excluded). */
  readonly params: number;
  /** Stored, non-learned values: Caffe BatchNorm 2·C+1 per layer ("BN stats"), Keras moving mean/var. */
  readonly buffers: number;
  readonly macs: number;
}

export const EXACT_TOTALS: readonly ExactTotals[] = [
  { file: 'alexnet.prototxt', kind: 'caffe', params: 60_965_224, buffers: 0, macs: 724_406_816 },
  { file: 'caffenet.prototxt', kind: 'caffe', params: 60_965_224, buffers: 0, macs: 724_406_816 },
  { file: 'vgg16.prototxt', kind: 'caffe', params: 138_357_544, buffers: 0, macs: 15_470_264_320 },
  { file: 'vgg16_v1.prototxt', kind: 'caffe', params: 138_357_544, buffers: 0, macs: 15_470_264_320 },
  { file: 'googlenet.prototxt', kind: 'caffe', params: 6_998_552, buffers: 0, macs: 1_582_671_872 },
  { file: 'inception-v3.prototxt', kind: 'caffe', params: 23_834_568, buffers: 34_526, macs: 5_713_216_096 },
  { file: 'inception-v4.prototxt', kind: 'caffe', params: 42_679_816, buffers: 63_317, macs: 12_253_974_624 },
  { file: 'resnet50.prototxt', kind: 'caffe', params: 25_557_096, buffers: 53_173, macs: 3_857_973_248 },
  { file: 'resnet101.prototxt', kind: 'caffe', params: 44_549_160, buffers: 105_448, macs: 7_570_194_432 },
  { file: 'resnet152.prototxt', kind: 'caffe', params: 60_192_808, buffers: 151_579, macs: 11_282_415_616 },
  { file: 'squeezenet1.0.prototxt', kind: 'caffe', params: 1_248_424, buffers: 0, macs: 861_339_936 },
  { file: 'squeezenet1.1.prototxt', kind: 'caffe', params: 1_235_496, buffers: 0, macs: 387_747_520 },
  { file: 'mobilenet_v1.prototxt', kind: 'caffe', params: 4_231_976, buffers: 21_915, macs: 568_740_352 },
  { file: 'mobilenet_v2.prototxt', kind: 'caffe', params: 3_505_960, buffers: 34_229, macs: 429_111_936 },
  { file: 'shufflenet_1x_g3.prototxt', kind: 'caffe', params: 1_814_734, buffers: 23_785, macs: 127_061_304 },
  { file: 'densenet121.prototxt', kind: 'caffe', params: 7_978_856, buffers: 83_769, macs: 2_834_161_664 },
  { file: 'nin_imagenet_trainval.prototxt', kind: 'caffe', params: 7_595_176, buffers: 0, macs: 1_100_188_800 },
  { file: 'fcn8s.prototxt', kind: 'caffe', params: 134_489_759, buffers: 0, macs: 181_529_034_048 },
  // REFERENCE.md §3: Keras "non-trainable" = BN moving mean/variance, our buffers.
  { file: 'keras206_small_cnn_sequential.json', kind: 'keras', params: 1_212_513, buffers: 0, macs: 89_192_000 },
  {
    file: 'keras_mobilenet_v1_1.0_224_functional.json',
    kind: 'keras',
    params: 4_231_976,
    buffers: 21_888,
    macs: 568_740_352,
  },
  { file: 'tfjs_abalone_mlp_model.json', kind: 'keras', params: 3_051, buffers: 0, macs: 2_950 },
  { file: 'tfjs_emnist_cnn_model.json', kind: 'keras', params: 160_847, buffers: 0, macs: 2_938_752 },
];

/** What part of our analysis a published figure is compared with. */
export type Measure =
  | 'macs'
  | 'params'
  /** 2 × MACs: sources that count the multiply and the add separately (SqueezeNet README). */
  | 'macs×2'
  /** MACs of convolution layers only (papers that leave out the classifier). */
  | 'conv-macs';

/** A rounded published figure next to our exact count, with the relative difference we expect and why. */
export interface PublishedFigure {
  readonly model: string;
  readonly file: string;
  readonly measure: Measure;
  /** Input override (N×C×H×W) when the comparison is made at the publication's input size. */
  readonly input?: readonly number[];
  readonly published: number;
  readonly source: string;
  /** (ours − published) / published, in percent, to 0.01 %. */
  readonly relDiffPercent: number;
  readonly why: string;
}

export const PUBLISHED_FIGURES: readonly PublishedFigure[] = [
  {
    model: 'VGG-16',
    file: 'vgg16.prototxt',
    measure: 'macs',
    published: 15.3e9,
    source: 'ResNet paper p.7 ("15.3 billion FLOPs" = mult-adds); MobileNet table 15300 M',
    relDiffPercent: 1.11,
    why: 'the paper figure is convolutions only: the three FC layers add 123.6 M MACs (see the conv-macs row, 0.30 %)',
  },
  {
    model: 'VGG-16',
    file: 'vgg16.prototxt',
    measure: 'conv-macs',
    published: 15.3e9,
    source: 'ResNet paper p.7',
    relDiffPercent: 0.3,
    why: '15,346,630,656 convolution MACs rounded to three significant digits',
  },
  {
    model: 'VGG-16',
    file: 'vgg16.prototxt',
    measure: 'params',
    published: 138e6,
    source: 'VGG paper Table 2',
    relDiffPercent: 0.26,
    why: '138,357,544 rounded to 138 M (torchvision reports the identical 138,357,544)',
  },
  {
    model: 'GoogLeNet',
    file: 'googlenet.prototxt',
    measure: 'macs',
    published: 1550e6,
    source: 'MobileNet paper comparison table (1550 M); GoogLeNet paper "1.5 billion multiply-adds" budget',
    relDiffPercent: 2.11,
    why: 'the BVLC deploy differs from the paper tables (biases, LRN-era layout); 1.5 G is a design budget, not a count; torchvision BN variant is 1.498 G',
  },
  {
    model: 'GoogLeNet',
    file: 'googlenet.prototxt',
    measure: 'params',
    published: 6.8e6,
    source: 'GoogLeNet paper Table 1 / MobileNet table (6.8 M)',
    relDiffPercent: 2.92,
    why: 'BVLC deploy without aux heads has 6,998,552 (7.0 M) including biases; the paper table rounds per layer and omits biases',
  },
  {
    model: 'MobileNet v1 1.0-224',
    file: 'mobilenet_v1.prototxt',
    measure: 'macs',
    published: 569e6,
    source: 'MobileNet paper / TF research/mobilenet README',
    relDiffPercent: -0.05,
    why: '568,740,352 (including the 1.024 M-MAC classifier) rounds to 569 M',
  },
  {
    model: 'MobileNet v1 1.0-224',
    file: 'mobilenet_v1.prototxt',
    measure: 'params',
    published: 4.2e6,
    source: 'MobileNet paper (4.2 M; 4.24 M in the TF README)',
    relDiffPercent: 0.76,
    why: '4,231,976 learnable rounded down to 4.2 M (BatchNorm stats are buffers, not counted)',
  },
  {
    model: 'MobileNet v2 1.0-224',
    file: 'mobilenet_v2.prototxt',
    measure: 'macs',
    published: 300e6,
    source: 'MobileNetV2 paper',
    relDiffPercent: 43.04,
    why: 'the shicai Caffe file is a variant with other strides: 429 M, as its own issue #69 reports',
  },
  {
    model: 'ResNet-50',
    file: 'resnet50.prototxt',
    measure: 'macs',
    published: 3.8e9,
    source: 'ResNet paper Table 1',
    relDiffPercent: 1.53,
    why: 'v1 (stride on the 1×1) gives 3.858 G, which the paper truncates to 3.8; torchvision v1.5 (stride on the 3×3) is 4.09 G',
  },
  {
    model: 'ResNet-101',
    file: 'resnet101.prototxt',
    measure: 'macs',
    published: 7.6e9,
    source: 'ResNet paper Table 1',
    relDiffPercent: -0.39,
    why: '7.570 G rounded to 7.6',
  },
  {
    model: 'ResNet-152',
    file: 'resnet152.prototxt',
    measure: 'macs',
    published: 11.3e9,
    source: 'ResNet paper Table 1',
    relDiffPercent: -0.16,
    why: '11.282 G rounded to 11.3',
  },
  {
    model: 'SqueezeNet 1.0',
    file: 'squeezenet1.0.prototxt',
    measure: 'macs×2',
    published: 1.72e9,
    source: 'forresti/SqueezeNet v1.1 README ("1.72 GFLOPS/image", multiply and add counted apart)',
    relDiffPercent: 0.16,
    why: '2 × 861,339,936 MACs at the deploy input 227 = 1.7227 G',
  },
  {
    model: 'SqueezeNet 1.0',
    file: 'squeezenet1.0.prototxt',
    measure: 'macs',
    input: [1, 3, 224, 224],
    published: 833e6,
    source: 'ShuffleNet paper table (833 MFLOPs = mult-adds)',
    relDiffPercent: 1.75,
    why: 'at 224 input (the paper table’s size) our count is 847.6 M; at the file’s 227 it is 861.3 M; the table is a third-party figure',
  },
  {
    model: 'SqueezeNet 1.1',
    file: 'squeezenet1.1.prototxt',
    measure: 'macs×2',
    input: [1, 3, 224, 224],
    published: 0.72e9,
    source: 'SqueezeNet v1.1 README ("0.72 GFLOPS/image", "2.4x less computation")',
    relDiffPercent: -3.01,
    why: '0.72 is 1.72 / 2.4, a ratio rather than a count; at 224 our 349,151,936 MACs equal torchvision’s 0.349 G exactly',
  },
  {
    model: 'AlexNet',
    file: 'alexnet.prototxt',
    measure: 'macs',
    input: [1, 3, 224, 224],
    published: 720e6,
    source: 'ShuffleNet paper table (720 MFLOPs)',
    relDiffPercent: 0.08,
    why: 'at 224 input conv1 gives 54×54 and the total is 720.6 M; the deploy’s 227 gives 724.4 M',
  },
  {
    model: 'AlexNet',
    file: 'alexnet.prototxt',
    measure: 'params',
    published: 60e6,
    source: 'Krizhevsky et al. 2012 abstract ("60 million")',
    relDiffPercent: 1.61,
    why: '60,965,224 rounded to "60 million"',
  },
  {
    model: 'ShuffleNet 1× (g=3)',
    file: 'shufflenet_1x_g3.prototxt',
    measure: 'macs',
    published: 140e6,
    source: 'ShuffleNet paper Table 2/5 (138 M in the official Megvii README)',
    relDiffPercent: -9.24,
    why: 'the farmingyard Caffe file narrows the first-unit bottlenecks (its issue #22): 127.1 M',
  },
  {
    model: 'DenseNet-121',
    file: 'densenet121.prototxt',
    measure: 'macs',
    published: 2.834e9,
    source: 'torchvision DenseNet121_Weights (2.834 GFLOPS = MACs)',
    relDiffPercent: 0.01,
    why: 'exact match (2,834,161,664); ptflops’ 2.90 G adds BN, ReLU and pooling',
  },
  {
    model: 'DenseNet-121',
    file: 'densenet121.prototxt',
    measure: 'params',
    published: 7_978_856,
    source: 'torchvision DenseNet121_Weights num_params',
    relDiffPercent: 0.0,
    why: 'exact match; the 83,769 BatchNorm stats are buffers',
  },
  {
    model: 'Inception-v3',
    file: 'inception-v3.prototxt',
    measure: 'macs',
    published: 5e9,
    source: 'Szegedy et al. 2015 abstract ("5 billion multiply-adds")',
    relDiffPercent: 14.26,
    why: 'the abstract gives a rounded budget; the exact 299-input count is 5,713,216,096, equal to torchvision’s 5.713 G',
  },
  {
    model: 'Inception-v3',
    file: 'inception-v3.prototxt',
    measure: 'params',
    published: 25e6,
    source: 'Szegedy et al. 2015 abstract ("<25 million")',
    relDiffPercent: -4.66,
    why: 'an upper bound: 23,834,568 without the aux head (torchvision’s 27.16 M includes AuxLogits)',
  },
];
