import type { ReadOptions, ReadResult } from '../../ir';
// Placeholder: replaced by the Keras / TF.js reader (issue 2).
export function readKeras(_text: string, _options: ReadOptions = {}): ReadResult {
  throw new Error('readKeras: not implemented yet');
}
