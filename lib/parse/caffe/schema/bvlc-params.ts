import { enumOf, message, opt, rep, req, type EnumSpec, type MessageSpec } from './types';

/**
 * BVLC caffe.proto (master): the per-layer parameter messages, alphabetically. Field numbers,
 * labels, types and defaults as declared there; the docs are ours.
 */

const ENGINE_VALUES: readonly (readonly [string, number, string])[] = [
  ['DEFAULT', 0, 'the build’s default implementation'],
  ['CAFFE', 1, 'Caffe’s own implementation'],
  ['CUDNN', 2, 'NVIDIA cuDNN'],
];

function engine(owner: string): EnumSpec {
  return enumOf(
    `${owner}.Engine`,
    'Which implementation runs the layer; no effect on shapes or counts.',
    ENGINE_VALUES,
  );
}

export const BVLC_PARAM_ENUMS: readonly EnumSpec[] = [
  engine('ConvolutionParameter'),
  engine('LRNParameter'),
  engine('PoolingParameter'),
  engine('ReLUParameter'),
  engine('SigmoidParameter'),
  engine('SoftmaxParameter'),
  engine('TanHParameter'),
  engine('SPPParameter'),
  enumOf('DataParameter.DB', 'The database format of a Data layer’s source.', [
    ['LEVELDB', 0, 'LevelDB'],
    ['LMDB', 1, 'LMDB'],
  ]),
  enumOf('EltwiseParameter.EltwiseOp', 'The element-wise operation of an Eltwise layer.', [
    ['PROD', 0, 'product of the bottoms'],
    ['SUM', 1, 'sum of the bottoms (optionally weighted by coeff)'],
    ['MAX', 2, 'element-wise maximum'],
  ]),
  enumOf('HingeLossParameter.Norm', 'The norm of a hinge loss.', [
    ['L1', 1, 'sum of the hinge terms'],
    ['L2', 2, 'sum of their squares'],
  ]),
  enumOf('LRNParameter.NormRegion', 'Where LRN sums squares.', [
    ['ACROSS_CHANNELS', 0, 'over local_size neighbouring channels at one position'],
    ['WITHIN_CHANNEL', 1, 'over a local_size × local_size window of one channel'],
  ]),
  enumOf('PoolingParameter.PoolMethod', 'How a pooling window is reduced.', [
    ['MAX', 0, 'maximum'],
    ['AVE', 1, 'average'],
    ['STOCHASTIC', 2, 'sampled in proportion to activation (training); weighted average at test time'],
  ]),
  enumOf('PoolingParameter.RoundMode', 'How the pooled size is rounded.', [
    ['CEIL', 0, 'round up (Caffe’s classic behaviour)'],
    ['FLOOR', 1, 'round down (like convolution and most other frameworks)'],
  ]),
  enumOf('ReductionParameter.ReductionOp', 'How a Reduction layer combines values.', [
    ['SUM', 1, 'sum'],
    ['ASUM', 2, 'sum of absolute values'],
    ['SUMSQ', 3, 'sum of squares'],
    ['MEAN', 4, 'mean'],
  ]),
  enumOf('SPPParameter.PoolMethod', 'How each SPP bin is reduced.', [
    ['MAX', 0, 'maximum'],
    ['AVE', 1, 'average'],
    ['STOCHASTIC', 2, 'stochastic'],
  ]),
];

const AXIS_DOC = 'may be negative to count from the last axis';

