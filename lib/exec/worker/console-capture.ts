import type { PrintCapture } from '../engine';

/**
 * onnxruntime-web's Emscripten module binds `console.log` once, when the runtime starts, and
 * prints the profiler's events through it. Installing a forwarding console.log before the
 * runtime loads lets us capture that text later; outside a capture it prints as before.
 */
export function installConsoleCapture(): PrintCapture {
  const original = console.log.bind(console);
  let buffer: string[] | null = null;
  console.log = (...args: unknown[]) => {
    if (buffer) buffer.push(args.map(String).join(' '));
    else original(...args);
  };
  return {
    start() {
      buffer = [];
    },
    stop() {
      const text = (buffer ?? []).join('\n');
      buffer = null;
      return text;
    },
  };
}
