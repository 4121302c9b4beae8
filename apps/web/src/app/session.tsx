import { useSyncExternalStore } from 'react';
import { readSession, subscribe, type Session } from './session-store';

let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function snapshot(): Session | null {
  const raw = localStorage.getItem('partyflow.session');
  if (raw !== cached.raw) cached = { raw, session: readSession() };
  return cached.session;
}

/** The signed-in user's session, or null; re-renders when it starts or ends. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}
