import './console.css';
import type { ReactNode } from 'react';

/** The instructor console's route: its stylesheet gives the console the window's width. */
export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return children;
}
