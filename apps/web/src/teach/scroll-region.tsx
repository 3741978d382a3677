import type { ReactNode } from 'react';

/**
 * A table that may be wider than a phone scrolls inside this box: named, and reachable by keyboard.
 * Relative, so screen-reader-only text in the table (absolutely positioned) is clipped with it and
 * does not widen the page.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a scroll container (role region, named, focusable) as axe recommends; not a document section.
    <div
      className="relative mt-2 max-w-full overflow-x-auto"
      role="region"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: wide tables scroll; keyboards must reach them.
      tabIndex={0}
    >
      {children}
    </div>
  );
}
