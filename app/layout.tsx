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
  // React puts this preload at the top of the head, before the app's script chunks (see
  // analysisWorkerPath). `fetch` with CORS: the worker's own request then reads the HTTP cache.
  preload(analysisWorkerPath(), { as: 'fetch', crossOrigin: 'anonymous', fetchPriority: 'high' });
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
