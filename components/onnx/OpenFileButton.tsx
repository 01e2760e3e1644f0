'use client';
import { useRef } from 'react';

/** "Open…": picks a model file (ONNX, prototxt, JSON) from disk. */
export function OpenFileButton({ onFile, className }: { onFile(file: File): void; className: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        className={className}
        onClick={() => input.current?.click()}
        title="Open a model file: ONNX (.onnx), Caffe prototxt or JSON, Keras / TF.js JSON. You can also drop a file on the page."
        data-testid="open-file"
      >
        Open…
      </button>
      <input
        ref={input}
        type="file"
        accept=".onnx,.prototxt,.pbtxt,.txt,.json"
        className="hidden"
        data-testid="open-file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </>
  );
}
