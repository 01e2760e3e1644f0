'use client';
import { useRef } from 'react';

/** "Open…": picks a model file (ONNX, prototxt, JSON) from disk. */
export function OpenFileButton({
  onFile,
  className,
  label = 'Open…',
  testId = 'open-file',
}: {
  onFile(file: File): void;
  className: string;
  label?: string;
  testId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        className={className}
        onClick={() => input.current?.click()}
        title="Open a model file: ONNX (.onnx), Caffe prototxt or JSON, Keras / TF.js JSON. You can also drop a file on the page."
        data-testid={testId}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".onnx,.prototxt,.pbtxt,.txt,.json"
        className="hidden"
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </>
  );
}
