'use client';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

interface FitBoxProps {
  children: ReactNode;
  className?: string;
  /** Where the scaled content sits when it is smaller than the box. */
  align?: 'start' | 'center';
  testId?: string;
}

/**
 * A projector has no scroll bar: content taller or wider than its box (a question with 12 named
 * slips, 40 names in the lobby) is scaled down to fit, never cut. The content keeps its layout at
 * the box's width; only a transform shrinks it, so measuring does not feed back into the layout.
 */
export function FitBox({ children, className = '', align = 'start', testId }: FitBoxProps) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    const measure = () => {
      const width = Math.max(i.scrollWidth, i.offsetWidth);
      const height = Math.max(i.scrollHeight, i.offsetHeight);
      if (width === 0 || height === 0 || o.clientWidth === 0 || o.clientHeight === 0) return;
      // A hair under the exact ratio: sub-pixel rounding must not leave 1 px outside the box.
      const next = Math.min(1, (o.clientWidth - 1) / width, (o.clientHeight - 1) / height);
      setScale((previous) => (Math.abs(previous - next) < 0.005 ? previous : next));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(o);
    observer.observe(i);
    for (const child of Array.from(i.children)) observer.observe(child);
    measure();
    return () => observer.disconnect();
  });
  return (
    <div
      ref={outer}
      className={`relative h-full min-h-0 w-full min-w-0 overflow-hidden ${className}`}
      data-testid={testId}
      data-fit-scale={scale.toFixed(3)}
    >
      <div
        ref={inner}
        className="w-full"
        style={{
          transform: scale < 1 ? `scale(${scale})` : undefined,
          transformOrigin: align === 'center' ? 'top center' : 'top left',
        }}
      >
        {children}
      </div>
    </div>
  );
}
