import { describe, expect, it } from 'vitest';
import { fetchModelText, parseLocation, presetFragment, type FetchLike } from './location';

describe('parseLocation', () => {
  it('tells share fragments, presets, remote URLs and nothing apart', () => {
    expect(parseLocation('#v1.abc', '')).toEqual({ kind: 'share', fragment: 'v1.abc' });
    expect(parseLocation('#/preset/resnet50', '')).toEqual({ kind: 'preset', id: 'resnet50' });
    expect(parseLocation(`#${presetFragment('squeezenet1.1')}`, '')).toEqual({ kind: 'preset', id: 'squeezenet1.1' });
    expect(parseLocation('#preset/demo%2Fx', '')).toEqual({ kind: 'preset', id: 'demo/x' });
    // A worked-example link: the preset with a layer selected (layer names may hold '/').
    expect(parseLocation('#/preset/googlenet/inception_3a/5x5', '')).toEqual({
      kind: 'preset',
      id: 'googlenet',
      layer: 'inception_3a/5x5',
    });
    expect(parseLocation('', '?url=https%3A%2F%2Fexample.org%2Fa.prototxt')).toEqual({
      kind: 'url',
      url: 'https://example.org/a.prototxt',
    });
    expect(parseLocation('#v1.x', '?url=https://e.org/a')).toEqual({ kind: 'share', fragment: 'v1.x' });
    expect(parseLocation('', '')).toEqual({ kind: 'none' });
    expect(parseLocation('#', '?other=1')).toEqual({ kind: 'none' });
  });
});

function fakeResponse(status: number, body: string, headers: Record<string, string> = {}) {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 404 ? 'Not Found' : 'OK',
    headers: { get: (n: string) => headers[n.toLowerCase()] ?? null },
    text: async () => body,
  };
}

describe('fetchModelText', () => {
  it('returns the body of a successful fetch', async () => {
    const f: FetchLike = async () => fakeResponse(200, 'name: "x"');
    expect(await fetchModelText('https://example.org/x.prototxt', f)).toEqual({ ok: true, text: 'name: "x"' });
  });

  it('explains HTTP errors, CORS/network failures, bad URLs, schemes, size and timeouts', async () => {
    const notFound: FetchLike = async () => fakeResponse(404, '');
    expect(await fetchModelText('https://example.org/missing', notFound)).toEqual({
      ok: false,
      error: 'could not load https://example.org/missing: the server answered 404 Not Found',
    });
    const cors: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const r = await fetchModelText('https://example.org/a', cors);
    expect(!r.ok && r.error).toContain('blocked or the host is unreachable');
    expect(!r.ok && r.error).toContain('CORS');
    expect(await fetchModelText('not a url', cors)).toEqual({ ok: false, error: '"not a url" is not a valid URL' });
    expect(await fetchModelText('javascript:alert(1)', cors)).toEqual({
      ok: false,
      error: 'only http(s) URLs can be loaded, not javascript:',
    });
    const huge: FetchLike = async () => fakeResponse(200, '', { 'content-length': String(50 * 1024 * 1024) });
    expect(await fetchModelText('https://e.org/big', huge)).toMatchObject({
      ok: false,
      error: expect.stringContaining('20 MB limit'),
    });
    const hang: FetchLike = (_u, init) =>
      new Promise((_res, rej) =>
        init?.signal?.addEventListener('abort', () => rej(Object.assign(new Error('aborted'), { name: 'AbortError' }))),
      );
    expect(await fetchModelText('https://e.org/slow', hang, { timeoutMs: 20 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('took longer than'),
    });
  });
});
