/**
 * Legacy V1LayerParameter.LayerType enum (BVLC caffe.proto) mapped to the current type
 * strings, as Caffe's own upgrade_proto.cpp (UpgradeV1LayerType) does. Numbers are the
 * enum values, for files that give the type as a number.
 */
const V1_TYPES: readonly (readonly [name: string, value: number, current: string])[] = [
  ['NONE', 0, ''],
  ['ABSVAL', 35, 'AbsVal'],
  ['ACCURACY', 1, 'Accuracy'],
  ['ARGMAX', 30, 'ArgMax'],
  ['BNLL', 2, 'BNLL'],
  ['CONCAT', 3, 'Concat'],
  ['CONTRASTIVE_LOSS', 37, 'ContrastiveLoss'],
  ['CONVOLUTION', 4, 'Convolution'],
  ['DATA', 5, 'Data'],
  ['DECONVOLUTION', 39, 'Deconvolution'],
  ['DROPOUT', 6, 'Dropout'],
  ['DUMMY_DATA', 32, 'DummyData'],
  ['EUCLIDEAN_LOSS', 7, 'EuclideanLoss'],
  ['ELTWISE', 25, 'Eltwise'],
  ['EXP', 38, 'Exp'],
  ['FLATTEN', 8, 'Flatten'],
  ['HDF5_DATA', 9, 'HDF5Data'],
  ['HDF5_OUTPUT', 10, 'HDF5Output'],
  ['HINGE_LOSS', 28, 'HingeLoss'],
  ['IM2COL', 11, 'Im2col'],
  ['IMAGE_DATA', 12, 'ImageData'],
  ['INFOGAIN_LOSS', 13, 'InfogainLoss'],
  ['INNER_PRODUCT', 14, 'InnerProduct'],
  ['LRN', 15, 'LRN'],
  ['MEMORY_DATA', 29, 'MemoryData'],
  ['MULTINOMIAL_LOGISTIC_LOSS', 16, 'MultinomialLogisticLoss'],
  ['MVN', 34, 'MVN'],
  ['POOLING', 17, 'Pooling'],
  ['POWER', 26, 'Power'],
  ['RELU', 18, 'ReLU'],
  ['SIGMOID', 19, 'Sigmoid'],
  ['SIGMOID_CROSS_ENTROPY_LOSS', 27, 'SigmoidCrossEntropyLoss'],
  ['SILENCE', 36, 'Silence'],
  ['SOFTMAX', 20, 'Softmax'],
  ['SOFTMAX_LOSS', 21, 'SoftmaxWithLoss'],
  ['SPLIT', 22, 'Split'],
  ['SLICE', 33, 'Slice'],
  ['TANH', 23, 'TanH'],
  ['WINDOW_DATA', 24, 'WindowData'],
  ['THRESHOLD', 31, 'Threshold'],
];

/**
 * Enum names facebook/C3D adds to the V1 LayerType (its caffe.proto), mapped to the type names
 * our ops use. Their numbers clash with BVLC's (CONVOLUTION3D = 30 = ARGMAX), so a type given as
 * a number is always read as BVLC's.
 */
const C3D_TYPES: readonly (readonly [name: string, current: string])[] = [
  ['CONVOLUTION3D', 'Convolution3D'],
  ['POOLING3D', 'Pooling3D'],
  ['VIDEO_DATA', 'C3DVideoData'],
];

const BY_NAME = new Map([...V1_TYPES.map(([name, , current]) => [name, current] as const), ...C3D_TYPES]);
const BY_NUMBER = new Map(V1_TYPES.map(([, value, current]) => [value, current]));

/** The current type name for a V1 enum name (`CONVOLUTION` → `Convolution`), or undefined when it is not one. */
export function v1TypeByName(name: string): string | undefined {
  return BY_NAME.get(name);
}

/** The current type name for a V1 enum number (4 → `Convolution`), or undefined. */
export function v1TypeByNumber(value: number): string | undefined {
  return BY_NUMBER.get(value);
}

/** Every V1 enum name with its current type name, for docs and tests. */
export function v1TypeTable(): readonly (readonly [string, number, string])[] {
  return V1_TYPES;
}
