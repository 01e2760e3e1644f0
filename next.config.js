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
  experimental: {
    // The stylesheet (~28 KB) goes into the page itself: a linked one blocks every inline script
    // after it until it has loaded, the boot script (lib/boot) of a cold open included, and takes
    // one of the browser's six connections while the app's script chunks queue for them.
    inlineCss: true,
  },
  async headers() {
    return [
      { source: '/:path*', headers: isolationHeaders },
      // The analysis worker and its ONNX part under their content hashes (scripts/copy-assets.mjs):
      // a new build is a new name, so they can be cached for good. Every page preloads the worker
      // at high priority (app/layout.tsx), and the worker then starts from the cache (lib/boot).
      {
        source: '/boot/:name((?:analysis-worker|onnx-part)\\.[0-9a-f]{12}\\.js)',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }],
      },
    ];
  },
};

export default nextConfig;
