import { Deflate, deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, listCorpus, readCorpus } from '../testing/corpus';
import { fromBase64Url, toBase64Url } from './base64url';
import { boundedInflate, decodeShare, DEFAULT_VIEW, encodeShare, MAX_DECODED_BYTES, type ShareView } from './codec';

const enc = (s: string) => new TextEncoder().encode(s);
const frag = (bytes: Uint8Array) => `v1.${toBase64Url(bytes)}`;

describe('base64url', () => {
  it('round-trips every length modulo 3 and uses the URL-safe alphabet', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 251) & 0xff);
      const s = toBase64Url(bytes);
      expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
      const back = fromBase64Url(s);
      expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
    }
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });

  it('names the first bad character and its position', () => {
    expect(fromBase64Url('abc$def')).toEqual({ ok: false, error: 'invalid base64url character "$" at position 4' });
    expect(fromBase64Url('abcde')).toMatchObject({ ok: false, error: expect.stringContaining('truncated') });
  });
});

describe.runIf(corpusAvailable())('share links: corpus round trip', () => {
  const files = [
    ...listCorpus('caffe').map((f) => ['caffe', f] as const),
    ...listCorpus('keras').map((f) => ['keras', f] as const),
  ];
  it.each(files)('%s/%s survives byte for byte', (kind, file) => {
    const text = readCorpus(kind, file);
    const view: ShareView = { selected: 'conv1', direction: 'LR', colorMode: 'heat-macs', batch: 8 };
    const f = encodeShare({ text, view });
    expect(f).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const back = decodeShare(`#${f}`);
    expect(back).toEqual({ ok: true, kind: 'model', text, view });
  });

  it('keeps the resnet152 link under 12 KB', () => {
    const f = encodeShare({ text: readCorpus('caffe', 'resnet152.prototxt') });
    expect(f.length).toBeLessThan(12 * 1024);
  });
});

describe('share links: payloads', () => {
  it('carries both texts of a comparison', () => {
    const f = encodeShare({ kind: 'compare', a: 'name: "a"\n', b: 'name: "b"\n', view: DEFAULT_VIEW });
    expect(decodeShare(f)).toEqual({
      ok: true,
      kind: 'compare',
      a: 'name: "a"\n',
      b: 'name: "b"\n',
      view: DEFAULT_VIEW,
    });
  });

  it('keeps non-ASCII text, CRLF and an empty model', () => {
    for (const text of ['', 'name: "ünïcødé ✓ 模型"\r\nlayer {}\r\n', '\u0000\uffff']) {
      expect(decodeShare(encodeShare({ text }))).toMatchObject({ ok: true, text });
    }
  });
});

describe('share links: bad fragments give a clear message', () => {
  const good = encodeShare({ text: 'name: "x"\nlayer { name: "a" type: "ReLU" }\n'.repeat(20) });

  it.each([
    ['empty', '', 'the link carries no model'],
    ['no version', 'eJzLSM3JyQcABiwCFQ', 'unknown share-link format "eJzLSM3JyQcABiwC"'],
    ['unknown version', 'v9.AAAA', 'unknown share-link format "v9"'],
    ['bad base64', 'v1.ab$cd', 'damaged link: invalid base64url character "$" at position 3'],
    ['bad deflate', frag(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff)), 'damaged link: corrupt compressed data'],
    ['truncated', good.slice(0, Math.floor(good.length / 2)), 'damaged link:'],
    ['not JSON', frag(deflateSync(enc('layer { }'))), 'damaged link: the content is not valid JSON text'],
    ['JSON array', frag(deflateSync(enc('[1,2,3]'))), 'damaged link: the content is not a share object'],
    ['no text', frag(deflateSync(enc('{"t":5,"v":{}}'))), 'damaged link: no model text in it'],
    [
      'invalid UTF-8',
      frag(deflateSync(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d))),
      'damaged link: the content is not valid JSON',
    ],
  ])('%s', (_name, fragment, message) => {
    const r = decodeShare(fragment);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(message);
  });

  it('sanitises a hostile view instead of trusting it', () => {
    const hostile = {
      t: 'name: "x"',
      v: {
        selected: 42,
        direction: '<script>',
        colorMode: '"><img onerror=alert(1)>',
        batch: 1e12,
        __proto__: { x: 1 },
      },
    };
    expect(decodeShare(frag(deflateSync(enc(JSON.stringify(hostile)))))).toEqual({
      ok: true,
      kind: 'model',
      text: 'name: "x"',
      view: DEFAULT_VIEW,
    });
  });

  it('stops a 100 MB decompression bomb quickly, without inflating it all', () => {
    // Build the bomb by streaming zeros so the test itself never holds 100 MB.
    const parts: Uint8Array[] = [];
    const d = new Deflate({ level: 1 }, (chunk) => parts.push(chunk));
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 100; i++) d.push(zeros, i === 99);
    const bomb = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((o, p) => (bomb.set(p, o), o + p.length), 0);
    expect(bomb.length).toBeLessThan(1024 * 1024);

    // The refusal comes from the bounded inflate (it stops at 32 MB, never inflates the 100 MB).
    const r = decodeShare(frag(bomb));
    expect(r).toEqual({ ok: false, error: 'damaged link: decompressed data exceeds 32 MB: refusing it' });
  });

  it('bounded inflate accepts data right at its limit and refuses one byte more', () => {
    const data = deflateSync(new Uint8Array(5000).fill(7));
    expect(boundedInflate(data, 5000)).toMatchObject({ ok: true });
    expect(boundedInflate(data, 4999)).toMatchObject({ ok: false });
    expect(MAX_DECODED_BYTES).toBe(32 * 1024 * 1024);
  });
});
