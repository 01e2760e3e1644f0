import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../analysis';
import { analyzeText } from '../index';
import { parseParamStr } from './python-layers';

/**
 * py-faster-rcnn's Python layers, from its own sources (rbgirshick/py-faster-rcnn, as stored):
 * - lib/rpn/proposal_layer.py: setup reads param_str's 'feat_stride' (line 28) and reshapes rois
 *   to (1, 5) (line 40) and scores to (1, 1, 1, 1) (line 44); forward asserts a single image
 *   (line 60), keeps cfg[phase].RPN_POST_NMS_TOP_N proposals after NMS (line 65) and reshapes the
 *   tops to (R, 5) and (R, 1).
 * - lib/fast_rcnn/config.py: TEST.RPN_POST_NMS_TOP_N = 300, TRAIN.RPN_POST_NMS_TOP_N = 2000,
 *   TRAIN.BATCH_SIZE = 128 (line 47), TRAIN.SCALES = (600,) (line 38), TRAIN.MAX_SIZE = 1000
 *   (line 41), TRAIN.IMS_PER_BATCH = 2 (line 44).
 * - lib/rpn/anchor_target_layer.py setup: A = 9 anchors from generate_anchors(); tops
 *   (1, 1, A·H, W), (1, 4A, H, W) × 3 with H, W from bottom 0 (rpn_cls_score).
 * - lib/rpn/proposal_target_layer.py: 'num_classes' from param_str; forward samples
 *   rois_per_image = BATCH_SIZE rois: (R, 5), labels (R,), targets and weights (R, 4K).
 * - lib/roi_data_layer/layer.py setup: data (IMS_PER_BATCH, 3, max(SCALES), MAX_SIZE); with an
 *   RPN im_info (1, 3) and gt_boxes (1, 4).
 * The network below is the shape of models/pascal_voc/VGG16/faster_rcnn_end2end/test.prototxt
 * (RPN head, proposal layer, RoI pooling 7×7 at 1/16, fc6, classifier and box regressor), with
 * one stride-16 convolution standing in for VGG16's trunk; written here, not copied.
 */

const TEST_NET = `name: "faster_rcnn_test"
input: "data"
input_shape { dim: 1 dim: 3 dim: 600 dim: 1000 }
input: "im_info"
input_shape { dim: 1 dim: 3 }
layer { name: "trunk" type: "Convolution" bottom: "data" top: "conv5_3"
  convolution_param { num_output: 512 kernel_size: 16 stride: 16 } }
layer { name: "rpn_conv/3x3" type: "Convolution" bottom: "conv5_3" top: "rpn/output"
  convolution_param { num_output: 512 kernel_size: 3 pad: 1 stride: 1 } }
layer { name: "rpn_cls_score" type: "Convolution" bottom: "rpn/output" top: "rpn_cls_score"
  convolution_param { num_output: 18 kernel_size: 1 pad: 0 stride: 1 } }
layer { name: "rpn_bbox_pred" type: "Convolution" bottom: "rpn/output" top: "rpn_bbox_pred"
  convolution_param { num_output: 36 kernel_size: 1 pad: 0 stride: 1 } }
layer { bottom: "rpn_cls_score" top: "rpn_cls_score_reshape" name: "rpn_cls_score_reshape" type: "Reshape"
  reshape_param { shape { dim: 0 dim: 2 dim: -1 dim: 0 } } }
layer { name: "rpn_cls_prob" type: "Softmax" bottom: "rpn_cls_score_reshape" top: "rpn_cls_prob" }
layer { name: "rpn_cls_prob_reshape" type: "Reshape" bottom: "rpn_cls_prob" top: "rpn_cls_prob_reshape"
  reshape_param { shape { dim: 0 dim: 18 dim: -1 dim: 0 } } }
layer {
  name: 'proposal'
  type: 'Python'
  bottom: 'rpn_cls_prob_reshape'
  bottom: 'rpn_bbox_pred'
  bottom: 'im_info'
  top: 'rois'
  python_param {
    module: 'rpn.proposal_layer'
    layer: 'ProposalLayer'
    param_str: "'feat_stride': 16"
  }
}
layer { name: "roi_pool5" type: "ROIPooling" bottom: "conv5_3" bottom: "rois" top: "pool5"
  roi_pooling_param { pooled_w: 7 pooled_h: 7 spatial_scale: 0.0625 } }
layer { name: "fc6" type: "InnerProduct" bottom: "pool5" top: "fc6" inner_product_param { num_output: 4096 } }
layer { name: "cls_score" type: "InnerProduct" bottom: "fc6" top: "cls_score" inner_product_param { num_output: 21 } }
layer { name: "bbox_pred" type: "InnerProduct" bottom: "fc6" top: "bbox_pred" inner_product_param { num_output: 84 } }
layer { name: "cls_prob" type: "Softmax" bottom: "cls_score" top: "cls_prob" }
`;

function shape(r: AnalysisResult, name: string, top = 0): readonly number[] | null | undefined {
  return r.layers.find((l) => l.name === name)?.outputs[top];
}

