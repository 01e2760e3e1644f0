/** localStorage keys and guarded access (private mode and quota errors never break the page). */
export const STORAGE_KEYS = {
  text: 'layerscope.text',
  theme: 'layerscope.theme',
  editorSplit: 'layerscope.split.editor',
  graphSplit: 'layerscope.split.graph',
  inputs: 'layerscope.inputs',
  inspectorWidth: 'layerscope.inspector.width',
} as const;

/** Reads a key; null when absent or storage is unavailable. */
export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes a key; returns false when storage refused it (quota, private mode). */
export function writeStorage(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
