import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../analysis';
import { analyzeText } from '../index';

/**
 * Facebook's C3D fork, from its own sources (facebookarchive/C3D, as stored):
 * - src/caffe/proto/caffe.proto: the V1 `layers` format with LayerType CONVOLUTION3D = 30,
 *   POOLING3D = 31, VIDEO_DATA = 33, ConvolutionParameter kernel_depth = 6, temporal_stride = 8,
 *   filter_group = 11, temporal_pad = 12, PoolingParameter kernel_depth = 5, temporal_stride = 6,
 *   ImageDataParameter new_length = 11.
 * - src/caffe/layers/convolution3d_layer.cpp SetUp (lines 28-71): length_out =
 *   (length + 2·temporal_pad − kernel_depth) / temporal_stride + 1 and height_out / width_out
 *   likewise with pad / stride (integer division, line 54-56); K_ = channels·kd·k·k (line 67):
 *   filter_group splits the filters only; weights num_output × channels × kd × k × k, bias 1 per
 *   output; CHECK_EQ(num_output % filter_group, 0) (line 49).
 * - src/caffe/layers/pool3d_layer.cpp SetUp: pooled_height = ceil((height + 2·pad − kernel_size)
 *   / stride) + 1, pooled_length = ceil((length − kernel_depth) / temporal_stride) + 1, no
 *   clipping; padding only with AVE (CHECK_EQ pool AVE); STOCHASTIC is NOT_IMPLEMENTED.
 * - src/caffe/layers/video_data_layer.cpp SetUp: top 0 is batch_size × channels × new_length ×
 *   crop_size × crop_size (all from image_data_param), top 1 batch_size × 1 × 1 × 1 × 1.
 * The network is C3D's published architecture (Tran et al. 2015: 8 convs 3×3×3, pool1 1×2×2,
 * the other pools 2×2×2, fc6/fc7 4096), written here in that fork's dialect.
 */

const convL = (name: string, bottom: string, out: number) => `layers {
  name: "${name}" type: CONVOLUTION3D bottom: "${bottom}" top: "${name}"
  blobs_lr: 1 blobs_lr: 2 weight_decay: 1 weight_decay: 0
  convolution_param { num_output: ${out} kernel_size: 3 kernel_depth: 3 pad: 1 temporal_pad: 1
    weight_filler { type: "gaussian" std: 0.01 } bias_filler { type: "constant" value: 1 } }
}
layers { name: "relu_${name}" type: RELU bottom: "${name}" top: "${name}" }`;

const poolL = (name: string, bottom: string, kd: number) => `layers {
  name: "${name}" type: POOLING3D bottom: "${bottom}" top: "${name}"
  pooling_param { pool: MAX kernel_size: 2 kernel_depth: ${kd} stride: 2 temporal_stride: ${kd} }
}`;

const C3D = [
  'name: "C3D-Sports1M"',
  `layers {
  name: "data" type: VIDEO_DATA top: "data" top: "label"
  image_data_param { source: "clips.txt" use_image: true mean_file: "mean.binaryproto"
    batch_size: 50 crop_size: 112 mirror: false new_height: 128 new_width: 171 new_length: 16 shuffle: false }
}`,
  convL('conv1a', 'data', 64),
  poolL('pool1', 'conv1a', 1),
  convL('conv2a', 'pool1', 128),
  poolL('pool2', 'conv2a', 2),
  convL('conv3a', 'pool2', 256),
  convL('conv3b', 'conv3a', 256),
  poolL('pool3', 'conv3b', 2),
  convL('conv4a', 'pool3', 512),
  convL('conv4b', 'conv4a', 512),
  poolL('pool4', 'conv4b', 2),
  convL('conv5a', 'pool4', 512),
  convL('conv5b', 'conv5a', 512),
  poolL('pool5', 'conv5b', 2),
  'layers { name: "fc6" type: INNER_PRODUCT bottom: "pool5" top: "fc6" inner_product_param { num_output: 4096 } }',
  'layers { name: "fc7" type: INNER_PRODUCT bottom: "fc6" top: "fc7" inner_product_param { num_output: 4096 } }',
  'layers { name: "fc8" type: INNER_PRODUCT bottom: "fc7" top: "fc8" inner_product_param { num_output: 487 } }',
  'layers { name: "prob" type: SOFTMAX bottom: "fc8" top: "prob" }',
].join('\n');

function row(r: AnalysisResult, name: string) {
  const l = r.layers.find((x) => x.name === name);
  if (!l) throw new Error(`no layer ${name}`);
  return l;
}

