import './show.css';
import type { ReactNode } from 'react';

/** The projector's route: its stylesheet widens the page and scales the type for the big screen. */
export default function ShowLayout({ children }: { children: ReactNode }) {
  return children;
}
