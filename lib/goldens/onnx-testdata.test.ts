import { describe, expect, it } from 'vitest';
import { getOp } from '../ops/registry';
import {
  listTestdata,
  runTestdataCase,
  testdataAvailable,
  TESTDATA_DIR,
  type TestdataCase,
} from '../testing/onnx-testdata';

/**
 * Every model of Debian's libonnx-testdata (ONNX 1.12's backend test data: node, pytorch-converted,
 * pytorch-operator and simple; 1,072 models with data): the analyser's output shapes must equal
 * the shapes of `test_data_set_0/output_*.pb`. CI installs the package (scripts/ensure-onnx-testdata.mjs).
 *
 * A shape is predicted from the model alone wherever the model fixes it. Where it depends on the
 * values of an input tensor, the test gives the analysis those values (as a user gives a sample
 * input) and the shape must then be exact; the reasons are listed below, and no operator is left
 * unsupported.
 */

/** Why a case needs its input values, by the operators of its graph. */
const NEEDS_VALUES: Readonly<Record<string, string>> = {
  // The output size depends on the data itself.
  NonZero: 'data-dependent count',
  Compress: 'data-dependent count',
  Unique: 'data-dependent count',
  NonMaxSuppression: 'data-dependent count',
  StringNormalizer: 'stop words removed from the data',
  // A shape-defining operand is a graph input here (in exported models it is usually a constant).
  Reshape: 'target shape is an input',
  Expand: 'target shape is an input',
  ConstantOfShape: 'shape is an input',
  Tile: 'repeats are an input',
  Pad: 'pads are an input',
  Slice: 'starts/ends are inputs',
  Split: 'split sizes are an input',
  Squeeze: 'axes are an input',
  Unsqueeze: 'axes are an input',
  ReduceSum: 'axes are an input',
  TopK: 'K is an input',
  OneHot: 'depth is an input',
  Range: 'start/limit/delta are inputs',
  Resize: 'scales/sizes are inputs',
  Upsample: 'scales are an input',
  MaxUnpool: 'output_shape is an input',
  SequenceInsert: 'position is an input',
  HannWindow: 'window size is an input',
  HammingWindow: 'window size is an input',
  BlackmanWindow: 'window size is an input',
  MelWeightMatrix: 'bin counts are inputs',
  STFT: 'frame step/length are inputs',
  // Control flow decided at run time.
  If: 'the condition is an input',
  Loop: 'the trip count is an input',
};

describe('ONNX test data (libonnx-testdata)', () => {
  it('is installed (scripts/ensure-onnx-testdata.mjs installs it on CI)', () => {
    expect(testdataAvailable(), `${TESTDATA_DIR} is missing: run node scripts/ensure-onnx-testdata.mjs`).toBe(true);
  });

  it.runIf(testdataAvailable())('predicts the output shapes of all 1,072 models', () => {
    const ids = listTestdata();
    expect(ids.length).toBe(1072);
    const cases: TestdataCase[] = ids.map(runTestdataCase);

    const wrong = cases.filter((c) => !c.staticOk && !c.withValuesOk);
    expect(
      wrong.map(
        (c) =>
          `${c.id}: expected ${c.expected.join(' ')}, predicted ${c.predictedWithValues.join(' ')} (${c.messages.join('; ')})`,
      ),
    ).toEqual([]);

    // Every operator in the test data has a definition in the ONNX namespace.
    const ops = new Set(cases.flatMap((c) => c.ops));
    expect([...ops].filter((t) => !getOp(t, 'onnx'))).toEqual([]);
    expect(ops.size).toBe(173);

    // Where the values were needed, one of the graph's operators explains why.
    const withValues = cases.filter((c) => !c.staticOk);
    const unexplained = withValues.filter((c) => !c.ops.some((op) => NEEDS_VALUES[op]));
    expect(unexplained.map((c) => `${c.id} [${c.ops.join(', ')}]`)).toEqual([]);
    expect({ static: cases.length - withValues.length, withValues: withValues.length }).toEqual({
      static: 931,
      withValues: 141,
    });

    // A static prediction never guesses: where it differs from the data it is unknown ('?').
    for (const c of withValues) {
      c.predicted.forEach((p, i) => {
        if (p !== c.expected[i]) expect(p, c.id).toMatch(/\?|none/);
      });
    }
  });
});
