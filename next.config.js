// Cross-origin isolation (COOP + COEP) on every route: SharedArrayBuffer, and so WASM threads
// for the run panel, only exist in a cross-origin-isolated page. Everything the page loads is
// self-hosted, so `require-corp` blocks nothing we use.
const isolationHeaders = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: isolationHeaders }];
  },
};

export default nextConfig;
