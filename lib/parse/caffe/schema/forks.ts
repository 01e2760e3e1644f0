import {
  enumOf,
  forkFields,
  message,
  opt,
  rep,
  type EnumSpec,
  type Extension,
  type ForkId,
  type ForkInfo,
  type MessageSpec,
} from './types';

/**
 * Fields and messages of the Caffe forks whose models we read, each tagged with its fork. Read
 * from each fork's own src/caffe/proto/caffe.proto where we could (SSD, SegNet, PSPNet, C3D,
 * py-faster-rcnn); field numbers are given where that file was read, and left out where we only
 * know a field from models and layer code (a number is never guessed).
 */
export const FORKS: Readonly<Record<ForkId, ForkInfo>> = {
  ssd: { id: 'ssd', name: 'SSD', source: 'weiliu89/caffe, ssd branch' },
  segnet: { id: 'segnet', name: 'SegNet', source: 'alexgkendall/caffe-segnet' },
  pspnet: { id: 'pspnet', name: 'PSPNet', source: 'hszhao/PSPNet, after yjxiong/caffe and DeepLab v2' },
  deeplab: { id: 'deeplab', name: 'DeepLab', source: 'DeepLab v1 Caffe (hole convolution), as kept by hszhao/PSPNet' },
  shufflenet: {
    id: 'shufflenet',
    name: 'ShuffleNet',
    source: 'farmingyard/ShuffleNet, after camel007/Caffe-ShuffleNet',
  },
  c3d: { id: 'c3d', name: 'C3D', source: 'facebook/C3D, V1 format with 3-D layers' },
  'video-caffe': {
    id: 'video-caffe',
    name: 'video-caffe',
    source: 'chuckcho/video-caffe, NdConvolution and NdPooling',
  },
  'nd-pooling': {
    id: 'nd-pooling',
    name: 'N-D pooling',
    source: '3-D U-Net / V-Net style forks whose Pooling takes 5-D blobs and one kernel_size/stride/pad per axis',
  },
  'ceil-mode': {
    id: 'ceil-mode',
    name: 'ceil_mode',
    source: 'BVLC/caffe pull request #3057, used by shicai/DenseNet-Caffe',
  },
  'faster-rcnn': { id: 'faster-rcnn', name: 'py-faster-rcnn', source: 'rbgirshick/caffe-fast-rcnn' },
  yolo: { id: 'yolo', name: 'YOLO ports', source: 'caffe-yolo ports with a Reorg layer' },
  darknet2caffe: {
    id: 'darknet2caffe',
    name: 'darknet2caffe',
    source: 'ChenYingpeng/darknet2caffe, Upsample and Mish',
  },
  relu6: { id: 'relu6', name: 'ReLU6 forks', source: 'MobileNet Caffe ports with a ReLU6 layer' },
  bn: { id: 'bn', name: 'BN forks', source: 'SegNet / PSPNet / yjxiong/caffe BN layer' },
};

const ENGINE: readonly (readonly [string, number, string])[] = [
  ['DEFAULT', 0, 'the build’s default implementation'],
  ['CAFFE', 1, 'Caffe’s own implementation'],
  ['CUDNN', 2, 'NVIDIA cuDNN'],
];

