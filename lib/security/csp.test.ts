import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScripts } from './csp';

describe('content security policy', () => {
  it('finds exactly the inline scripts a browser would hash, byte for byte', () => {
    const html =
      '<html><head><script>try{a()}catch(e){}</script><script src="/_next/x.js" async=""></script></head>' +
      '<body><script>self.__next_f.push([1,"a\\u003cb"])</script>' +
      '<script type="application/json">{"not":"run"}</script><SCRIPT nonce="x">\n  b()\n</SCRIPT ></body></html>';
    expect(inlineScripts(html)).toEqual(['try{a()}catch(e){}', 'self.__next_f.push([1,"a\\u003cb"])', '\n  b()\n']);
  });

  it('allows only our files, WASM and the hashed inline scripts; no plugins, no frames', () => {
    const hash = `sha256-${createHash('sha256').update('b()', 'utf8').digest('base64')}`;
    const csp = contentSecurityPolicy({ scriptHashes: [hash] });
    const d = Object.fromEntries(csp.split('; ').map((x) => [x.split(' ')[0], x.split(' ').slice(1)]));
    expect(d['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", `'${hash}'`]);
    expect(csp).not.toContain("unsafe-inline' 'unsafe-eval");
    expect(d['script-src']).not.toContain("'unsafe-inline'");
    expect(d['script-src']).not.toContain("'unsafe-eval'");
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['worker-src']).toEqual(["'self'", 'blob:']);
    expect(d['connect-src']).toEqual(["'self'", 'https:', 'http:']);
    expect(d['default-src']).toEqual(["'self'"]);
  });

  it('a worker script gets eval (protobufjs reflection) but never inline scripts; the page never gets eval', () => {
    const worker = contentSecurityPolicy({ scriptHashes: ['sha256-x'], worker: true });
    expect(worker).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval';");
    expect(worker).not.toContain('sha256-x');
    expect(worker).not.toContain("'unsafe-inline' ");
    expect(contentSecurityPolicy({ scriptHashes: [] })).not.toContain("'unsafe-eval'");
  });

  it('next dev gets eval and inline scripts (React dev tooling), never the production policy', () => {
    const dev = contentSecurityPolicy({ scriptHashes: [], dev: true });
    expect(dev).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
    expect(dev).toContain("object-src 'none'");
  });
});
