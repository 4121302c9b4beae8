import type { ReactNode } from 'react';

/**
 * A part of the page for one kind of user (issue 10): its routes and its entries in the top navigation. Each area
 * lives in its own folder (areas/<name>/index.tsx) and loads its pages lazily, so the inbox's first load stays small.
 */
export type AreaRoute = { path: string; element: ReactNode };
export type AreaNavItem = {
  path: string;
  label: string;
  icon?: ReactNode;
  /** The roles that see the entry (any organisation); everyone signed in when absent. */
  roles?: readonly string[];
};
export type Area = { routes: AreaRoute[]; nav: AreaNavItem[] };
