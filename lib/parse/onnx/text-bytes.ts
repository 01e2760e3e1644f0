/**
 * Text of file bytes in UTF-8 (a text model read as bytes, e.g. by the CLI). Copies a shared
 * buffer first: TextDecoder refuses views of a SharedArrayBuffer.
 */
export function utf8Text(bytes: Uint8Array): string {
  const plain =
    typeof SharedArrayBuffer !== 'undefined' && bytes.buffer instanceof SharedArrayBuffer ? bytes.slice() : bytes;
  return new TextDecoder('utf-8').decode(plain);
}
