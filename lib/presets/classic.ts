/**
 * Generators for the pre-BN ImageNet classics, written from the papers' architecture
 * tables: AlexNet (Krizhevsky et al. 2012, BVLC grouped variant), VGG-16 (Simonyan &
 * Zisserman 2014, configuration D), GoogLeNet (Szegedy et al. 2014, Table 1) and
 * SqueezeNet 1.1 (Iandola et al. 2016, v1.1 README).
 */
import { NetWriter } from './prototxt-writer';

/** AlexNet as trained by BVLC: 227×227 input, conv2/4/5 split in two groups (the paper's two GPUs). */
export function alexnet(): string {
  const w = new NetWriter('AlexNet', [
    'AlexNet (Krizhevsky, Sutskever & Hinton 2012), BVLC reference layout: 227x227 input,',
    "conv2, conv4 and conv5 use group: 2 (each half of the filters saw one GPU's channels),",
    'which halves their weights and MACs. Batch 1, deploy (no loss layer).',
  ]);
  let x = w.input('data', [1, 3, 227, 227]);
  const lrn = (name: string, bottom: string): string => {
    w.layer({ name, type: 'LRN', bottom, top: name, lrn_param: { local_size: 5, alpha: 0.0001, beta: 0.75 } });
    return name;
  };
  x = w.relu('relu1', w.conv('conv1', x, { out: 96, k: 11, stride: 4 }));
  x = w.pool('pool1', lrn('norm1', x), { method: 'MAX', k: 3, stride: 2 });
  x = w.relu('relu2', w.conv('conv2', x, { out: 256, k: 5, pad: 2, group: 2 }));
  x = w.pool('pool2', lrn('norm2', x), { method: 'MAX', k: 3, stride: 2 });
  x = w.relu('relu3', w.conv('conv3', x, { out: 384, k: 3, pad: 1 }));
  x = w.relu('relu4', w.conv('conv4', x, { out: 384, k: 3, pad: 1, group: 2 }));
  x = w.relu('relu5', w.conv('conv5', x, { out: 256, k: 3, pad: 1, group: 2 }));
  x = w.pool('pool5', x, { method: 'MAX', k: 3, stride: 2 });
  for (const i of [6, 7]) {
    x = w.relu(`relu${i}`, w.fc(`fc${i}`, x, 4096));
    w.layer({ name: `drop${i}`, type: 'Dropout', bottom: x, top: x, dropout_param: { dropout_ratio: 0.5 } });
  }
  x = w.fc('fc8', x, 1000);
  w.layer({ name: 'prob', type: 'Softmax', bottom: x, top: 'prob' });
  return w.text();
}

/** VGG-16 (configuration D): thirteen 3×3 convs in five stages, three FC layers. */
export function vgg16(): string {
  const w = new NetWriter('VGG_ILSVRC_16_layers', [
    'VGG-16, configuration D of Simonyan & Zisserman 2014 (Table 1): stacks of 3x3 convs,',
    'stride 1, pad 1, 2x2 max pooling between stages; 224x224 input.',
  ]);
  let x = w.input('data', [1, 3, 224, 224]);
  const stages: readonly (readonly [number, number])[] = [
    [2, 64],
    [2, 128],
    [3, 256],
    [3, 512],
    [3, 512],
  ];
  stages.forEach(([n, c], s) => {
    w.comment(`stage ${s + 1}: ${n} x conv3-${c}`);
    for (let i = 1; i <= n; i++) {
      const name = `conv${s + 1}_${i}`;
      x = w.relu(`relu${s + 1}_${i}`, w.conv(name, x, { out: c, k: 3, pad: 1 }));
    }
    x = w.pool(`pool${s + 1}`, x, { method: 'MAX', k: 2, stride: 2 });
  });
  for (const i of [6, 7]) {
    x = w.relu(`relu${i}`, w.fc(`fc${i}`, x, 4096));
    w.layer({ name: `drop${i}`, type: 'Dropout', bottom: x, top: x, dropout_param: { dropout_ratio: 0.5 } });
  }
  x = w.fc('fc8', x, 1000);
  w.layer({ name: 'prob', type: 'Softmax', bottom: x, top: 'prob' });
  return w.text();
}

/** One GoogLeNet inception module: [#1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj]. */
type InceptionRow = readonly [string, number, number, number, number, number, number];

// Szegedy et al. 2014, Table 1.
const GOOGLENET_TABLE: readonly (InceptionRow | 'pool')[] = [
  ['3a', 64, 96, 128, 16, 32, 32],
  ['3b', 128, 128, 192, 32, 96, 64],
  'pool',
  ['4a', 192, 96, 208, 16, 48, 64],
  ['4b', 160, 112, 224, 24, 64, 64],
  ['4c', 128, 128, 256, 24, 64, 64],
  ['4d', 112, 144, 288, 32, 64, 64],
  ['4e', 256, 160, 320, 32, 128, 128],
  'pool',
  ['5a', 256, 160, 320, 32, 128, 128],
  ['5b', 384, 192, 384, 48, 128, 128],
];