export const FORK_ENUMS: readonly EnumSpec[] = [
  // SSD
  enumOf(
    'EmitConstraint.EmitType',
    'When a box survives a crop.',
    [
      ['CENTER', 0, 'its centre is inside the crop'],
      ['MIN_OVERLAP', 1, 'it overlaps the crop by at least emit_overlap'],
    ],
    'ssd',
  ),
  enumOf(
    'AnnotatedDatum.AnnotationType',
    'Kind of annotation stored with an image.',
    [['BBOX', 0, 'bounding boxes']],
    'ssd',
  ),
  enumOf(
    'ResizeParameter.Resize_mode',
    'How an image is resized.',
    [
      ['WARP', 1, 'stretch to height × width'],
      ['FIT_SMALL_SIZE', 2, 'scale so the small side fits'],
      ['FIT_LARGE_SIZE_AND_PAD', 3, 'scale so the large side fits, then pad'],
    ],
    'ssd',
  ),
  enumOf(
    'ResizeParameter.Pad_mode',
    'How padding is filled.',
    [
      ['CONSTANT', 1, 'pad_value'],
      ['MIRRORED', 2, 'mirrored image'],
      ['REPEAT_NEAREST', 3, 'nearest edge pixel'],
    ],
    'ssd',
  ),
  enumOf(
    'ResizeParameter.Interp_mode',
    'Interpolation used when resizing (as OpenCV).',
    [
      ['LINEAR', 1, 'bilinear'],
      ['AREA', 2, 'area'],
      ['NEAREST', 3, 'nearest neighbour'],
      ['CUBIC', 4, 'bicubic'],
      ['LANCZOS4', 5, 'Lanczos over 8×8'],
    ],
    'ssd',
  ),
  enumOf(
    'MultiBoxLossParameter.LocLossType',
    'Localisation loss.',
    [
      ['L2', 0, 'squared error'],
      ['SMOOTH_L1', 1, 'smooth L1'],
    ],
    'ssd',
  ),
  enumOf(
    'MultiBoxLossParameter.ConfLossType',
    'Confidence loss.',
    [
      ['SOFTMAX', 0, 'softmax cross-entropy'],
      ['LOGISTIC', 1, 'per-class logistic'],
    ],
    'ssd',
  ),
  enumOf(
    'MultiBoxLossParameter.MatchType',
    'How priors are matched to ground truth.',
    [
      ['BIPARTITE', 0, 'best prior per box only'],
      ['PER_PREDICTION', 1, 'also every prior above overlap_threshold'],
    ],
    'ssd',
  ),
  enumOf(
    'MultiBoxLossParameter.MiningType',
    'Hard example mining.',
    [
      ['NONE', 0, 'no mining'],
      ['MAX_NEGATIVE', 1, 'keep the hardest negatives (neg_pos_ratio)'],
      ['HARD_EXAMPLE', 2, 'online hard example mining'],
    ],
    'ssd',
  ),
  enumOf(
    'PriorBoxParameter.CodeType',
    'How box offsets are encoded.',
    [
      ['CORNER', 1, 'corner offsets'],
      ['CENTER_SIZE', 2, 'centre and size offsets'],
      ['CORNER_SIZE', 3, 'corner offsets scaled by size'],
    ],
    'ssd',
  ),
  enumOf(
    'VideoDataParameter.VideoType',
    'Where SSD’s VideoData layer reads frames.',
    [
      ['WEBCAM', 0, 'a camera'],
      ['VIDEO', 1, 'a video file'],
    ],
    'ssd',
  ),
  // SegNet / PSPNet
  enumOf(
    'BNParameter.BNMode',
    'SegNet BN: learn statistics or use stored ones.',
    [
      ['LEARN', 0, 'batch statistics'],
      ['INFERENCE', 1, 'stored statistics'],
    ],
    'segnet',
  ),
  enumOf('BNParameter.Engine', 'Which implementation runs a BN layer.', ENGINE, 'pspnet'),
  enumOf('MishParameter.Engine', 'Which implementation runs a Mish layer.', ENGINE, 'darknet2caffe'),
];

/** Enum values forks add to BVLC enums. Numbers that clash with BVLC's are kept but never used to look a value up. */
export const FORK_ENUM_VALUES: readonly { readonly enumName: string; readonly values: EnumSpec['values'] }[] = [
  {
    enumName: 'V1LayerParameter.LayerType',
    values: [
      {
        name: 'CONVOLUTION3D',
        number: 30,
        doc: 'C3D 3-D convolution (convolution_param with kernel_depth)',
        fork: 'c3d',
      },
      { name: 'POOLING3D', number: 31, doc: 'C3D 3-D pooling (pooling_param with kernel_depth)', fork: 'c3d' },
      { name: 'VOLUME_DATA', number: 32, doc: 'C3D volume data layer', fork: 'c3d' },
      {
        name: 'VIDEO_DATA',
        number: 33,
        doc: 'C3D video clip data layer (image_data_param with new_length)',
        fork: 'c3d',
      },
      { name: 'DECONVOLUTION3D', number: 34, doc: 'C3D 3-D deconvolution', fork: 'c3d' },
      { name: 'VIDEO_SEGMENTATION_DATA', number: 35, doc: 'C3D voxel-labelled video data', fork: 'c3d' },
      { name: 'VOXEL_SOFTMAX', number: 36, doc: 'C3D per-voxel softmax', fork: 'c3d' },
      { name: 'VOXEL_SOFTMAX_LOSS', number: 37, doc: 'C3D per-voxel softmax loss', fork: 'c3d' },
      { name: 'VIDEO_WITH_VOXEL_TRUTH_DATA', number: 38, doc: 'C3D video data with voxel labels', fork: 'c3d' },
      { name: 'VOXEL_CUSTOM_LOSS', number: 39, doc: 'C3D custom voxel loss', fork: 'c3d' },
      { name: 'DOWN_SAMPLING', number: 40, doc: 'C3D down-sampling layer', fork: 'c3d' },
    ],
  },
];

const SSD_LAYER_PARAMS = forkFields('ssd', [
  opt('annotated_data_param', 200, 'AnnotatedDataParameter', 'Settings of an AnnotatedData layer.'),
  opt('multibox_loss_param', 201, 'MultiBoxLossParameter', 'Settings of a MultiBoxLoss layer.'),
  opt('permute_param', 202, 'PermuteParameter', 'Settings of a Permute layer.'),
  opt('prior_box_param', 203, 'PriorBoxParameter', 'Settings of a PriorBox layer.'),
  opt('detection_output_param', 204, 'DetectionOutputParameter', 'Settings of a DetectionOutput layer.'),
  opt('detection_evaluate_param', 205, 'DetectionEvaluateParameter', 'Settings of a DetectionEvaluate layer.'),
  opt('norm_param', 206, 'NormalizeParameter', 'Settings of a Normalize layer.'),
  opt('video_data_param', 207, 'VideoDataParameter', 'Settings of a VideoData layer.'),
]);

