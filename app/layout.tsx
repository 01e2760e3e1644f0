import type { Metadata, Viewport } from 'next';
import './globals.css';
import { preload } from 'react-dom';
import { analysisWorkerPath, bootScript } from './boot-script';

export const metadata: Metadata = {
  title: 'Layerscope — neural network visualiser and cost analyser',
  description: 'Paste a Caffe or Keras model: graph, shapes, params, MACs, FLOPs and memory per layer.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Applied before first paint so a dark-theme user never sees a white flash.
const themeScript = `try{var t=localStorage.getItem('layerscope.theme');if(t==='dark'||(t===null&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('dark')}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  // The analysis worker's script, preloaded at high priority by every page: the app always starts
  // that worker, and a cold open of a share link also runs the script on the page (lib/boot). As a
  // script, so that <script> reuses this response; the worker reads it from the HTTP cache.
  preload(analysisWorkerPath(), { as: 'script', fetchPriority: 'high' });
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        {/* A cold open of a share link starts its analysis here, as the page's HTML is parsed and
            long before the app's own scripts have loaded, and paints the graph over the graph view
            before the app has started (lib/boot). */}
        <script dangerouslySetInnerHTML={{ __html: bootScript() }} />
      </head>
      <body className="h-full overflow-hidden antialiased">{children}</body>
    </html>
  );
}
