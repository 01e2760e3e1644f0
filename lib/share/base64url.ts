/**
 * base64url (RFC 4648 §5, no padding) for URL fragments. Hand-written rather than atob/btoa
 * so the same code runs in Node, workers and the page, and so a bad character is reported
 * with its position instead of a generic DOMException.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Encodes bytes as unpadded base64url. */
export function toBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    chunk += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (b !== undefined) chunk += ALPHABET[(n >> 6) & 63]!;
    if (c !== undefined) chunk += ALPHABET[n & 63]!;
    // Joining in pieces keeps string building linear on large inputs.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Decodes unpadded (or padded) base64url; returns an error message naming the first bad character. */
export function fromBase64Url(text: string): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const s = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const v = code < 128 ? LOOKUP[code]! : -1;
    if (v < 0) return { ok: false, error: `invalid base64url character ${JSON.stringify(s[i])} at position ${i + 1}` };
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Checked after the characters so a bad character is reported as such, not as a length.
  if (s.length % 4 === 1) return { ok: false, error: `invalid base64url length ${s.length} (truncated link?)` };
  return { ok: true, bytes: out.subarray(0, o) };
}
