'use client';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

interface FitBoxProps {
  children: ReactNode;
  className?: string;
  testId?: string;
  /**
   * The most the content may be enlarged when it is smaller than the box (1: never). A table
   * that leaves half its box empty on a small projector reads better larger.
   */
  grow?: number;
}

interface Fit {
  scale: number;
  /** The width the content is laid out at (px), before scaling; null: the box's own. */
  width: number | null;
}

/**
 * A projector has no scroll bar: content taller or wider than its box (a question with 12 named
 * slips, 60 names in the lobby) is scaled down to fit, never cut. When it must shrink, the content
 * is laid out wider by the same factor first (a table's long labels wrap less, so it shrinks
 * less); when it may grow (`grow`), narrower. Either way: the largest scale whose layout still
 * fits, found by a few synchronous measurements before the frame is painted.
 */
export function FitBox({ children, className = '', testId, grow = 1 }: FitBoxProps) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState<Fit>({ scale: 1, width: null });
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    const measure = () => {
      // A hair under the box: sub-pixel rounding must not leave 1 px outside it.
      const W = o.clientWidth - 1;
      const H = o.clientHeight - 1;
      if (W <= 0 || H <= 0) return;
      const size = (width: number) => {
        i.style.width = `${width}px`;
        return {
          w: Math.max(i.scrollWidth, i.offsetWidth),
          h: Math.max(i.scrollHeight, i.offsetHeight),
        };
      };
      const fits = (s: number) => {
        const { w, h } = size(W / s);
        return w * s <= W + 0.5 && h * s <= H + 0.5;
      };
      let next: Fit;
      if (fits(1)) {
        let lo = 1;
        let hi = grow;
        if (grow > 1 && fits(grow)) lo = grow;
        else if (grow > 1) {
          for (let k = 0; k < 7; k++) {
            const mid = (lo + hi) / 2;
            if (fits(mid)) lo = mid;
            else hi = mid;
          }
        }
        // Not worth a transform (and blurrier text) for a few per cent.
        next = lo < 1.05 ? { scale: 1, width: null } : { scale: lo, width: W / lo };
      } else {
        // At the box's width, this scale fits for sure; laid out wider it fits at least as well.
        const at = size(W);
        let lo = Math.min(1, W / at.w, H / at.h);
        let hi = 1;
        for (let k = 0; k < 7; k++) {
          const mid = (lo + hi) / 2;
          if (fits(mid)) lo = mid;
          else hi = mid;
        }
        next = { scale: lo, width: W / lo };
      }
      i.style.width = next.width === null ? '' : `${next.width}px`;
      setFit((previous) =>
        Math.abs(previous.scale - next.scale) < 0.002 &&
        Math.abs((previous.width ?? 0) - (next.width ?? 0)) < 1
          ? previous
          : next,
      );
    };
    const observer = new ResizeObserver(measure);
    observer.observe(o);
    for (const child of Array.from(i.children)) observer.observe(child);
    measure();
    return () => observer.disconnect();
  });
  return (
    <div
      ref={outer}
      className={`relative h-full min-h-0 w-full min-w-0 overflow-hidden ${className}`}
      data-testid={testId}
      data-fit-scale={fit.scale.toFixed(3)}
    >
      <div
        ref={inner}
        style={{
          width: fit.width === null ? undefined : `${fit.width}px`,
          transform: fit.scale !== 1 ? `scale(${fit.scale})` : undefined,
          transformOrigin: 'top left',
        }}
      >
        {children}
      </div>
    </div>
  );
}