/** Fields forks add to BVLC messages. */
export const FORK_EXTENSIONS: readonly Extension[] = [
  {
    message: 'LayerParameter',
    fields: [
      ...SSD_LAYER_PARAMS,
      opt('roi_pooling_param', 8266711, 'ROIPoolingParameter', 'Settings of a ROIPooling layer.', {
        fork: 'faster-rcnn',
      }),
      opt('smooth_l1_loss_param', 8266712, 'SmoothL1LossParameter', 'Settings of a SmoothL1Loss layer.', {
        fork: 'faster-rcnn',
      }),
      opt('shuffle_channel_param', 164, 'ShuffleChannelParameter', 'Settings of a ShuffleChannel layer.', {
        fork: 'shufflenet',
      }),
      opt('interp_param', 163, 'InterpParameter', 'Settings of an Interp (bilinear resize) layer.', { fork: 'pspnet' }),
      opt(
        'bn_param',
        undefined,
        'BNParameter',
        'Settings of a BN layer (normalisation with its own scale and shift).',
        {
          fork: 'bn',
        },
      ),
      opt(
        'upsample_param',
        undefined,
        'UpsampleParameter',
        'Settings of an Upsample layer (SegNet unpooling, YOLOv3 nearest).',
        {
          fork: 'segnet',
        },
      ),
      opt('dense_image_data_param', undefined, 'DenseImageDataParameter', 'Settings of a DenseImageData layer.', {
        fork: 'segnet',
      }),
      opt('reorg_param', undefined, 'ReorgParameter', 'Settings of a Reorg (space-to-depth) layer.', { fork: 'yolo' }),
      opt('mish_param', 150, 'MishParameter', 'Settings of a Mish layer.', { fork: 'darknet2caffe' }),
      opt('relu6_param', undefined, 'ReLU6Parameter', 'Settings of a ReLU6 layer.', { fork: 'relu6' }),
    ],
  },
  {
    message: 'TransformationParameter',
    fields: forkFields('ssd', [
      opt('resize_param', 8, 'ResizeParameter', 'Resize policy applied before cropping.'),
      opt('noise_param', 9, 'NoiseParameter', 'Random noise / colour augmentation.'),
      opt('emit_constraint', 10, 'EmitConstraint', 'Which boxes survive a crop.'),
      opt('crop_h', 11, 'uint32', 'Crop height (with crop_w, instead of crop_size).', 0),
      opt('crop_w', 12, 'uint32', 'Crop width (with crop_h, instead of crop_size).', 0),
      opt('distort_param', 13, 'DistortionParameter', 'Photometric distortions.'),
      opt('expand_param', 14, 'ExpansionParameter', 'Zoom-out augmentation.'),
    ]),
  },
  {
    message: 'ConvolutionParameter',
    fields: [
      ...forkFields('c3d', [
        opt(
          'kernel_depth',
          6,
          'uint32',
          'C3D: temporal (depth) size of the filter; kernel_size is its height and width.',
        ),
        opt('temporal_stride', 8, 'uint32', 'C3D: stride along the temporal axis.', 1),
        opt(
          'filter_group',
          11,
          'uint32',
          'C3D: run the filters in this many chunks (memory only; every filter sees every channel).',
          1,
        ),
        opt('temporal_pad', 12, 'uint32', 'C3D: zero padding of the temporal axis.', 0),
      ]),
      ...forkFields('video-caffe', [
        opt('kernel_shape', undefined, 'BlobShape', 'Filter size, one dim per spatial axis (NdConvolution).'),
        opt('stride_shape', undefined, 'BlobShape', 'Stride, one dim per spatial axis (default 1).'),
        opt('pad_shape', undefined, 'BlobShape', 'Padding, one dim per spatial axis (default 0).'),
      ]),
      ...forkFields('deeplab', [
        opt('hole', 17, 'uint32', 'DeepLab: dilation of the filter (the later BVLC dilation).', 1),
        opt('hole_h', 18, 'uint32', 'DeepLab: dilation along the height.', 1),
        opt('hole_w', 19, 'uint32', 'DeepLab: dilation along the width.', 1),
      ]),
    ],
  },
  {
    message: 'PoolingParameter',
    fields: [
      opt('ceil_mode', undefined, 'bool', 'Round the pooled size up (true, Caffe’s default) or down (false).', {
        default: true,
        fork: 'ceil-mode',
      }),
      ...forkFields('c3d', [
        opt('kernel_depth', 5, 'uint32', 'C3D: temporal size of the pooling window.'),
        opt('temporal_stride', 6, 'uint32', 'C3D: stride along the temporal axis.', 1),
      ]),
      ...forkFields('video-caffe', [
        opt('kernel_shape', undefined, 'BlobShape', 'Window size, one dim per spatial axis (NdPooling).'),
        opt('stride_shape', undefined, 'BlobShape', 'Stride, one dim per spatial axis (default 1).'),
        opt('pad_shape', undefined, 'BlobShape', 'Padding, one dim per spatial axis (default 0).'),
      ]),
      opt('axis', undefined, 'int32', 'N-D pooling: the channel axis; every later axis is pooled.', {
        default: 1,
        fork: 'nd-pooling',
      }),
    ],
  },
  {
    message: 'ImageDataParameter',
    fields: forkFields('c3d', [
      opt('new_length', 11, 'uint32', 'C3D: frames per clip (the temporal length of the data top).', 0),
      opt('show_data', 12, 'int32', 'C3D: display the clips while reading (debugging).', 0),
      opt('use_image', 13, 'bool', 'C3D: read clips from frame images instead of video files.', false),
      opt('sampling_rate', 14, 'int32', 'C3D: take every n-th frame.', 1),
      opt('use_label', 15, 'bool', 'C3D: read labels from the list.', true),
      opt('use_temporal_jitter', 16, 'bool', 'C3D: start clips at random frames.', false),
      opt('mean_value', 17, 'float', 'C3D: one mean subtracted from every value.', 0),
      opt('num_truth_channels', 18, 'uint32', 'C3D: channels of voxel ground truth.', 1),
      opt('use_byte_input', 19, 'bool', 'C3D: read raw bytes.', false),
      opt('is_flow', 20, 'bool', 'C3D: the frames are optical flow.', false),
      opt('truth_scale', 21, 'float', 'C3D: scale of voxel ground truth.', 1),
      opt('clip_min', 22, 'float', 'C3D: lower clip of values.'),
      opt('clip_max', 23, 'float', 'C3D: upper clip of values.'),
    ]),
  },
  {
    message: 'DataParameter',
    fields: [
      opt('show_data', 8, 'int32', 'C3D: display the data while reading (debugging).', { default: 0, fork: 'c3d' }),
    ],
  },
  {
    message: 'DropoutParameter',
    fields: [
      opt('scale_train', 2, 'bool', 'Scale kept values by 1/(1 − ratio) in training (false: scale at test time).', {
        default: true,
        fork: 'faster-rcnn',
      }),
    ],
  },
  {
    message: 'LossParameter',
    fields: forkFields('segnet', [
      opt('weight_by_label_freqs', 3, 'bool', 'SegNet: weight each class by class_weighting.', false),
      rep('class_weighting', 4, 'float', 'SegNet: one loss weight per class.'),
    ]),
  },
];

