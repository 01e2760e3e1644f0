import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Test-only access to the shared model corpus in ../shared (beside the repository). The
 * files are others' work: they are read from there and never copied into this repository.
 */
export const SHARED_DIR = process.env.LAYERSCOPE_SHARED ?? path.resolve(process.cwd(), '../shared');
export const MODELS_DIR = path.join(SHARED_DIR, 'models');

export function corpusAvailable(): boolean {
  return existsSync(MODELS_DIR);
}

export function listCorpus(kind: 'caffe' | 'keras'): string[] {
  const dir = path.join(MODELS_DIR, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith(kind === 'caffe' ? '.prototxt' : '.json'))
    .sort();
}

export function readCorpus(kind: 'caffe' | 'keras', file: string): string {
  return readFileSync(path.join(MODELS_DIR, kind, file), 'utf8');
}

export interface DerivedRow {
  layer: string;
  type: string;
  shape: number[];
  params: number;
  macs: number;
}

/** Reads `derived/<model>.layers.csv` (per-image params and MACs, shapes with the declared batch). */
export function readDerived(model: string): DerivedRow[] {
  const text = readFileSync(path.join(MODELS_DIR, 'derived', `${model}.layers.csv`), 'utf8');
  const [, ...rows] = text.trim().split(/\r?\n/);
  return rows.map((line) => {
    const [layer = '', type = '', shape = '', params = '0', macs = '0'] = line.split(',');
    return { layer, type, shape: shape.split('x').map(Number), params: Number(params), macs: Number(macs) };
  });
}

export function listDerived(): string[] {
  return readdirSync(path.join(MODELS_DIR, 'derived'))
    .filter((f) => f.endsWith('.layers.csv'))
    .map((f) => f.replace(/\.layers\.csv$/, ''))
    .sort();
}