describe('py-faster-rcnn Python layers: shapes from their own code', () => {
  it('rpn.proposal_layer gives 300 RoIs × 5 in TEST (cfg.TEST.RPN_POST_NMS_TOP_N), and the detector head follows', () => {
    const r = analyzeText(TEST_NET);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(shape(r, 'rpn_cls_score')).toEqual([1, 18, 37, 62]);
    expect(shape(r, 'rpn_cls_score_reshape')).toEqual([1, 2, 333, 62]);
    expect(shape(r, 'proposal')).toEqual([300, 5]);
    expect(shape(r, 'roi_pool5')).toEqual([300, 512, 7, 7]);
    expect(shape(r, 'fc6')).toEqual([300, 4096]);
    expect(shape(r, 'bbox_pred')).toEqual([300, 84]);
    // fc6 runs once per RoI: 300 × 25,088 × 4096 MACs.
    expect(r.layers.find((l) => l.name === 'fc6')!.macs).toBe(300 * 25_088 * 4096);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.span?.line}:${d.span?.column} ${d.message}`)).toEqual([
      'info 33:3 roi_pool5: roi_pooling_param is not a BVLC Caffe field: it comes from the py-faster-rcnn fork (rbgirshick/caffe-fast-rcnn) and is read as that fork defines it',
      'info 20:3 proposal: ProposalLayer keeps at most 300 proposals after NMS in phase TEST (py-faster-rcnn’s cfg.TEST.RPN_POST_NMS_TOP_N); the shapes use that upper bound',
    ]);
  });

  it('in phase TRAIN the proposal layer keeps 2000 (cfg.TRAIN.RPN_POST_NMS_TOP_N)', () => {
    const r = analyzeText(TEST_NET, { phase: 'TRAIN' });
    expect(shape(r, 'proposal')).toEqual([2000, 5]);
  });

  it('the proposal layer asserts a single image: a batch of 2 is an error at the layer', () => {
    const r = analyzeText(TEST_NET, { batch: 2 });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'proposal: ProposalLayer supports a single image (its bottom 0 is 2×18×37×62; py-faster-rcnn asserts shape[0] == 1)',
    ]);
  });

  it('the training layers: RoIDataLayer, AnchorTargetLayer, ProposalTargetLayer', () => {
    const train = `layer { name: 'input-data' type: 'Python' top: 'data' top: 'im_info' top: 'gt_boxes'
  python_param { module: 'roi_data_layer.layer' layer: 'RoIDataLayer' param_str: "'num_classes': 21" } }
layer { name: "trunk" type: "Convolution" bottom: "data" top: "conv5_3" convolution_param { num_output: 512 kernel_size: 16 stride: 16 } }
layer { name: "rpn_cls_score" type: "Convolution" bottom: "conv5_3" top: "rpn_cls_score" convolution_param { num_output: 18 kernel_size: 1 } }
layer { name: 'rpn-data' type: 'Python' bottom: 'rpn_cls_score' bottom: 'gt_boxes' bottom: 'im_info' bottom: 'data'
  top: 'rpn_labels' top: 'rpn_bbox_targets' top: 'rpn_bbox_inside_weights' top: 'rpn_bbox_outside_weights'
  python_param { module: 'rpn.anchor_target_layer' layer: 'AnchorTargetLayer' param_str: "'feat_stride': 16" } }
layer { name: 'roi-data' type: 'Python' bottom: 'rpn_rois' bottom: 'gt_boxes'
  top: 'rois' top: 'labels' top: 'bbox_targets' top: 'bbox_inside_weights' top: 'bbox_outside_weights'
  python_param { module: 'rpn.proposal_target_layer' layer: 'ProposalTargetLayer' param_str: "'num_classes': 21" } }
layer { name: "rois_in" type: "Input" top: "rpn_rois" input_param { shape { dim: 2000 dim: 5 } } }`;
    const r = analyzeText(train, { phase: 'TRAIN' });
    const tops = (name: string) => r.layers.find((l) => l.name === name)!.outputs;
    // roi_data_layer: 1 image (end-to-end RPN config) of 600 × 1000 pixels at most.
    expect(tops('input-data')).toEqual([
      [1, 3, 600, 1000],
      [1, 3],
      [1, 4],
    ]);
    expect(shape(r, 'rpn_cls_score')).toEqual([1, 18, 37, 62]);
    // A = 9: labels 1×1×(9·37)×62, targets and weights 1×36×37×62.
    expect(tops('rpn-data')).toEqual([
      [1, 1, 333, 62],
      [1, 36, 37, 62],
      [1, 36, 37, 62],
      [1, 36, 37, 62],
    ]);
    expect(tops('roi-data')).toEqual([[128, 5], [128], [128, 84], [128, 84], [128, 84]]);
  });

  it('any other Python module is user code: its outputs are unknown, and a warning says how to declare them', () => {
    const r = analyzeText(
      'input: "x"\ninput_shape { dim: 1 dim: 4 }\nlayer { name: "mine" type: "Python" bottom: "x" top: "y" python_param { module: "my.layers" layer: "Magic" } }',
    );
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'mine: Python layer my.layers.Magic runs user code: its outputs are unknown unless declared (--input TOP=DIMS)',
    ]);
    expect(shape(r, 'mine')).toBeNull();
  });

  it('reads param_str as its layers do (a YAML / Python dict)', () => {
    expect(parseParamStr("'feat_stride': 16")).toEqual(new Map([['feat_stride', 16]]));
    expect(parseParamStr("{'num_classes': 21, 'scales': [8, 16, 32]}")).toEqual(
      new Map<string, number | number[]>([
        ['num_classes', 21],
        ['scales', [8, 16, 32]],
      ]),
    );
    expect(parseParamStr('nothing here')).toEqual(new Map());
  });
});
