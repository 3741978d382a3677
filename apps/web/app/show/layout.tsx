import './show.css';
import type { ReactNode } from 'react';

/**
 * The projector's route: its stylesheet scales the type with the screen (the root layout's
 * SiteFrame leaves out the site's header and footer here).
 */
export default function ShowLayout({ children }: { children: ReactNode }) {
  return children;
}
