import {
  afterLoginFailure,
  afterLoginSuccess,
  countLoginAttempt,
  loginRefusal,
  type LoginCounter,
  type LoginLimits,
} from './login-throttle.rules';

const limits: LoginLimits = {
  windowSeconds: 900,
  maxPerAccount: 10,
  maxPerAddress: 100,
  lockoutFailures: 5,
  lockoutSeconds: 600,
};
const T0 = Date.UTC(2026, 11, 2, 1, 0, 0);
const fresh = (over: Partial<LoginCounter> = {}): LoginCounter => ({
  windowStartedAt: T0,
  attempts: 1,
  failures: 0,
  lockedUntil: null,
  ...over,
});

describe('login attempts counted per fixed window [issue 11 §4: per-account and per-address throttling]', () => {
  it('starts a window at the first attempt and counts the next ones in it', () => {
    expect(countLoginAttempt(null, T0, 900)).toEqual(fresh());
    expect(countLoginAttempt(fresh({ attempts: 3 }), T0 + 899_999, 900)).toEqual(fresh({ attempts: 4 }));
  });
  it('starts a new window once the window has ended, keeping failures and lockout', () => {
    const old = fresh({ attempts: 11, failures: 2, lockedUntil: T0 + 5 });
    expect(countLoginAttempt(old, T0 + 900_000, 900)).toEqual({
      windowStartedAt: T0 + 900_000,
      attempts: 1,
      failures: 2,
      lockedUntil: T0 + 5,
    });
  });
});

describe('login refusals [issue 11 §4: 429 with Retry-After]', () => {
  it('lets the limit itself through and refuses the attempt after it, until the window ends', () => {
    expect(loginRefusal(fresh({ attempts: 10 }), fresh({ attempts: 100 }), limits, T0 + 60_000)).toBeNull();
    expect(loginRefusal(fresh({ attempts: 11 }), fresh(), limits, T0 + 60_000)).toEqual({
      reason: 'account',
      retryAfterSeconds: 840,
    });
    expect(loginRefusal(fresh(), fresh({ attempts: 101 }), limits, T0 + 899_001)).toEqual({
      reason: 'address',
      retryAfterSeconds: 1,
    });
  });
  it('refuses a locked username first, until the lockout ends, rounding the wait up', () => {
    const locked = fresh({ lockedUntil: T0 + 600_000 });
    expect(loginRefusal(locked, fresh({ attempts: 101 }), limits, T0 + 0.5)).toEqual({
      reason: 'locked',
      retryAfterSeconds: 600,
    });
    expect(loginRefusal(locked, fresh(), limits, T0 + 600_000)).toBeNull();
  });
});

describe('lockout after consecutive failures [issue 11 §4: a temporary lockout after N failures]', () => {
  it('counts failures below the threshold without locking', () => {
    expect(afterLoginFailure(fresh({ failures: 3 }), limits, T0)).toEqual({
      counter: fresh({ failures: 4 }),
      locked: false,
    });
  });
  it('locks on the Nth failure in a row for lockoutSeconds and starts the count again', () => {
    expect(afterLoginFailure(fresh({ failures: 4 }), limits, T0)).toEqual({
      counter: fresh({ failures: 0, lockedUntil: T0 + 600_000 }),
      locked: true,
    });
  });
  it('a successful login clears failures and lockout, not the window [issue 11 §4: resets the counter]', () => {
    expect(afterLoginSuccess(fresh({ attempts: 7, failures: 4, lockedUntil: T0 - 1 }))).toEqual(fresh({ attempts: 7 }));
  });
});
