/**
 * Generators for the BN-era ImageNet models, from the papers' architecture tables:
 * ResNet-50 v1 (He et al. 2015, Table 1), MobileNet v1 1.0-224 (Howard et al. 2017,
 * Table 1) and ShuffleNet v1 1× g=3 (Zhang et al. 2017, Table 1). Every convolution is
 * followed by the Caffe BatchNorm + Scale pair and has no bias of its own.
 */
import { NetWriter } from './prototxt-writer';

/** Conv (no bias) → BatchNorm → Scale [→ ReLU]; returns the top. */
function convBn(
  w: NetWriter,
  name: string,
  bottom: string,
  spec: { out: number; k: number; stride?: number; pad?: number; group?: number },
  names: { bn: string; scale: string; relu?: string },
): string {
  const x = w.bnScale(names.bn, names.scale, w.conv(name, bottom, { ...spec, bias: false }));
  return names.relu ? w.relu(names.relu, x) : x;
}

/** ResNet-50 v1: bottleneck blocks [3, 4, 6, 3], the stride-2 on the first 1×1 as in the original Caffe release. */
export function resnet50(): string {
  const w = new NetWriter('ResNet-50', [
    'ResNet-50 v1 (He et al. 2015, Table 1): bottleneck blocks 1x1 reduce -> 3x3 -> 1x1 expand',
    'with identity shortcuts; a projection shortcut (res*a_branch1) where the shape changes.',
    'v1 puts the stride 2 on the first 1x1 (torchvision "v1.5" moves it to the 3x3).',
  ]);
  const cbn = (name: string, bottom: string, spec: Parameters<typeof convBn>[3], relu: boolean): string => {
    const suffix = name.replace(/^res/, '').replace(/^conv/, 'conv');
    return convBn(w, name, bottom, spec, {
      bn: `bn${suffix}`,
      scale: `scale${suffix}`,
      relu: relu ? `${name}_relu` : undefined,
    });
  };
  let x = w.input('data', [1, 3, 224, 224]);
  x = convBn(
    w,
    'conv1',
    x,
    { out: 64, k: 7, stride: 2, pad: 3 },
    { bn: 'bn_conv1', scale: 'scale_conv1', relu: 'conv1_relu' },
  );
  x = w.pool('pool1', x, { method: 'MAX', k: 3, stride: 2 });
  const stages: readonly (readonly [number, number, number])[] = [
    [2, 3, 64],
    [3, 4, 128],
    [4, 6, 256],
    [5, 3, 512],
  ];
  for (const [stage, blocks, width] of stages) {
    w.comment(`conv${stage}_x: ${blocks} bottleneck blocks [1x1 ${width}, 3x3 ${width}, 1x1 ${width * 4}]`);
    for (let b = 0; b < blocks; b++) {
      const id = `res${stage}${String.fromCharCode(97 + b)}`;
      const stride = b === 0 && stage > 2 ? 2 : 1;
      const shortcut = b === 0 ? cbn(`${id}_branch1`, x, { out: width * 4, k: 1, stride }, false) : x;
      let y = cbn(`${id}_branch2a`, x, { out: width, k: 1, stride }, true);
      y = cbn(`${id}_branch2b`, y, { out: width, k: 3, pad: 1 }, true);
      y = cbn(`${id}_branch2c`, y, { out: width * 4, k: 1 }, false);
      x = w.relu(`${id}_relu`, w.sum(id, [shortcut, y]));
    }
  }
  x = w.pool('pool5', x, { method: 'AVE', k: 7, stride: 1 });
  x = w.fc('fc1000', x, 1000);
  w.layer({ name: 'prob', type: 'Softmax', bottom: x, top: 'prob' });
  return w.text();
}

