import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

/**
 * Whether the user's system asks for reduced motion (WCAG 2.3.3): the page then turns antd's animations off, so
 * buttons, dialogs and messages change at once. The browser tests ask for it too: an animation that never ends (a
 * button's loading icon whose leave transition does not run) cannot then hold a control's name.
 */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
