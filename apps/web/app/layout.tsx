import 'katex/dist/katex.min.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFrame } from '../src/components/site-frame.tsx';

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
        <SiteFrame>{children}</SiteFrame>
      </body>
    </html>
  );
}