/** MobileNet v1 1.0-224: a 3×3 conv, then 13 depthwise-separable blocks (depthwise 3×3 + pointwise 1×1). */
export function mobilenetV1(): string {
  const w = new NetWriter('MobileNet-v1', [
    'MobileNet v1, width 1.0, 224x224 (Howard et al. 2017, Table 1). Each block is a 3x3',
    'depthwise conv (group = channels: one filter per channel) and a 1x1 pointwise conv;',
    'together ~8-9x cheaper than a full 3x3 conv. The classifier is a 1x1 conv after global pooling.',
  ]);
  const cbn = (name: string, bottom: string, spec: Parameters<typeof convBn>[3]): string =>
    convBn(w, name, bottom, spec, { bn: `${name}/bn`, scale: `${name}/scale`, relu: `relu${name.slice(4)}` });
  let x = w.input('data', [1, 3, 224, 224]);
  x = cbn('conv1', x, { out: 32, k: 3, stride: 2, pad: 1 });
  // [output channels, depthwise stride] of the 13 separable blocks.
  const blocks: readonly (readonly [number, number])[] = [
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
    [256, 1],
    [512, 2],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [1024, 2],
    [1024, 1],
  ];
  let c = 32;
  blocks.forEach(([out, stride], i) => {
    const n = i + 2;
    w.comment(`separable block ${i + 1}: dw 3x3/${stride} on ${c} channels, then pw 1x1 -> ${out}`);
    x = cbn(`conv${n}_1/dw`, x, { out: c, k: 3, stride, pad: 1, group: c });
    x = cbn(`conv${n}_2/sep`, x, { out, k: 1 });
    c = out;
  });
  x = w.pool('pool6', x, { method: 'AVE', global: true });
  x = w.conv('fc7', x, { out: 1000, k: 1 });
  w.layer({ name: 'prob', type: 'Softmax', bottom: x, top: 'prob' });
  return w.text();
}

/** ShuffleNet v1 1× with g = 3: stages of [4, 8, 4] units, 240/480/960 output channels. */
export function shufflenetG3(): string {
  const g = 3;
  const w = new NetWriter('ShuffleNet-1x-g3', [
    'ShuffleNet v1 1x, g = 3 (Zhang et al. 2017, Table 1; unit of Fig. 2). A unit is a grouped',
    '1x1 conv -> channel shuffle -> 3x3 depthwise conv -> grouped 1x1 conv. The shuffle lets',
    'the next grouped conv see channels from every group, at no multiply cost. Stride-2 units',
    'concatenate a 3x3 average-pooled shortcut instead of adding it. Bottleneck = output / 4.',
  ]);
  let x = w.input('data', [1, 3, 224, 224]);
  x = convBn(
    w,
    'conv1',
    x,
    { out: 24, k: 3, stride: 2, pad: 1 },
    { bn: 'conv1_bn', scale: 'conv1_scale', relu: 'conv1_relu' },
  );
  // Caffe pooling rounds up; with pad 0 the windows line up with the stride-2 convs (112 → 56).
  x = w.pool('pool1', x, { method: 'MAX', k: 3, stride: 2 });
  let c = 24;
  const stages: readonly (readonly [number, number])[] = [
    [240, 4],
    [480, 8],
    [960, 4],
  ];
  stages.forEach(([out, repeats], s) => {
    w.comment(`stage ${s + 2}: ${repeats} units, ${out} output channels`);
    for (let u = 0; u < repeats; u++) {
      const id = `stage${s + 2}_${u + 1}`;
      const down = u === 0;
      const mid = out / 4;
      // The very first 1×1 sees only 24 channels: the paper does not group it.
      const g1 = s === 0 && u === 0 ? 1 : g;
      const branchOut = down ? out - c : out;
      const bn = (n: string): { bn: string; scale: string } => ({ bn: `${n}_bn`, scale: `${n}_scale` });
      let y = convBn(
        w,
        `${id}/gconv1`,
        x,
        { out: mid, k: 1, group: g1 },
        { ...bn(`${id}/gconv1`), relu: `${id}/gconv1_relu` },
      );
      w.layer({
        name: `${id}/shuffle`,
        type: 'ShuffleChannel',
        bottom: y,
        top: `${id}/shuffle`,
        shuffle_channel_param: { group: g },
      });
      y = convBn(
        w,
        `${id}/dwconv`,
        `${id}/shuffle`,
        { out: mid, k: 3, stride: down ? 2 : 1, pad: 1, group: mid },
        bn(`${id}/dwconv`),
      );
      y = convBn(w, `${id}/gconv2`, y, { out: branchOut, k: 1, group: g }, bn(`${id}/gconv2`));
      if (down) {
        const sc = w.pool(`${id}/shortcut`, x, { method: 'AVE', k: 3, stride: 2 });
        x = w.concat(`${id}/concat`, [sc, y]);
      } else {
        x = w.sum(`${id}/add`, [x, y]);
      }
      x = w.relu(`${id}/relu`, x);
      c = out;
    }
  });
  x = w.pool('pool_ave', x, { method: 'AVE', global: true });
  x = w.fc('fc1000', x, 1000);
  w.layer({ name: 'prob', type: 'Softmax', bottom: x, top: 'prob' });
  return w.text();
}
