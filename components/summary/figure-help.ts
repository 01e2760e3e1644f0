/**
 * One-line meanings of every figure, condensed from docs/counting.md (the "?" next to each
 * column and total). Keep in step with that document: it is what users compare against.
 */
export const FIGURE_HELP = {
  output:
    'Output shape of each top blob in the framework layout (Caffe N×C×H×W, Keras N×H×W×C); N is the analysis batch.',
  params:
    'Learnable values: weights + bias (Conv, Deconv, InnerProduct), Scale γ(+β), PReLU slopes, Normalize scale, Keras BN γ/β.',
  buffers:
    'Stored but not learned: Caffe BatchNorm mean, variance and moving-average factor (2·C+1), Keras BN moving mean/variance (2·C).',
  macs: 'Multiply-accumulates of dot-product layers only (Convolution, Deconvolution, InnerProduct/Dense, recurrent matmuls). Bias adds are not MACs. This is what papers call "FLOPs" or "mult-adds".',
  flops:
    'Floating-point operations: 2·MACs + bias adds (1 per output element) + the elementwise ops of every other layer. Never mixed with MACs.',
  activation:
    'Output bytes (fp32, 4 per element) of each top that is not an in-place alias; in-place ReLU/BN/Scale/Dropout add nothing. 1 MB = 10⁶ bytes.',
  peak: 'Largest memory held by live activation blobs at any point of a forward pass in topological order (fp32). 1 MB = 10⁶ bytes.',
  totalActivation: 'Sum of every non-aliased blob’s bytes (fp32), each blob counted once. 1 MB = 10⁶ bytes.',
  weights: 'Weight memory: (params + buffers) × 4 bytes (fp32). 1 MB = 10⁶ bytes.',
  share: 'This layer’s share of the model’s total MACs.',
  rf: 'Receptive field along each spatial axis: size in input pixels, effective stride ("jump") and start offset.',
  intensity: 'Arithmetic intensity: FLOPs ÷ (input + output + weight bytes), the x-axis of a roofline.',
  batch:
    'Figures are per forward pass at the analysis batch, default 1 (per image, comparable with papers). Nothing is silently multiplied.',
} as const;
