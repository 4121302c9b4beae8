/**
 * The login session, kept in localStorage so a reload keeps it, and ended with a message when the token
 * expires or the API refuses it (401). Components subscribe through `useSession` (session.tsx).
 */
export type RoleGrant = { orgId: string; orgName?: string; orgPath?: string; role: string };
export type SessionUser = {
  userId: string;
  username: string;
  fullName: string;
  memberId: string | null;
  roles: RoleGrant[];
};
export type Session = { accessToken: string; expiresAt: number; user: SessionUser };

const KEY = 'partyflow.session';
/** Why the last session ended, shown once on the login page. */
export type EndReason = 'expired' | 'logged_out';
/**
 * The reason is kept in the tab's sessionStorage, not in this module: a page that finds the session over (a
 * re-render after the token's end, in any open page) removes the session, and the page loaded next, a reload, must
 * still say why.
 */
const END_KEY = 'partyflow.sessionEnd';

type Listener = () => void;
const listeners = new Set<Listener>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

export function readSession(): Session | null {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.accessToken !== 'string' || session.expiresAt <= Date.now()) {
      if (session.expiresAt <= Date.now()) recordEnd('expired');
      localStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    localStorage.removeItem(KEY);
    return null;
  }
}

export function startSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
  clearEndReason();
  armExpiry(session);
  emit();
}

export function endSession(reason: EndReason): void {
  if (!localStorage.getItem(KEY)) return;
  localStorage.removeItem(KEY);
  recordEnd(reason);
  clearTimeout(expiryTimer);
  emit();
}

/** The API answered 401 to a signed-in request: the token expired or the user was disabled. */
export function sessionExpired(): void {
  endSession('expired');
}

/** Why the previous session ended; it stays until `clearEndReason`, so a render React discards and redoes sees it. */
export function peekEndReason(): EndReason | null {
  const kept = sessionStorage.getItem(END_KEY);
  return kept === 'expired' || kept === 'logged_out' ? kept : null;
}

/** The reason was shown: once the login page is on screen (an effect), not while it renders. */
export function clearEndReason(): void {
  sessionStorage.removeItem(END_KEY);
}

function recordEnd(reason: EndReason): void {
  sessionStorage.setItem(END_KEY, reason);
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(): void {
  listeners.forEach((l) => l());
}

function armExpiry(session: Session): void {
  clearTimeout(expiryTimer);
  // setTimeout's delay is a 32-bit number of milliseconds (about 24.8 days).
  const delay = Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1);
  expiryTimer = setTimeout(() => endSession('expired'), Math.max(delay, 0));
}

const existing = typeof localStorage === 'undefined' ? null : readSession();
if (existing) armExpiry(existing);
