import type { ReadOptions, ReadResult } from '../../ir';
// Placeholder: replaced by the Caffe reader (issue 2).
export function readCaffe(_text: string, _options: ReadOptions = {}): ReadResult {
  throw new Error('readCaffe: not implemented yet');
}
