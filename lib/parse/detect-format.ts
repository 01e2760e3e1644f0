import type { ModelFormat } from '../ir';

// On its own, without the readers: the page needs it on its first render (the editor's
// language), and importing it from lib/parse's index put every reader and the whole Caffe
// schema (~70 KB) into the page's first script.

/** Guesses the format from content: JSON with `layer`/`layers` of Caffe shape → caffe-json, other JSON → keras, else prototxt. */
export function detectFormat(text: string): ModelFormat {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return 'caffe';
  // Prototxt can also start with `{`? No: a NetParameter text starts with a field name.
  const head = t.slice(0, 4096);
  if (/"(class_name|modelTopology|keras_version|model_config)"\s*:/.test(head)) return 'keras';
  if (/"(layer|layers|input_shape|input_dim)"\s*:\s*\[/.test(head) && !/"class_name"/.test(head)) return 'caffe-json';
  if (/"class_name"/.test(t)) return 'keras';
  return 'caffe-json';
}
