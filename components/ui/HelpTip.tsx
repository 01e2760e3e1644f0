'use client';
import { useState } from 'react';

/** A small "?" that explains a figure: native title on hover, a popover on click. */
export function HelpTip({ text, label }: { text: string; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="relative inline-block">
      <button
        type="button"
        aria-label={label ? `What is ${label}?` : 'Help'}
        title={text}
        onClick={() => setOpen((o) => !o)}
        onBlur={() => setOpen(false)}
        className="ml-1 inline-flex h-3.5 w-3.5 items-center justify-center rounded-full border border-line text-[9px] leading-none text-muted hover:border-accent hover:text-accent"
      >
        ?
      </button>
      {open && (
        <span
          role="tooltip"
          className="absolute left-0 top-5 z-50 w-64 rounded border border-line bg-raised p-2 text-xs font-normal normal-case leading-snug text-fg shadow-lg"
        >
          {text}
        </span>
      )}
    </span>
  );
}
