import 'katex/dist/katex.min.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '../src/site/site-header.tsx';

export const metadata: Metadata = {
  title: 'Backprop Live: one training step, brick by brick',
  description:
    'The worked example of "Building your Neural Network from Scratch", computed live: every quantity of one backpropagation step of a tiny XOR network.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        {/* Left out of a live lesson, a homework and the projector (BARE_SEGMENTS). */}
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 pb-8 text-sm text-slate-700">
          Lesson content: &ldquo;Building your Neural Network from Scratch&rdquo;, Omar U. Florez.
        </footer>
      </body>
    </html>
  );
}
