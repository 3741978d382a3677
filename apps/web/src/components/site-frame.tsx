'use client';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** Pages that are a presentation surface: the whole screen is theirs, no site header or footer. */
export function isPresentationPath(pathname: string | null): boolean {
  return pathname?.startsWith('/show/') ?? false;
}

/**
 * The site's header, main column and footer around every page, except the projector's: a big
 * screen in front of a class shows the lesson only.
 */
export function SiteFrame({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  if (isPresentationPath(pathname)) {
    return <main id="main">{children}</main>;
  }
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <a href="/" className="text-lg font-bold tracking-tight text-slate-900">
            Backprop Live
          </a>
          {/* Plain links: every page (the phone pages too) carries this header. */}
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
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-8 text-sm text-slate-700">
        Lesson content: &ldquo;Building your Neural Network from Scratch&rdquo;, Omar U. Florez.
      </footer>
    </>
  );
}