describe('C3D (facebook/C3D): VIDEO_DATA, CONVOLUTION3D, POOLING3D in the V1 format', () => {
  const r = analyzeText(C3D);

  it('reads the file with no error; one note names the fork, one warning the assumed channels', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'info').map((d) => d.message)).toEqual([
      'data: type: VIDEO_DATA is not a BVLC Caffe value: it comes from the C3D fork (facebook/C3D, V1 format with 3-D layers)',
    ]);
    expect(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)).toEqual([
      'layer "data" (C3D VIDEO_DATA): input shape 50×3×16×112×112 for top "data" is inferred from batch_size, new_length and crop_size; channels are assumed to be 3; if that is wrong, set it with --input data=NxCxHxW or the input-shape control',
    ]);
    expect(r.graph.nodes.slice(0, 3).map((n) => [n.type, n.sourceType])).toEqual([
      ['C3DVideoData', 'VIDEO_DATA'],
      ['Convolution3D', 'CONVOLUTION3D'],
      ['ReLU', 'RELU'],
    ]);
  });

  it('gives every blob the shape C3D’s layer code gives it (per clip: batch 1)', () => {
    expect(r.declaredBatch).toBe(50);
    expect(r.batch).toBe(1);
    const shapes = Object.fromEntries(r.layers.map((l) => [l.name, l.outputs[0]]));
    expect(shapes).toMatchObject({
      data: [1, 3, 16, 112, 112],
      conv1a: [1, 64, 16, 112, 112],
      pool1: [1, 64, 16, 56, 56], // kernel_depth 1: the 16 frames are kept
      conv2a: [1, 128, 16, 56, 56],
      pool2: [1, 128, 8, 28, 28],
      conv3b: [1, 256, 8, 28, 28],
      pool3: [1, 256, 4, 14, 14],
      pool4: [1, 512, 2, 7, 7],
      conv5b: [1, 512, 2, 7, 7],
      // ceil((7 − 2) / 2) + 1 = 4 and ceil((2 − 2) / 2) + 1 = 1: the 8192 values fc6 reads.
      pool5: [1, 512, 1, 4, 4],
      fc6: [1, 4096],
      prob: [1, 487],
    });
    expect(row(r, 'data').outputs[1]).toEqual([1, 1, 1, 1, 1]);
  });

  it('counts params and MACs of the 3-D convolutions exactly: 38.5 G MACs per clip', () => {
    // conv1a: 64 filters of 3 × 3×3×3 (+64 bias); 64·16·112·112 outputs × 81 MACs.
    expect([row(r, 'conv1a').params, row(r, 'conv1a').macs]).toEqual([5_248, 1_040_449_536]);
    expect([row(r, 'conv2a').params, row(r, 'conv2a').macs]).toEqual([221_312, 11_098_128_384]);
    expect([row(r, 'conv5b').params, row(r, 'conv5b').macs]).toEqual([7_078_400, 693_633_024]);
    expect(row(r, 'fc6').params).toBe(8192 * 4096 + 4096);
    // FLOPs: 2·MACs + one bias add per output.
    expect(row(r, 'conv1a').flops).toBe(2 * 1_040_449_536 + 64 * 16 * 112 * 112);
    // MAX pooling: kd·k² − 1 compares per output (pool2: 2·2·2 − 1 = 7).
    expect(row(r, 'pool2').flops).toBe(128 * 8 * 28 * 28 * 7);
    expect(r.totals.params).toBe(79_991_015);
    expect(r.totals.macs).toBe(38_548_959_232);
  });

  it('follows the receptive field through the temporal axis', () => {
    // Time: pool1 does not pool it, so conv1a's 3 frames + 2 for conv2a = 5. Space: 3 → 4 after
    // the 2/2 pool (jump 2) → 4 + 2·2 = 8 after conv2a.
    expect(row(r, 'conv2a').receptiveField?.map((a) => a.size)).toEqual([5, 8, 8]);
  });
});

describe('C3D layers refuse what C3D’s code refuses', () => {
  const head = 'input: "clip"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 16 dim: 16 }\n';
  const one = (text: string) =>
    analyzeText(head + text)
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.message);

  it('padding with MAX pooling, STOCHASTIC pooling, 4-D blobs, filter_group not dividing num_output', () => {
    expect(
      one(
        'layers { name: "p" type: POOLING3D bottom: "clip" top: "p" pooling_param { pool: MAX kernel_size: 2 kernel_depth: 2 pad: 1 } }',
      ),
    ).toEqual(['p: padding is implemented only for AVE pooling in C3D’s Pooling3D']);
    expect(
      one(
        'layers { name: "p" type: POOLING3D bottom: "clip" top: "p" pooling_param { pool: STOCHASTIC kernel_size: 2 kernel_depth: 2 } }',
      ),
    ).toEqual(['p: STOCHASTIC pooling is not implemented by C3D’s Pooling3D']);
    expect(
      one(
        'layers { name: "c" type: CONVOLUTION3D bottom: "clip" top: "c" convolution_param { num_output: 10 kernel_size: 3 kernel_depth: 3 filter_group: 4 } }',
      ),
    ).toEqual(['c: num_output 10 is not divisible by filter_group 4']);
    const flat = analyzeText(
      'input: "im"\ninput_shape { dim: 1 dim: 3 dim: 16 dim: 16 }\nlayers { name: "c" type: CONVOLUTION3D bottom: "im" top: "c" convolution_param { num_output: 4 kernel_size: 3 kernel_depth: 1 } }',
    );
    expect(flat.diagnostics.map((d) => d.message)).toContain(
      'c: input 1×3×16×16 has 4 axes; C3D blobs are 5-D (num, channels, length, height, width)',
    );
  });

  it('AVE pooling with padding, and filter_group that only splits the work', () => {
    const r = analyzeText(
      head +
        'layers { name: "p" type: POOLING3D bottom: "clip" top: "p" pooling_param { pool: AVE kernel_size: 3 kernel_depth: 3 stride: 2 temporal_stride: 2 pad: 1 } }\n' +
        'layers { name: "c" type: CONVOLUTION3D bottom: "clip" top: "c" convolution_param { num_output: 8 kernel_size: 3 kernel_depth: 3 filter_group: 2 bias_term: false } }',
    );
    // H: ceil((16 + 2 − 3) / 2) + 1 = 9 (no clip); L: ceil((8 − 3) / 2) + 1 = 4 (no temporal pad).
    expect(row(r, 'p').outputs[0]).toEqual([1, 3, 4, 9, 9]);
    // Every one of the 8 filters sees all 3 channels: 8·3·27 weights, 8·6·14·14 outputs × 81 MACs.
    expect([row(r, 'c').outputs[0], row(r, 'c').params, row(r, 'c').macs]).toEqual([
      [1, 8, 6, 14, 14],
      648,
      8 * 6 * 14 * 14 * 81,
    ]);
  });
});
