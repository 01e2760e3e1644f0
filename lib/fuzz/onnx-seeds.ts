import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusAvailable, MODELS_DIR } from '../testing/corpus';
import { buildModel, node } from '../testing/onnx-build';
import { TESTDATA_DIR } from '../testing/onnx-testdata';

/** Control flow, sequences and symbolic dims from ONNX's own test data, when installed. */
const TESTDATA_SEEDS = [
  'node/test_loop11',
  'node/test_loop13_seq',
  'node/test_scan9_sum',
  'node/test_scan_sum',
  'node/test_if_seq',
  'node/test_range_float_type_positive_delta_expanded',
  'node/test_nonmaxsuppression_two_batches',
  'node/test_einsum_batch_matmul',
  'node/test_lstm_with_peepholes',
  'node/test_resize_upsample_sizes_cubic',
];

/**
 * Valid ONNX models to damage: two written here (symbolic dims, an If with a Loop inside, so the
 * format has seeds without any corpus), the light model-zoo files, and control-flow models of
 * libonnx-testdata.
 */
export function onnxSeeds(): { name: string; input: Uint8Array }[] {
  const loopBody = {
    inputs: ['int64[] i', 'bool[] c', 'float[N,4] acc'],
    outputs: ['bool[] c2', 'float[N,4] acc2'],
    nodes: [node('Identity', ['c'], ['c2']), node('Add', ['acc', 'x'], ['acc2'])],
  };
  const out = [
    {
      name: 'built:conv-symbolic',
      input: buildModel({
        inputs: ['float[N,3,H,W] x'],
        outputs: ['float[N,8,?,?] y'],
        nodes: [
          node('Conv', ['x', 'w', 'b'], ['c'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
          node('Relu', ['c'], ['r']),
          node('Shape', ['r'], ['s']),
          node('Reshape', ['r', 's'], ['y']),
        ],
        initializers: [
          { name: 'w', dtype: 'float', dims: [8, 3, 3, 3], rawBytes: 864 },
          { name: 'b', dtype: 'float', dims: [8], values: [0, 0, 0, 0, 0, 0, 0, 0] },
        ],
      }),
    },
    {
      name: 'built:if-loop',
      input: buildModel({
        inputs: ['bool[] c', 'float[N,4] x'],
        outputs: ['float[N,4] y'],
        nodes: [
          node('If', ['c'], ['y'], {
            then_branch: {
              graph: {
                inputs: [],
                outputs: ['float[N,4] t'],
                nodes: [node('Loop', ['m', '', 'x'], ['t'], { body: { graph: loopBody } })],
                initializers: [{ name: 'm', dtype: 'int64', dims: [], values: [3] }],
              },
            },
            else_branch: { graph: { inputs: [], outputs: ['float[N,4] e'], nodes: [node('Neg', ['x'], ['e'])] } },
          }),
        ],
      }),
    },
  ];
  if (corpusAvailable()) {
    const dir = path.join(MODELS_DIR, 'onnx');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.onnx')))
      out.push({ name: f, input: readFileSync(path.join(dir, f)) });
  }
  for (const id of TESTDATA_SEEDS) {
    const file = path.join(TESTDATA_DIR, id, 'model.onnx');
    if (existsSync(file)) out.push({ name: id, input: readFileSync(file) });
  }
  return out;
}