/** GoogLeNet (Inception v1) without the auxiliary classifiers, as in a deploy file. */
export function googlenet(): string {
  const w = new NetWriter('GoogleNet', [
    'GoogLeNet / Inception v1 (Szegedy et al. 2014, Table 1), deploy form: the two auxiliary',
    'classifiers only exist for training and are left out. Each inception module runs 1x1,',
    '3x3 and 5x5 branches side by side; the 1x1 "reduce" convs in front of the 3x3 and 5x5',
    'are the bottlenecks that keep the cost down (see the "1x1 bottleneck" demo).',
  ]);
  let x = w.input('data', [1, 3, 224, 224]);
  const lrn = (name: string, bottom: string): string => {
    w.layer({ name, type: 'LRN', bottom, top: name, lrn_param: { local_size: 5, alpha: 0.0001, beta: 0.75 } });
    return name;
  };
  x = w.relu('conv1/relu_7x7', w.conv('conv1/7x7_s2', x, { out: 64, k: 7, stride: 2, pad: 3 }));
  x = lrn('pool1/norm1', w.pool('pool1/3x3_s2', x, { method: 'MAX', k: 3, stride: 2 }));
  x = w.relu('conv2/relu_3x3_reduce', w.conv('conv2/3x3_reduce', x, { out: 64, k: 1 }));
  x = w.relu('conv2/relu_3x3', w.conv('conv2/3x3', x, { out: 192, k: 3, pad: 1 }));
  x = w.pool('pool2/3x3_s2', lrn('conv2/norm2', x), { method: 'MAX', k: 3, stride: 2 });
  let poolIndex = 3;
  for (const row of GOOGLENET_TABLE) {
    if (row === 'pool') {
      x = w.pool(`pool${poolIndex}/3x3_s2`, x, { method: 'MAX', k: 3, stride: 2 });
      poolIndex++;
      continue;
    }
    const [id, c1, r3, c3, r5, c5, pp] = row;
    const p = `inception_${id}`;
    const cr = (suffix: string, bottom: string, out: number, k: number): string =>
      w.relu(`${p}/relu_${suffix}`, w.conv(`${p}/${suffix}`, bottom, { out, k, pad: (k - 1) / 2 }));
    w.comment(`inception ${id}: 1x1 ${c1}; 3x3 ${r3}->${c3}; 5x5 ${r5}->${c5}; pool proj ${pp}`);
    const b1 = cr('1x1', x, c1, 1);
    const b3 = cr('3x3', cr('3x3_reduce', x, r3, 1), c3, 3);
    const b5 = cr('5x5', cr('5x5_reduce', x, r5, 1), c5, 5);
    const bp = cr('pool_proj', w.pool(`${p}/pool`, x, { method: 'MAX', k: 3, stride: 1, pad: 1 }), pp, 1);
    x = w.concat(`${p}/output`, [b1, b3, b5, bp]);
  }
  x = w.pool('pool5/7x7_s1', x, { method: 'AVE', k: 7, stride: 1 });
  w.layer({ name: 'pool5/drop_7x7_s1', type: 'Dropout', bottom: x, top: x, dropout_param: { dropout_ratio: 0.4 } });
  x = w.fc('loss3/classifier', x, 1000);
  w.layer({ name: 'prob', type: 'Softmax', bottom: x, top: 'prob' });
  return w.text();
}

/** SqueezeNet 1.1: fire modules (1×1 squeeze, then 1×1 and 3×3 expand, concatenated). */
export function squeezenet11(): string {
  const w = new NetWriter('SqueezeNet_v1.1', [
    'SqueezeNet v1.1 (Iandola et al. 2016; v1.1 README): AlexNet-level accuracy with ~1.2 M',
    'parameters. A fire module squeezes with 1x1 convs, then expands with parallel 1x1 and',
    '3x3 convs. v1.1 starts with a 3x3/64 conv and pools earlier than v1.0: 2.4x less compute.',
  ]);
  let x = w.input('data', [1, 3, 227, 227]);
  x = w.relu('relu_conv1', w.conv('conv1', x, { out: 64, k: 3, stride: 2 }));
  x = w.pool('pool1', x, { method: 'MAX', k: 3, stride: 2 });
  const fire = (i: number, s: number, e: number): void => {
    const p = `fire${i}`;
    const sq = w.relu(`${p}/relu_squeeze1x1`, w.conv(`${p}/squeeze1x1`, x, { out: s, k: 1 }));
    const e1 = w.relu(`${p}/relu_expand1x1`, w.conv(`${p}/expand1x1`, sq, { out: e, k: 1 }));
    const e3 = w.relu(`${p}/relu_expand3x3`, w.conv(`${p}/expand3x3`, sq, { out: e, k: 3, pad: 1 }));
    x = w.concat(`${p}/concat`, [e1, e3]);
  };
  fire(2, 16, 64);
  fire(3, 16, 64);
  x = w.pool('pool3', x, { method: 'MAX', k: 3, stride: 2 });
  fire(4, 32, 128);
  fire(5, 32, 128);
  x = w.pool('pool5', x, { method: 'MAX', k: 3, stride: 2 });
  fire(6, 48, 192);
  fire(7, 48, 192);
  fire(8, 64, 256);
  fire(9, 64, 256);
  w.layer({ name: 'drop9', type: 'Dropout', bottom: x, top: x, dropout_param: { dropout_ratio: 0.5 } });
  x = w.relu('relu_conv10', w.conv('conv10', x, { out: 1000, k: 1 }));
  x = w.pool('pool10', x, { method: 'AVE', global: true });
  w.layer({ name: 'prob', type: 'Softmax', bottom: x, top: 'prob' });
  return w.text();
}
