import { describe, expect, it } from 'vitest';
import { corpusAvailable, listDerived, readDerived, type DerivedRow } from '../testing/corpus';
import { analyzeCorpus, errorsOf } from './golden-helpers';

/**
 * Where we believe a derived/<model>.layers.csv is wrong, the deviation is recorded here with
 * the proof; the code follows Caffe, not the table.
 */
interface CsvDeviation {
  readonly model: string;
  /** Only the batch axis of every shape differs: ours, then the CSV's. */
  readonly batch: { readonly ours: number; readonly csv: number };
  readonly proof: string;
}

const DEVIATIONS: readonly CsvDeviation[] = [
  {
    model: 'nin_imagenet_trainval',
    batch: { ours: 89, csv: 1 },
    proof:
      // derived/README.md says shapes carry "the batch size the file declares". This train_val file
      // declares its batch only through the TEST-phase V1 DATA layer: data_param.batch_size 89,
      // crop_size 224. BVLC src/caffe/layers/data_layer.cpp DataLayerSetUp shapes the top as
      // InferBlobShape(datum) (3×224×224 after the crop) with `top_shape[0] = batch_size;
      // top[0]->Reshape(top_shape)`, so Caffe's own blobs are 89×…; the CSV's calculator had no
      // DATA-layer support and wrote N = 1. Params and per-image MACs agree row for row.
      'Caffe data_layer.cpp sets top_shape[0] = batch_size (89 in the TEST phase); the CSV used 1',
  },
];

const available = corpusAvailable();
const models = available ? listDerived() : [];

function compareRow(row: DerivedRow, ours: readonly number[] | null | undefined, dev: CsvDeviation | undefined) {
  const csvShape = [...row.shape];
  if (dev && ours) {
    expect(ours[0], `${row.layer}: batch axis`).toBe(dev.batch.ours);
    expect(csvShape[0], `${row.layer}: CSV batch axis`).toBe(dev.batch.csv);
    expect(ours.slice(1), `${row.layer} shape`).toEqual(csvShape.slice(1));
  } else {
    expect(ours, `${row.layer} shape`).toEqual(csvShape);
  }
}

describe.skipIf(!available)('derived/*.layers.csv: per-layer shapes, params and per-image MACs', () => {
  it('every tabulated model is covered', () => {
    expect(models.length).toBeGreaterThanOrEqual(18);
  });

  it.each(models)('%s', (model) => {
    const rows = readDerived(model);
    // Shapes at the file's declared batch; params per model, MACs per image.
    const r = analyzeCorpus('caffe', `${model}.prototxt`, 'declared');
    expect(errorsOf(r)).toEqual([]);
    const dev = DEVIATIONS.find((d) => d.model === model);
    const byName = new Map(r.layers.map((l) => [l.name, l]));
    for (const row of rows) {
      const l = byName.get(row.layer);
      expect(l, `layer ${row.layer} (${row.type}) is analysed`).toBeDefined();
      if (!l) continue;
      expect(l.type, `${row.layer} type`).toBe(row.type);
      compareRow(row, l.outputs[0], dev);
      expect(l.params, `${row.layer} params`).toBe(row.params);
      expect(l.macs / r.batch, `${row.layer} MACs per image`).toBe(row.macs);
    }
    // Every layer we analyse beyond the CSV rows is an input, loss or accuracy layer (the CSVs omit them).
    const extra = r.layers.filter((l) => !rows.some((row) => row.layer === l.name));
    for (const l of extra)
      expect(['input', 'loss'].includes(l.category) || l.type === 'Accuracy', `${l.name} ${l.type}`).toBe(true);
  });

  it('the NIN deviation is real: Caffe’s data layer batch, not a shape-inference difference', () => {
    const r = analyzeCorpus('caffe', 'nin_imagenet_trainval.prototxt', 'declared');
    expect(r.declaredBatch).toBe(89);
    expect(r.inputs[0]!.shape).toEqual([89, 3, 224, 224]);
    // At batch 1 every shape equals the CSV exactly.
    const one = analyzeCorpus('caffe', 'nin_imagenet_trainval.prototxt', 1);
    for (const row of readDerived('nin_imagenet_trainval')) {
      const l = one.layers.find((x) => x.name === row.layer)!;
      expect(l.outputs[0], row.layer).toEqual(row.shape);
    }
  });
});
