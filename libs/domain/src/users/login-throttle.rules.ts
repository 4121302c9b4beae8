/**
 * Login throttling and lockout (issue 11 §4), one function each; times are epoch milliseconds:
 * - every POST /auth/login counts one attempt for its username (known or not, so the answer does not tell
 *   which exist) and one for its client address, in fixed windows of `windowSeconds`; past `maxPerAccount` or
 *   `maxPerAddress` attempts in a window the login answers 429 until the window ends [issue 11 §4 "per-account
 *   and per-address throttling"];
 * - `lockoutFailures` failed logins in a row lock the username for `lockoutSeconds`: every login answers 429
 *   until then, the right password included, and the lockout is audited; the count starts again from zero after
 *   a lockout [issue 11 §4 "a temporary lockout"];
 * - a successful login clears the failures [issue 11 §4 "a successful login resets the account's counter"].
 */
export type LoginLimits = {
  windowSeconds: number;
  maxPerAccount: number;
  maxPerAddress: number;
  lockoutFailures: number;
  lockoutSeconds: number;
};

/** The state kept per username or per address (only usernames fail or lock). */
export type LoginCounter = {
  windowStartedAt: number;
  attempts: number;
  failures: number;
  lockedUntil: number | null;
};

export type LoginRefusal = { reason: 'locked' | 'account' | 'address'; retryAfterSeconds: number };

const secondsUntil = (at: number, now: number): number => Math.max(1, Math.ceil((at - now) / 1000));

/** The counter with this attempt counted; a window that has ended starts a new one at `now`. */
export function countLoginAttempt(counter: LoginCounter | null, now: number, windowSeconds: number): LoginCounter {
  if (!counter) return { windowStartedAt: now, attempts: 1, failures: 0, lockedUntil: null };
  const windowEnded = now >= counter.windowStartedAt + windowSeconds * 1000;
  return windowEnded
    ? { ...counter, windowStartedAt: now, attempts: 1 }
    : { ...counter, attempts: counter.attempts + 1 };
}

/**
 * Why this attempt (already counted) is refused, or null: the username's lockout first, then the username's
 * and the address's limits; `retryAfterSeconds` (at least 1) is when that refusal ends.
 */
export function loginRefusal(
  account: LoginCounter,
  address: LoginCounter,
  limits: LoginLimits,
  now: number,
): LoginRefusal | null {
  if (account.lockedUntil !== null && account.lockedUntil > now) {
    return { reason: 'locked', retryAfterSeconds: secondsUntil(account.lockedUntil, now) };
  }
  const windowEnd = (c: LoginCounter) => c.windowStartedAt + limits.windowSeconds * 1000;
  if (account.attempts > limits.maxPerAccount) {
    return { reason: 'account', retryAfterSeconds: secondsUntil(windowEnd(account), now) };
  }
  if (address.attempts > limits.maxPerAddress) {
    return { reason: 'address', retryAfterSeconds: secondsUntil(windowEnd(address), now) };
  }
  return null;
}

/** The username's counter after a wrong password; `locked` when this failure locks it (then audited). */
export function afterLoginFailure(
  account: LoginCounter,
  limits: LoginLimits,
  now: number,
): { counter: LoginCounter; locked: boolean } {
  const failures = account.failures + 1;
  if (failures < limits.lockoutFailures) return { counter: { ...account, failures }, locked: false };
  return { counter: { ...account, failures: 0, lockedUntil: now + limits.lockoutSeconds * 1000 }, locked: true };
}

/** The username's counter after a successful login: no failures, no lockout (the window's attempts stay). */
export function afterLoginSuccess(account: LoginCounter): LoginCounter {
  return { ...account, failures: 0, lockedUntil: null };
}
