// Cross-origin isolation (COOP + COEP) on every route: SharedArrayBuffer, and so WASM threads
// for the run panel, only exist in a cross-origin-isolated page. Everything the page loads is
// self-hosted, so `require-corp` blocks nothing we use.
const isolationHeaders = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

// The Content-Security-Policy is set in proxy.ts, not here: it carries the hashes of the inline
// scripts of the prerendered pages, which exist only after the build (headers() here are fixed
// when the build starts).

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: isolationHeaders }];
  },
};

export default nextConfig;
