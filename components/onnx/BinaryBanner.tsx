'use client';
import type { BinaryModel } from '@/lib/worker/protocol';
import { fileSize } from './open-file';

/** Above the editor while a binary model is open: what it is, that the text is a read-only view, and how to leave it. */
export function BinaryBanner({ model, onClose }: { model: BinaryModel; onClose(): void }) {
  return (
    <div
      className="flex items-center gap-2 border-b border-line bg-accent-soft px-2 py-1 text-xs"
      data-testid="binary-banner"
    >
      <span className="truncate font-mono" title={model.name}>
        {model.name}
      </span>
      <span className="shrink-0 text-muted">ONNX · {fileSize(model.bytes.length)} · read-only text form</span>
      <button
        className="ml-auto shrink-0 text-muted hover:text-fg"
        onClick={onClose}
        data-testid="binary-close"
        title="Close the file and return to the text model"
      >
        Close ×
      </button>
    </div>
  );
}
