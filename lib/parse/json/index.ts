import type { ReadOptions, ReadResult } from '../../ir';
// Placeholder: replaced by the Caffe JSON reader (issue 2).
export function readCaffeJson(_text: string, _options: ReadOptions = {}): ReadResult {
  throw new Error('readCaffeJson: not implemented yet');
}
