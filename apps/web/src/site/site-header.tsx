'use client';
/**
 * The site's header and its links, on every page except those a student or a projector must not
 * leave by a stray tap: a live lesson (/play/<code>), a homework (/homework/<id>) and the big
 * screen (/show/<code>). To make another route bare, add its first path segment here.
 */
import { useSelectedLayoutSegment } from 'next/navigation';

export const BARE_SEGMENTS: readonly string[] = ['play', 'homework', 'show'];

export function SiteHeader() {
  // The root layout's child segment: the first part of the path ('play' for /play/ABCDEF).
  const segment = useSelectedLayoutSegment();
  if (segment !== null && BARE_SEGMENTS.includes(segment)) return null;
  return (
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
  );
}
