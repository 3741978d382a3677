'use client';
import { useSelectedLayoutSegment } from 'next/navigation';
import type { ReactNode } from 'react';

/** The projector's first path segment: a presentation surface, the whole screen is its own. */
const PRESENTATION_SEGMENT = 'show';
/**
 * Pages a student must not leave by a stray tap: a live lesson (/play/<code>) and a homework
 * (/homework/<id>) have no site header. To make another route bare, add its first segment here.
 */
export const BARE_SEGMENTS: readonly string[] = ['play', 'homework', PRESENTATION_SEGMENT];

/**
 * The site's header, main column and footer around every page; no header (no links out) on the
 * bare pages, and nothing but the page on the projector: a big screen shows the lesson only.
 */
export function SiteFrame({ children }: { children: ReactNode }) {
  // The root layout's child segment: the first part of the path ('play' for /play/ABCDEF).
  const segment = useSelectedLayoutSegment();
  if (segment === PRESENTATION_SEGMENT) return <main id="main">{children}</main>;
  const bare = segment !== null && BARE_SEGMENTS.includes(segment);
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      {!bare && (
        <header className="border-b border-slate-300 bg-white" data-testid="site-header">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
            <a href="/" className="text-lg font-bold tracking-tight text-slate-900">
              Backprop Live
            </a>
            <nav aria-label="Site" className="flex gap-4 text-sm font-medium">
              <a href="/practice" className="text-indigo-800 underline-offset-4 hover:underline">
                Practice
              </a>
              <a href="/dashboard" className="text-indigo-800 underline-offset-4 hover:underline">
                Instructors
              </a>
            </nav>
          </div>
        </header>
      )}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-8 text-sm text-slate-700">
        Lesson content: &ldquo;Building your Neural Network from Scratch&rdquo;, Omar U. Florez.
      </footer>
    </>
  );
}