export const BVLC_PARAM_MESSAGES: readonly MessageSpec[] = [
  message('AccuracyParameter', 'Settings of an Accuracy layer.', [
    opt('top_k', 1, 'uint32', 'A prediction counts as correct when the label is among the k highest scores.', 1),
    opt('axis', 2, 'int32', `The class axis of the predictions (${AXIS_DOC}).`, 1),
    opt('ignore_label', 3, 'int32', 'Positions with this label are not counted.'),
  ]),
  message('ArgMaxParameter', 'Settings of an ArgMax layer.', [
    opt('out_max_val', 1, 'bool', 'Output (index, value) pairs instead of indices alone.', false),
    opt('top_k', 2, 'uint32', 'How many of the largest values to report.', 1),
    opt('axis', 3, 'int32', `The axis to search (${AXIS_DOC}); unset: all axes after the first, flattened.`),
  ]),
  message('BatchNormParameter', 'Settings of a BatchNorm layer (normalisation only; a Scale layer learns γ and β).', [
    opt(
      'use_global_stats',
      1,
      'bool',
      'Normalise with the stored mean/variance instead of the batch’s (default: true in TEST).',
    ),
    opt('moving_average_fraction', 2, 'float', 'Decay of the running mean and variance per iteration.', 0.999),
    opt('eps', 3, 'float', 'Added to the variance before the square root.', 1e-5),
  ]),
  message('BiasParameter', 'Settings of a Bias layer.', [
    opt('axis', 1, 'int32', `First axis of bottom 0 the bias lines up with (${AXIS_DOC}).`, 1),
    opt('num_axes', 2, 'int32', 'Axes covered by a learned bias (−1: all from axis; 0: a scalar).', 1),
    opt('filler', 3, 'FillerParameter', 'Initialisation of a learned bias (default 0).'),
  ]),
  message('ClipParameter', 'Settings of a Clip layer: y = min(max(x, min), max).', [
    req('min', 1, 'float', 'Lower bound.'),
    req('max', 2, 'float', 'Upper bound.'),
  ]),
  message('ConcatParameter', 'Settings of a Concat layer.', [
    opt('axis', 2, 'int32', `The axis to join along (${AXIS_DOC}); other axes must match.`, 1),
    opt('concat_dim', 1, 'uint32', 'Deprecated spelling of axis (no negative values).', 1),
  ]),
  message('ContrastiveLossParameter', 'Settings of a ContrastiveLoss layer.', [
    opt('margin', 1, 'float', 'Margin dissimilar pairs are pushed beyond.', 1),
    opt('legacy_version', 2, 'bool', 'Use max(margin − d², 0) instead of max(margin − d, 0)².', false),
  ]),
  message('ConvolutionParameter', 'Geometry and initialisation of a Convolution (also Deconvolution, Im2col) layer.', [
    opt('num_output', 1, 'uint32', 'Number of filters: the output channels.'),
    opt('bias_term', 2, 'bool', 'Learn one bias per output channel.', true),
    rep(
      'pad',
      3,
      'uint32',
      'Zero padding on each side: one value for every spatial axis, or one per axis (default 0).',
    ),
    rep('kernel_size', 4, 'uint32', 'Filter size: one value for every spatial axis, or one per axis.'),
    rep('stride', 6, 'uint32', 'Step between filter positions: one value, or one per axis (default 1).'),
    rep('dilation', 18, 'uint32', 'Spacing between filter taps (à trous): one value, or one per axis (default 1).'),
    opt('pad_h', 9, 'uint32', 'Padding of the height axis (2-D only; instead of pad).', 0),
    opt('pad_w', 10, 'uint32', 'Padding of the width axis (2-D only; instead of pad).', 0),
    opt('kernel_h', 11, 'uint32', 'Filter height (2-D only; with kernel_w instead of kernel_size).'),
    opt('kernel_w', 12, 'uint32', 'Filter width (2-D only; with kernel_h instead of kernel_size).'),
    opt('stride_h', 13, 'uint32', 'Stride along the height (2-D only; with stride_w instead of stride).'),
    opt('stride_w', 14, 'uint32', 'Stride along the width (2-D only; with stride_h instead of stride).'),
    opt(
      'group',
      5,
      'uint32',
      'Split input and output channels into this many independent groups (depthwise: group = channels).',
      1,
    ),
    opt('weight_filler', 7, 'FillerParameter', 'Initialisation of the filters.'),
    opt('bias_filler', 8, 'FillerParameter', 'Initialisation of the bias.'),
    opt('engine', 15, 'ConvolutionParameter.Engine', 'Implementation to run (no effect on the figures).', 'DEFAULT'),
    opt('axis', 16, 'int32', `The channel axis (${AXIS_DOC}); axes before it are batch-like, after it spatial.`, 1),
    opt('force_nd_im2col', 17, 'bool', 'Use the general N-D im2col even for 2-D inputs.', false),
  ]),
  message('CropParameter', 'Settings of a Crop layer: bottom 0 is cut to the size of bottom 1.', [
    opt('axis', 1, 'int32', `First axis to crop (${AXIS_DOC}); earlier axes are kept.`, 2),
    rep('offset', 2, 'uint32', 'Where the crop starts: one offset for every cropped axis, or one per axis.'),
  ]),
  message('DataParameter', 'Settings of a Data layer, which reads records from LevelDB or LMDB.', [
    opt('source', 1, 'string', 'Path of the database.'),
    opt('batch_size', 4, 'uint32', 'Records per batch: the N of the data top.'),
    opt('rand_skip', 7, 'uint32', 'Deprecated: skip up to this many records at random when starting.', 0),
    opt('backend', 8, 'DataParameter.DB', 'Database format.', 'LEVELDB'),
    opt('scale', 2, 'float', 'Deprecated (use transform_param): multiply values by this.', 1),
    opt('mean_file', 3, 'string', 'Deprecated (use transform_param): mean image to subtract.'),
    opt('crop_size', 5, 'uint32', 'Deprecated (use transform_param): crop to crop_size × crop_size.', 0),
    opt('mirror', 6, 'bool', 'Deprecated (use transform_param): random horizontal flips.', false),
    opt('force_encoded_color', 9, 'bool', 'Decode encoded images with 3 channels.', false),
    opt('prefetch', 10, 'uint32', 'Batches to read ahead.', 4),
  ]),
  message('DropoutParameter', 'Settings of a Dropout layer (identity at test time).', [
    opt('dropout_ratio', 1, 'float', 'Probability of zeroing each value during training.', 0.5),
  ]),
  message('DummyDataParameter', 'Settings of a DummyData layer: constant or random tops of declared shapes.', [
    rep('data_filler', 1, 'FillerParameter', 'How each top is filled: none (zeros), one for all, or one per top.'),
    rep('shape', 6, 'BlobShape', 'Shape of each top: one for all, or one per top.'),
    rep('num', 2, 'uint32', 'Deprecated 4-D form: batch per top.'),
    rep('channels', 3, 'uint32', 'Deprecated 4-D form: channels per top.'),
    rep('height', 4, 'uint32', 'Deprecated 4-D form: height per top.'),
    rep('width', 5, 'uint32', 'Deprecated 4-D form: width per top.'),
  ]),
  message('EltwiseParameter', 'Settings of an Eltwise layer.', [
    opt('operation', 1, 'EltwiseParameter.EltwiseOp', 'The element-wise operation.', 'SUM'),
    rep('coeff', 2, 'float', 'SUM only: one weight per bottom.'),
    opt('stable_prod_grad', 3, 'bool', 'PROD only: a slower but more stable gradient.', true),
  ]),
  message('ELUParameter', 'Settings of an ELU layer.', [
    opt('alpha', 1, 'float', 'y = alpha·(exp(x) − 1) for x < 0.', 1),
  ]),
  message('EmbedParameter', 'Settings of an Embed layer (a learned lookup table).', [
    opt('num_output', 1, 'uint32', 'Length of each embedding vector.'),
    opt('input_dim', 2, 'uint32', 'Number of table rows: one more than the largest index.'),
    opt('bias_term', 3, 'bool', 'Add a learned bias.', true),
    opt('weight_filler', 4, 'FillerParameter', 'Initialisation of the table.'),
    opt('bias_filler', 5, 'FillerParameter', 'Initialisation of the bias.'),
  ]),
  message('ExpParameter', 'Settings of an Exp layer: y = base^(shift + scale·x).', [
    opt('base', 1, 'float', 'The base; −1 means e.', -1),
    opt('scale', 2, 'float', 'Multiplies x.', 1),
    opt('shift', 3, 'float', 'Added after scaling.', 0),
  ]),
  message('FlattenParameter', 'Settings of a Flatten layer.', [
    opt('axis', 1, 'int32', `First axis to fold (${AXIS_DOC}).`, 1),
    opt('end_axis', 2, 'int32', `Last axis to fold (${AXIS_DOC}).`, -1),
  ]),
  message('HDF5DataParameter', 'Settings of an HDF5Data layer.', [
    opt('source', 1, 'string', 'A text file listing the HDF5 files.'),
    opt('batch_size', 2, 'uint32', 'Rows per batch.'),
    opt('shuffle', 3, 'bool', 'Shuffle the files and the rows within each file.', false),
  ]),
  message('HDF5OutputParameter', 'Settings of an HDF5Output layer.', [
    opt('file_name', 1, 'string', 'The HDF5 file written.'),
  ]),
  message('HingeLossParameter', 'Settings of a HingeLoss layer.', [
    opt('norm', 1, 'HingeLossParameter.Norm', 'L1 or L2 hinge.', 'L1'),
  ]),
  message('ImageDataParameter', 'Settings of an ImageData layer, which reads images listed in a text file.', [
    opt('source', 1, 'string', 'A text file of "path label" lines.'),
    opt('batch_size', 4, 'uint32', 'Images per batch.', 1),
    opt('rand_skip', 7, 'uint32', 'Skip up to this many lines at random when starting.', 0),
    opt('shuffle', 8, 'bool', 'Shuffle the list every epoch.', false),
    opt('new_height', 9, 'uint32', 'Resize images to this height (with new_width); 0 keeps the size.', 0),
    opt('new_width', 10, 'uint32', 'Resize images to this width (with new_height); 0 keeps the size.', 0),
    opt('is_color', 11, 'bool', 'Read 3-channel colour (true) or 1-channel grey images.', true),
    opt('scale', 2, 'float', 'Deprecated (use transform_param): multiply values by this.', 1),
    opt('mean_file', 3, 'string', 'Deprecated (use transform_param): mean image to subtract.'),
    opt('crop_size', 5, 'uint32', 'Deprecated (use transform_param): crop size.', 0),
    opt('mirror', 6, 'bool', 'Deprecated (use transform_param): random horizontal flips.', false),
    opt('root_folder', 12, 'string', 'Prefix prepended to every path in the list.', ''),
  ]),
  message('InfogainLossParameter', 'Settings of an InfogainLoss layer.', [
    opt('source', 1, 'string', 'A .binaryproto holding the infogain matrix H.'),
    opt('axis', 2, 'int32', `The class axis (${AXIS_DOC}).`, 1),
  ]),
  message('InnerProductParameter', 'Settings of an InnerProduct (fully connected) layer.', [
    opt('num_output', 1, 'uint32', 'Number of outputs.'),
    opt('bias_term', 2, 'bool', 'Learn one bias per output.', true),
    opt('weight_filler', 3, 'FillerParameter', 'Initialisation of the weights.'),
    opt('bias_filler', 4, 'FillerParameter', 'Initialisation of the bias.'),
    opt('axis', 5, 'int32', `First axis folded into the dot product (${AXIS_DOC}); earlier axes are kept.`, 1),
    opt('transpose', 6, 'bool', 'Store the weight matrix transposed (no effect on the figures).', false),
  ]),
  message('InputParameter', 'Shapes of an Input layer’s tops.', [
    rep('shape', 1, 'BlobShape', 'One shape for every top, or one per top.'),
  ]),
  message('LogParameter', 'Settings of a Log layer: y = log_base(shift + scale·x).', [
    opt('base', 1, 'float', 'The base; −1 means e.', -1),
    opt('scale', 2, 'float', 'Multiplies x.', 1),
    opt('shift', 3, 'float', 'Added after scaling.', 0),
  ]),
  message('LRNParameter', 'Settings of an LRN (local response normalisation) layer.', [
    opt(
      'local_size',
      1,
      'uint32',
      'Window size: channels (ACROSS_CHANNELS) or pixels per side (WITHIN_CHANNEL); odd.',
      5,
    ),
    opt('alpha', 2, 'float', 'Scale of the sum of squares.', 1),
    opt('beta', 3, 'float', 'Exponent.', 0.75),
    opt('norm_region', 4, 'LRNParameter.NormRegion', 'Across channels or within each channel.', 'ACROSS_CHANNELS'),
    opt('k', 5, 'float', 'Constant added before the exponent.', 1),
    opt('engine', 6, 'LRNParameter.Engine', 'Implementation to run (no effect on the figures).', 'DEFAULT'),
  ]),
  message('MemoryDataParameter', 'Settings of a MemoryData layer, fed by the host program.', [
    opt('batch_size', 1, 'uint32', 'Items per batch.'),
    opt('channels', 2, 'uint32', 'Channels of each item.'),
    opt('height', 3, 'uint32', 'Height of each item.'),
    opt('width', 4, 'uint32', 'Width of each item.'),
  ]),
  message('MVNParameter', 'Settings of an MVN (mean-variance normalisation) layer.', [
    opt(
      'normalize_variance',
      1,
      'bool',
      'Also divide by the standard deviation (false: subtract the mean only).',
      true,
    ),
    opt('across_channels', 2, 'bool', 'Normalise over C×H×W instead of per channel.', false),
    opt('eps', 3, 'float', 'Added to the standard deviation.', 1e-9),
  ]),
  message('ParameterParameter', 'Settings of a Parameter layer.', [
    opt('shape', 1, 'BlobShape', 'Shape of the learned blob the layer outputs.'),
  ]),
  message('PoolingParameter', 'Settings of a Pooling layer.', [
    opt('pool', 1, 'PoolingParameter.PoolMethod', 'How each window is reduced.', 'MAX'),
    opt('pad', 4, 'uint32', 'Zero padding on each side of both spatial axes.', {
      default: 0,
      repeatedIn: 'nd-pooling',
    }),
    opt('pad_h', 9, 'uint32', 'Padding of the height axis (instead of pad).', 0),
    opt('pad_w', 10, 'uint32', 'Padding of the width axis (instead of pad).', 0),
    opt('kernel_size', 2, 'uint32', 'Square window size (or kernel_h and kernel_w).', { repeatedIn: 'nd-pooling' }),
    opt('kernel_h', 5, 'uint32', 'Window height (with kernel_w instead of kernel_size).'),
    opt('kernel_w', 6, 'uint32', 'Window width (with kernel_h instead of kernel_size).'),
    opt('stride', 3, 'uint32', 'Step between windows on both axes.', { default: 1, repeatedIn: 'nd-pooling' }),
    opt('stride_h', 7, 'uint32', 'Step along the height (instead of stride).'),
    opt('stride_w', 8, 'uint32', 'Step along the width (instead of stride).'),
    opt('engine', 11, 'PoolingParameter.Engine', 'Implementation to run (no effect on the figures).', 'DEFAULT'),
    opt('global_pooling', 12, 'bool', 'Pool the whole spatial extent: the window is the input size.', false),
    opt('round_mode', 13, 'PoolingParameter.RoundMode', 'Round the pooled size up (CEIL) or down (FLOOR).', 'CEIL'),
  ]),
  message('PowerParameter', 'Settings of a Power layer: y = (shift + scale·x)^power.', [
    opt('power', 1, 'float', 'The exponent.', 1),
    opt('scale', 2, 'float', 'Multiplies x.', 1),
    opt('shift', 3, 'float', 'Added after scaling.', 0),
  ]),
  message('PReLUParameter', 'Settings of a PReLU layer.', [
    opt('filler', 1, 'FillerParameter', 'Initialisation of the slopes (default 0.25).'),
    opt('channel_shared', 2, 'bool', 'One slope for all channels instead of one per channel.', false),
  ]),
  message('PythonParameter', 'Settings of a Python layer: which class to load and the string it is given.', [
    opt('module', 1, 'string', 'Python module to import, e.g. rpn.proposal_layer.'),
    opt('layer', 2, 'string', 'Class in that module, e.g. ProposalLayer.'),
    opt('param_str', 3, 'string', 'Free-form settings handed to the layer’s setup() (often a dict or YAML).', ''),
    opt('share_in_parallel', 4, 'bool', 'Share one instance between data-parallel solvers.', false),
  ]),
  message('RecurrentParameter', 'Settings of RNN and LSTM layers.', [
    opt('num_output', 1, 'uint32', 'Size of the hidden state (and output); must be set.', 0),
    opt('weight_filler', 2, 'FillerParameter', 'Initialisation of the weights.'),
    opt('bias_filler', 3, 'FillerParameter', 'Initialisation of the biases.'),
    opt('debug_info', 4, 'bool', 'Log the unrolled net’s statistics.', false),
    opt('expose_hidden', 5, 'bool', 'Add the initial hidden state as bottoms and the final one as tops.', false),
  ]),
  message('ReductionParameter', 'Settings of a Reduction layer.', [
    opt('operation', 1, 'ReductionParameter.ReductionOp', 'How values are combined.', 'SUM'),
    opt('axis', 2, 'int32', `First axis reduced (${AXIS_DOC}); every later axis is reduced too.`, 0),
    opt('coeff', 3, 'float', 'Multiplies the result.', 1),
  ]),
  message('ReLUParameter', 'Settings of a ReLU layer.', [
    opt('negative_slope', 1, 'float', 'Slope for x < 0 (leaky ReLU); 0 is the plain ReLU.', 0),
    opt('engine', 2, 'ReLUParameter.Engine', 'Implementation to run (no effect on the figures).', 'DEFAULT'),
  ]),
  message('ReshapeParameter', 'Settings of a Reshape layer.', [
    opt('shape', 1, 'BlobShape', 'The new dimensions; 0 copies the input’s, one −1 is inferred.'),
    opt('axis', 2, 'int32', `First input axis replaced (${AXIS_DOC}).`, 0),
    opt('num_axes', 3, 'int32', 'How many input axes are replaced (−1: all from axis).', -1),
  ]),
  message('ScaleParameter', 'Settings of a Scale layer.', [
    opt('axis', 1, 'int32', `First axis of bottom 0 the scale lines up with (${AXIS_DOC}).`, 1),
    opt('num_axes', 2, 'int32', 'Axes covered by a learned scale (−1: all from axis; 0: a scalar).', 1),
    opt('filler', 3, 'FillerParameter', 'Initialisation of a learned scale (default 1).'),
    opt('bias_term', 4, 'bool', 'Also learn a bias (γ·x + β).', false),
    opt('bias_filler', 5, 'FillerParameter', 'Initialisation of the bias.'),
  ]),
  message('SigmoidParameter', 'Settings of a Sigmoid layer.', [
    opt('engine', 1, 'SigmoidParameter.Engine', 'Implementation to run (no effect on the figures).', 'DEFAULT'),
  ]),
  message('SliceParameter', 'Settings of a Slice layer.', [
    opt('axis', 3, 'int32', `The axis to cut along (${AXIS_DOC}).`, 1),
    rep('slice_point', 2, 'uint32', 'Where to cut: one index per cut, increasing (none: equal parts).'),
    opt('slice_dim', 1, 'uint32', 'Deprecated spelling of axis (no negative values).', 1),
  ]),
  message('SoftmaxParameter', 'Settings of Softmax and SoftmaxWithLoss layers.', [
    opt('engine', 1, 'SoftmaxParameter.Engine', 'Implementation to run (no effect on the figures).', 'DEFAULT'),
    opt('axis', 2, 'int32', `The axis normalised (${AXIS_DOC}).`, 1),
  ]),
  message('SPPParameter', 'Settings of an SPP (spatial pyramid pooling) layer.', [
    opt('pyramid_height', 1, 'uint32', 'Number of pyramid levels: level l pools into 2^l × 2^l bins.'),
    opt('pool', 2, 'SPPParameter.PoolMethod', 'How each bin is reduced.', 'MAX'),
    opt('engine', 6, 'SPPParameter.Engine', 'Implementation to run (no effect on the figures).', 'DEFAULT'),
  ]),
  message('SwishParameter', 'Settings of a Swish layer: y = x·sigmoid(beta·x).', [
    opt('beta', 1, 'float', 'Slope inside the sigmoid.', 1),
  ]),
  message('TanHParameter', 'Settings of a TanH layer.', [
    opt('engine', 1, 'TanHParameter.Engine', 'Implementation to run (no effect on the figures).', 'DEFAULT'),
  ]),
  message('ThresholdParameter', 'Settings of a Threshold layer: y = 1 where x > threshold, else 0.', [
    opt('threshold', 1, 'float', 'The threshold.', 0),
  ]),
  message('TileParameter', 'Settings of a Tile layer.', [
    opt('axis', 1, 'int32', `The axis repeated (${AXIS_DOC}).`, 1),
    opt('tiles', 2, 'int32', 'How many copies along that axis.'),
  ]),
  message('WindowDataParameter', 'Settings of a WindowData layer (R-CNN training windows).', [
    opt('source', 1, 'string', 'The window file.'),
    opt('scale', 2, 'float', 'Multiply values by this.', 1),
    opt('mean_file', 3, 'string', 'Mean image to subtract.'),
    opt('batch_size', 4, 'uint32', 'Windows per batch.'),
    opt('crop_size', 5, 'uint32', 'Windows are warped to crop_size × crop_size.', 0),
    opt('mirror', 6, 'bool', 'Random horizontal flips.', false),
    opt('fg_threshold', 7, 'float', 'Overlap above which a window is foreground.', 0.5),
    opt('bg_threshold', 8, 'float', 'Overlap below which a window is background.', 0.5),
    opt('fg_fraction', 9, 'float', 'Fraction of foreground windows per batch.', 0.25),
    opt('context_pad', 10, 'uint32', 'Pixels of context added around each window.', 0),
    opt('crop_mode', 11, 'string', '"warp" (stretch to the crop) or "square" (tightest square).', 'warp'),
    opt('cache_images', 12, 'bool', 'Keep every image in memory.', false),
    opt('root_folder', 13, 'string', 'Prefix prepended to every image path.', ''),
  ]),
];