const BOX = 'A box in image-relative coordinates [0, 1].';

export const FORK_MESSAGES: readonly MessageSpec[] = [
  // --- SSD (weiliu89/caffe ssd) ---
  message(
    'Sampler',
    'SSD: size and shape limits of a sampled crop (relative to the image).',
    [
      opt('min_scale', 1, 'float', 'Smallest crop scale.', 1),
      opt('max_scale', 2, 'float', 'Largest crop scale.', 1),
      opt('min_aspect_ratio', 3, 'float', 'Smallest crop aspect ratio.', 1),
      opt('max_aspect_ratio', 4, 'float', 'Largest crop aspect ratio.', 1),
    ],
    'ssd',
  ),
  message(
    'SampleConstraint',
    'SSD: overlap a sampled crop must have with the ground-truth boxes.',
    [
      opt('min_jaccard_overlap', 1, 'float', 'Minimum IoU with some box.'),
      opt('max_jaccard_overlap', 2, 'float', 'Maximum IoU with some box.'),
      opt('min_sample_coverage', 3, 'float', 'Minimum share of the crop covered by boxes.'),
      opt('max_sample_coverage', 4, 'float', 'Maximum share of the crop covered by boxes.'),
      opt('min_object_coverage', 5, 'float', 'Minimum share of a box inside the crop.'),
      opt('max_object_coverage', 6, 'float', 'Maximum share of a box inside the crop.'),
    ],
    'ssd',
  ),
  message(
    'BatchSampler',
    'SSD: one crop-sampling policy of the data augmentation.',
    [
      opt('use_original_image', 1, 'bool', 'Sample from the whole original image.', true),
      opt('sampler', 2, 'Sampler', 'Crop size and shape limits.'),
      opt('sample_constraint', 3, 'SampleConstraint', 'Required overlap with the boxes.'),
      opt('max_sample', 4, 'uint32', 'Stop after this many good samples.'),
      opt('max_trials', 5, 'uint32', 'Give up after this many tries.', 100),
    ],
    'ssd',
  ),
  message(
    'EmitConstraint',
    'SSD: which ground-truth boxes survive a crop.',
    [
      opt('emit_type', 1, 'EmitConstraint.EmitType', 'The survival rule.', 'CENTER'),
      opt('emit_overlap', 2, 'float', 'Overlap needed with MIN_OVERLAP.'),
    ],
    'ssd',
  ),
  message(
    'NormalizedBBox',
    `SSD: ${BOX}`,
    [
      opt('xmin', 1, 'float', 'Left edge.'),
      opt('ymin', 2, 'float', 'Top edge.'),
      opt('xmax', 3, 'float', 'Right edge.'),
      opt('ymax', 4, 'float', 'Bottom edge.'),
      opt('label', 5, 'int32', 'Class label.'),
      opt('difficult', 6, 'bool', 'Marked difficult in the data set.'),
      opt('score', 7, 'float', 'Detection score.'),
      opt('size', 8, 'float', 'Box area.'),
    ],
    'ssd',
  ),
  message(
    'Annotation',
    'SSD: one annotated object.',
    [opt('instance_id', 1, 'int32', 'Object id.', 0), opt('bbox', 2, 'NormalizedBBox', 'Its box.')],
    'ssd',
  ),
  message(
    'AnnotationGroup',
    'SSD: the objects of one class.',
    [opt('group_label', 1, 'int32', 'The class.'), rep('annotation', 2, 'Annotation', 'Its objects.')],
    'ssd',
  ),
  message(
    'AnnotatedDatum',
    'SSD: an image with its boxes.',
    [
      opt('datum', 1, 'Datum', 'The image.'),
      opt('type', 2, 'AnnotatedDatum.AnnotationType', 'Kind of annotation.'),
      rep('annotation_group', 3, 'AnnotationGroup', 'The objects by class.'),
    ],
    'ssd',
  ),
  message(
    'LabelMapItem',
    'SSD: one class of a label map.',
    [
      opt('name', 1, 'string', 'Class name in the data set.'),
      opt('label', 2, 'int32', 'Class number.'),
      opt('display_name', 3, 'string', 'Name to show.'),
    ],
    'ssd',
  ),
  message('LabelMap', 'SSD: class names and numbers.', [rep('item', 1, 'LabelMapItem', 'The classes.')], 'ssd'),
  message(
    'ResizeParameter',
    'SSD: how images are resized before cropping.',
    [
      opt('prob', 1, 'float', 'Probability of applying it.', 1),
      opt('resize_mode', 2, 'ResizeParameter.Resize_mode', 'Resize policy.', 'WARP'),
      opt('height', 3, 'uint32', 'Target height.', 0),
      opt('width', 4, 'uint32', 'Target width.', 0),
      opt('height_scale', 8, 'uint32', 'Height used to rescale boxes in FIT_SMALL_SIZE mode.', 0),
      opt('width_scale', 9, 'uint32', 'Width used to rescale boxes in FIT_SMALL_SIZE mode.', 0),
      opt('pad_mode', 5, 'ResizeParameter.Pad_mode', 'How padding is filled.', 'CONSTANT'),
      rep('pad_value', 6, 'float', 'Padding value: one for all channels or one per channel.'),
      rep('interp_mode', 7, 'ResizeParameter.Interp_mode', 'Interpolation modes to pick from.'),
    ],
    'ssd',
  ),
  message(
    'SaltPepperParameter',
    'SSD: salt-and-pepper noise.',
    [opt('fraction', 1, 'float', 'Share of pixels changed.', 0), rep('value', 2, 'float', 'Values written.')],
    'ssd',
  ),
  message(
    'NoiseParameter',
    'SSD: random noise and colour augmentation.',
    [
      opt('prob', 1, 'float', 'Probability of applying it.', 0),
      opt('hist_eq', 2, 'bool', 'Histogram equalisation.', false),
      opt('inverse', 3, 'bool', 'Colour inversion.', false),
      opt('decolorize', 4, 'bool', 'Greyscale.', false),
      opt('gauss_blur', 5, 'bool', 'Gaussian blur.', false),
      opt('jpeg', 6, 'float', 'JPEG quality (−1: none).', -1),
      opt('posterize', 7, 'bool', 'Posterisation.', false),
      opt('erode', 8, 'bool', 'Erosion.', false),
      opt('saltpepper', 9, 'bool', 'Salt-and-pepper noise.', false),
      opt('saltpepper_param', 10, 'SaltPepperParameter', 'Its settings.'),
      opt('clahe', 11, 'bool', 'Local histogram equalisation.', false),
      opt('convert_to_hsv', 12, 'bool', 'Convert to HSV.', false),
      opt('convert_to_lab', 13, 'bool', 'Convert to Lab.', false),
    ],
    'ssd',
  ),
  message(
    'DistortionParameter',
    'SSD: photometric distortions.',
    [
      opt('brightness_prob', 1, 'float', 'Probability of a brightness change.', 0),
      opt('brightness_delta', 2, 'float', 'Largest brightness change.', 0),
      opt('contrast_prob', 3, 'float', 'Probability of a contrast change.', 0),
      opt('contrast_lower', 4, 'float', 'Smallest contrast factor.', 0),
      opt('contrast_upper', 5, 'float', 'Largest contrast factor.', 0),
      opt('hue_prob', 6, 'float', 'Probability of a hue change.', 0),
      opt('hue_delta', 7, 'float', 'Largest hue change.', 0),
      opt('saturation_prob', 8, 'float', 'Probability of a saturation change.', 0),
      opt('saturation_lower', 9, 'float', 'Smallest saturation factor.', 0),
      opt('saturation_upper', 10, 'float', 'Largest saturation factor.', 0),
      opt('random_order_prob', 11, 'float', 'Probability of shuffling the channels.', 0),
    ],
    'ssd',
  ),
  message(
    'ExpansionParameter',
    'SSD: zoom-out augmentation (the image placed on a larger canvas).',
    [
      opt('prob', 1, 'float', 'Probability of applying it.', 1),
      opt('max_expand_ratio', 2, 'float', 'Largest canvas size relative to the image.', 1),
    ],
    'ssd',
  ),
  message(
    'AnnotatedDataParameter',
    'SSD: settings of an AnnotatedData layer (images with boxes).',
    [
      rep('batch_sampler', 1, 'BatchSampler', 'Crop-sampling policies.'),
      opt('label_map_file', 2, 'string', 'Label map of the data set.'),
      opt('anno_type', 3, 'AnnotatedDatum.AnnotationType', 'Annotation kind when the database does not say.'),
    ],
    'ssd',
  ),
  message(
    'MultiBoxLossParameter',
    'SSD: settings of the MultiBoxLoss layer.',
    [
      opt('loc_loss_type', 1, 'MultiBoxLossParameter.LocLossType', 'Localisation loss.', 'SMOOTH_L1'),
      opt('conf_loss_type', 2, 'MultiBoxLossParameter.ConfLossType', 'Confidence loss.', 'SOFTMAX'),
      opt('loc_weight', 3, 'float', 'Weight of the localisation loss.', 1),
      opt('num_classes', 4, 'uint32', 'Classes predicted, background included.'),
      opt('share_location', 5, 'bool', 'One box per prior for all classes.', true),
      opt('match_type', 6, 'MultiBoxLossParameter.MatchType', 'Prior matching.', 'PER_PREDICTION'),
      opt('overlap_threshold', 7, 'float', 'IoU for a positive match.', 0.5),
      opt('use_prior_for_matching', 8, 'bool', 'Match priors rather than predictions.', true),
      opt('background_label_id', 9, 'uint32', 'Label of the background class.', 0),
      opt('use_difficult_gt', 10, 'bool', 'Use boxes marked difficult.', true),
      opt('do_neg_mining', 11, 'bool', 'Deprecated: use mining_type.'),
      opt('neg_pos_ratio', 12, 'float', 'Negatives kept per positive.', 3),
      opt('neg_overlap', 13, 'float', 'IoU below which a prior is a negative.', 0.5),
      opt('code_type', 14, 'PriorBoxParameter.CodeType', 'Box encoding.', 'CORNER'),
      opt('encode_variance_in_target', 16, 'bool', 'Variances are part of the target.', false),
      opt('map_object_to_agnostic', 17, 'bool', 'Treat every object as one class.', false),
      opt('ignore_cross_boundary_bbox', 18, 'bool', 'Skip priors crossing the image border.', false),
      opt('bp_inside', 19, 'bool', 'Back-propagate on the inside of boxes only.', false),
      opt('mining_type', 20, 'MultiBoxLossParameter.MiningType', 'Hard example mining.', 'MAX_NEGATIVE'),
      opt('nms_param', 21, 'NonMaximumSuppressionParameter', 'NMS used by hard example mining.'),
      opt('sample_size', 22, 'int32', 'Examples kept by hard example mining.', 64),
      opt('use_prior_for_nms', 23, 'bool', 'Run NMS on priors.', false),
    ],
    'ssd',
  ),
  message(
    'NormalizeParameter',
    'SSD: settings of a Normalize (L2 normalisation with a learned scale) layer.',
    [
      opt('across_spatial', 1, 'bool', 'One norm over C×H×W (true) or one per position across channels.', true),
      opt('scale_filler', 2, 'FillerParameter', 'Initialisation of the scale.'),
      opt('channel_shared', 3, 'bool', 'One scale for all channels.', true),
      opt('eps', 4, 'float', 'Added to the norm.', 1e-10),
    ],
    'ssd',
  ),
  message(
    'PermuteParameter',
    'SSD: settings of a Permute layer.',
    [rep('order', 1, 'uint32', 'New order of the axes (each old axis once); missing trailing axes keep their order.')],
    'ssd',
  ),
  message(
    'PriorBoxParameter',
    'SSD: settings of a PriorBox layer (default boxes of one feature map).',
    [
      rep('min_size', 1, 'float', 'Box size in pixels (one box per value).'),
      rep('max_size', 2, 'float', 'Adds a box of size √(min·max) per value.'),
      rep('aspect_ratio', 3, 'float', 'Extra aspect ratios (1 is always used).'),
      opt('flip', 4, 'bool', 'Also use 1/r for every aspect ratio r.', true),
      opt('clip', 5, 'bool', 'Clip boxes to [0, 1].', false),
      rep('variance', 6, 'float', 'Encoding variance: one for all four coordinates or four.'),
      opt('img_size', 7, 'uint32', 'Image size (instead of reading bottom 1).'),
      opt('img_h', 8, 'uint32', 'Image height.'),
      opt('img_w', 9, 'uint32', 'Image width.'),
      opt('step', 10, 'float', 'Distance between box centres in pixels.'),
      opt('step_h', 11, 'float', 'Vertical distance between centres.'),
      opt('step_w', 12, 'float', 'Horizontal distance between centres.'),
      opt('offset', 13, 'float', 'Centre offset within a cell, in steps.', 0.5),
    ],
    'ssd',
  ),
  message(
    'NonMaximumSuppressionParameter',
    'SSD: non-maximum suppression settings.',
    [
      opt('nms_threshold', 1, 'float', 'IoU above which the weaker box is dropped.', 0.3),
      opt('top_k', 2, 'int32', 'Boxes kept before NMS.'),
      opt('eta', 3, 'float', 'Adaptive NMS factor.', 1),
    ],
    'ssd',
  ),
  message(
    'SaveOutputParameter',
    'SSD: where and how detections are saved.',
    [
      opt('output_directory', 1, 'string', 'Directory written.'),
      opt('output_name_prefix', 2, 'string', 'File name prefix.'),
      opt('output_format', 3, 'string', 'VOC, COCO or ILSVRC.'),
      opt('label_map_file', 4, 'string', 'Label map for the output.'),
      opt('name_size_file', 5, 'string', 'Image names and sizes.'),
      opt('num_test_image', 6, 'uint32', 'Images in the test set.'),
      opt('resize_param', 7, 'ResizeParameter', 'Resize used to map boxes back.'),
    ],
    'ssd',
  ),
  message(
    'DetectionOutputParameter',
    'SSD: settings of the DetectionOutput layer.',
    [
      opt('num_classes', 1, 'uint32', 'Classes predicted, background included.'),
      opt('share_location', 2, 'bool', 'One box per prior for all classes.', true),
      opt('background_label_id', 3, 'int32', 'Label of the background class (−1: none).', 0),
      opt('nms_param', 4, 'NonMaximumSuppressionParameter', 'Non-maximum suppression.'),
      opt('save_output_param', 5, 'SaveOutputParameter', 'Saving detections.'),
      opt('code_type', 6, 'PriorBoxParameter.CodeType', 'Box encoding.', 'CORNER'),
      opt('variance_encoded_in_target', 8, 'bool', 'Variances are already in the predictions.', false),
      opt('keep_top_k', 7, 'int32', 'Detections kept per image after NMS (−1: all).', -1),
      opt('confidence_threshold', 9, 'float', 'Minimum score of a detection.'),
      opt('visualize', 10, 'bool', 'Show detections.', false),
      opt('visualize_threshold', 11, 'float', 'Minimum score shown.'),
      opt('save_file', 12, 'string', 'File detections are written to.'),
    ],
    'ssd',
  ),
  message(
    'DetectionEvaluateParameter',
    'SSD: settings of the DetectionEvaluate layer.',
    [
      opt('num_classes', 1, 'uint32', 'Classes predicted, background included.'),
      opt('background_label_id', 2, 'uint32', 'Label of the background class.', 0),
      opt('overlap_threshold', 3, 'float', 'IoU for a true positive.', 0.5),
      opt('evaluate_difficult_gt', 4, 'bool', 'Count boxes marked difficult.', true),
      opt('name_size_file', 5, 'string', 'Image names and sizes.'),
      opt('resize_param', 6, 'ResizeParameter', 'Resize used to map boxes back.'),
    ],
    'ssd',
  ),
  message(
    'VideoDataParameter',
    'Settings of a VideoData layer (SSD camera/video input, or clip readers of video forks).',
    [
      opt('video_type', 1, 'VideoDataParameter.VideoType', 'SSD: camera or video file.', {
        default: 'WEBCAM',
        fork: 'ssd',
      }),
      opt('device_id', 2, 'int32', 'SSD: camera number.', { default: 0, fork: 'ssd' }),
      opt('video_file', 3, 'string', 'SSD: video file to read.', { fork: 'ssd' }),
      opt('skip_frames', 4, 'uint32', 'SSD: frames skipped before each one used.', { default: 0, fork: 'ssd' }),
      ...forkFields('video-caffe', [
        opt('source', undefined, 'string', 'List of clips with labels.'),
        opt('batch_size', undefined, 'uint32', 'Clips per batch.'),
        opt('new_length', undefined, 'uint32', 'Frames per clip.'),
        opt('new_height', undefined, 'uint32', 'Frame height after resizing.'),
        opt('new_width', undefined, 'uint32', 'Frame width after resizing.'),
        opt('crop_size', undefined, 'uint32', 'Square crop of every frame.'),
        opt('mirror', undefined, 'bool', 'Random horizontal flips.'),
        opt('shuffle', undefined, 'bool', 'Shuffle the clip list.'),
      ]),
    ],
  ),
  // --- py-faster-rcnn ---
  message(
    'ROIPoolingParameter',
    'py-faster-rcnn: settings of a ROIPooling layer.',
    [
      opt('pooled_h', 1, 'uint32', 'Output height of each region.', 0),
      opt('pooled_w', 2, 'uint32', 'Output width of each region.', 0),
      opt('spatial_scale', 3, 'float', 'Scale from image coordinates to feature-map coordinates (e.g. 1/16).', 1),
    ],
    'faster-rcnn',
  ),
  message(
    'SmoothL1LossParameter',
    'py-faster-rcnn: settings of a SmoothL1Loss layer.',
    [opt('sigma', 1, 'float', 'Where the loss turns from quadratic to linear (at 1/σ²).', 1)],
    'faster-rcnn',
  ),
  // --- ShuffleNet ---
  message(
    'ShuffleChannelParameter',
    'ShuffleNet: settings of a ShuffleChannel layer.',
    [opt('group', 1, 'uint32', 'Groups whose channels are interleaved.', 1)],
    'shufflenet',
  ),
  // --- SegNet, PSPNet, BN forks ---
  message(
    'UpsampleParameter',
    'Settings of an Upsample layer (SegNet max-unpooling; YOLOv3 ports use scale only).',
    [
      opt(
        'scale',
        1,
        'uint32',
        'Upsampling factor (SegNet default 2; darknet2caffe declares it int32 with default 1).',
        2,
      ),
      opt('scale_h', 2, 'uint32', 'Factor along the height.'),
      opt('scale_w', 3, 'uint32', 'Factor along the width.'),
      opt('pad_out_h', 4, 'bool', 'Deprecated: output height is 2·H − 1.', false),
      opt('pad_out_w', 5, 'bool', 'Deprecated: output width is 2·W − 1.', false),
      opt('upsample_h', 6, 'uint32', 'Exact output height.'),
      opt('upsample_w', 7, 'uint32', 'Exact output width.'),
    ],
    'segnet',
  ),
  message(
    'DenseImageDataParameter',
    'SegNet: settings of a DenseImageData layer (images with label images).',
    [
      opt('source', 1, 'string', 'List of image / label pairs.'),
      opt('batch_size', 2, 'uint32', 'Images per batch.'),
      opt('rand_skip', 3, 'uint32', 'Skip up to this many lines at random.', 0),
      opt('shuffle', 4, 'bool', 'Shuffle every epoch.', false),
      opt('new_height', 5, 'uint32', 'Resize height.', 0),
      opt('new_width', 6, 'uint32', 'Resize width.', 0),
      opt('is_color', 7, 'bool', 'Colour images.', true),
      opt('mean_file', 8, 'string', 'Mean image.'),
      opt('root_folder', 9, 'string', 'Prefix of every path.', ''),
    ],
    'segnet',
  ),
  message(
    'BNParameter',
    'Settings of a BN layer of the SegNet / PSPNet forks (normalisation plus learned scale and shift).',
    [
      opt('scale_filler', 1, 'FillerParameter', 'Initialisation of the scale γ.', { fork: 'bn' }),
      opt('shift_filler', 2, 'FillerParameter', 'Initialisation of the shift β.', { fork: 'bn' }),
      opt('bn_mode', 3, 'BNParameter.BNMode', 'SegNet: learn statistics or use stored ones.', {
        default: 'LEARN',
        fork: 'segnet',
      }),
      opt('var_eps', 3, 'float', 'PSPNet: added to the variance.', { default: 1e-10, fork: 'pspnet' }),
      opt('moving_average', 4, 'bool', 'PSPNet: keep moving averages for inference.', {
        default: false,
        fork: 'pspnet',
      }),
      opt('decay', 5, 'float', 'PSPNet: decay of the moving averages.', { default: 0.05, fork: 'pspnet' }),
      opt('axis', 6, 'int32', 'PSPNet: the channel axis.', { default: 1, fork: 'pspnet' }),
      opt('momentum', 7, 'float', 'PSPNet: momentum of the running statistics.', { default: 0.9, fork: 'pspnet' }),
      opt('eps', 8, 'float', 'PSPNet: added to the variance.', { default: 1e-5, fork: 'pspnet' }),
      opt('frozen', 9, 'bool', 'PSPNet: use the stored statistics and freeze every parameter.', {
        default: false,
        fork: 'pspnet',
      }),
      opt('engine', 12, 'BNParameter.Engine', 'PSPNet: implementation to run.', { default: 'DEFAULT', fork: 'pspnet' }),
      opt('slope_filler', undefined, 'FillerParameter', 'yjxiong/caffe: initialisation of the scale.', { fork: 'bn' }),
      opt('bias_filler', undefined, 'FillerParameter', 'yjxiong/caffe: initialisation of the shift.', { fork: 'bn' }),
    ],
    'bn',
  ),
  message(
    'InterpParameter',
    'PSPNet / DeepLab v2: settings of an Interp (bilinear resize) layer.',
    [
      opt('height', 1, 'int32', 'Output height (with width).', 0),
      opt('width', 2, 'int32', 'Output width (with height).', 0),
      opt('zoom_factor', 3, 'int32', 'Enlarge by this factor: out = in + (in − 1)(zoom − 1).', 1),
      opt('shrink_factor', 4, 'int32', 'Shrink by this factor: out = (in − 1)/shrink + 1.', 1),
      opt('pad_beg', 5, 'int32', 'Padding added before (negative crops).', 0),
      opt('pad_end', 6, 'int32', 'Padding added after (negative crops).', 0),
      opt('interp_type', 7, 'string', 'PSPNet: "bilinear" or "nearest_neighbor".', 'bilinear'),
    ],
    'pspnet',
  ),
  // --- YOLO ports, darknet2caffe, ReLU6 ---
  message(
    'ReorgParameter',
    'YOLO ports: settings of a Reorg (space-to-depth) layer.',
    [
      opt('stride', 1, 'uint32', 'Block size moved into channels.'),
      opt('reverse', 2, 'bool', 'Depth-to-space instead.', false),
    ],
    'yolo',
  ),
  message(
    'MishParameter',
    'darknet2caffe: settings of a Mish layer.',
    [opt('engine', 2, 'MishParameter.Engine', 'Implementation to run.', 'DEFAULT')],
    'darknet2caffe',
  ),
  message(
    'ReLU6Parameter',
    'Settings of a ReLU6 layer of MobileNet ports.',
    [opt('threshold', undefined, 'float', 'Upper clip value.', 6)],
    'relu6',
  ),
];
