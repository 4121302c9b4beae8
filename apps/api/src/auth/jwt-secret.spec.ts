import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoJwtSecret, generateJwtSecret, jwtSecretProblem, loadConfig, requireJwtKey } from '@partyflow/config';

const GOOD = '0+0K+INNRyJHnedTJjFtjiUWzI6jZjmz846rIHtU41Y='; // openssl rand -base64 32

describe('the JWT secret [issue 11 §1: no default secret]', () => {
  it('refuses an unset secret at start-up, naming JWT_SECRET; the worker’s config needs none', () => {
    const config = loadConfig({});
    expect(config.auth.jwtSecret).toBeUndefined();
    expect(() => requireJwtKey(config)).toThrow(/^JWT_SECRET is not set: the API refuses to start/);
    expect(() => requireJwtKey(loadConfig({ JWT_SECRET: '' }))).toThrow(/^JWT_SECRET is not set/);
  });

  it('refuses the old public default everywhere, and secrets under 32 bytes, not base64 or not random', () => {
    expect(() => loadConfig({ JWT_SECRET: 'partyflow-demo-secret-change-me' })).toThrow(
      'Invalid configuration JWT_SECRET: is the public default secret; generate one: openssl rand -base64 32',
    );
    expect(jwtSecretProblem('q83vEjRWeJq8EjRWeJq83vEjRWeJq83vEjRWeJq83v')).toBe(
      'must encode at least 32 random bytes (43+ base64 characters), got 31',
    );
    expect(jwtSecretProblem('this is my secret passphrase, it is long enough!')).toBe(
      'must be base64 or base64url (e.g. openssl rand -base64 32)',
    );
    expect(jwtSecretProblem('a'.repeat(64))).toBe(
      'does not look random (too few distinct bytes); use openssl rand -base64 32',
    );
  });

  it('takes 32+ bytes in base64 or base64url and signs with the decoded bytes', () => {
    expect(jwtSecretProblem(GOOD)).toBeNull();
    expect(requireJwtKey(loadConfig({ JWT_SECRET: GOOD }))).toEqual(Buffer.from(GOOD, 'base64'));
    const generated = generateJwtSecret();
    expect([generated.length, jwtSecretProblem(generated), Buffer.from(generated, 'base64url').length]).toEqual([
      43,
      null,
      32,
    ]);
  });

  it('keeps the demo’s secret in its data folder, mode 0600, and reuses it on restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pf-jwt-'));
    try {
      const first = demoJwtSecret(dir);
      expect(jwtSecretProblem(first)).toBeNull();
      expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(`${first}\n`);
      expect(demoJwtSecret(dir)).toBe(first);
      writeFileSync(join(dir, 'jwt-secret'), 'partyflow-demo-secret-change-me\n');
      expect(() => demoJwtSecret(dir)).toThrow(
        `Invalid JWT secret in ${join(dir, 'jwt-secret')}: is the public default`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('login limits and scrypt cost are configuration [issue 11 §4]', () => {
  it('has production defaults: 10 a username and 100 an address per 15 min, 5 failures lock 15 min, N=2^17', () => {
    const { auth, api } = loadConfig({});
    expect([auth.login, auth.passwordHashing, api.trustProxy]).toEqual([
      { windowSeconds: 900, maxPerAccount: 10, maxPerAddress: 100, lockoutFailures: 5, lockoutSeconds: 900 },
      { log2N: 17, r: 8, p: 1 },
      undefined,
    ]);
  });

  it('reads overrides, a hop count as a number, and refuses a cost below 2^10 naming the setting', () => {
    const config = loadConfig({
      PARTYFLOW_LOGIN_MAX_PER_ACCOUNT: '3',
      PARTYFLOW_LOGIN_LOCKOUT_SECONDS: '60',
      PARTYFLOW_SCRYPT_LOG2N: '14',
      PARTYFLOW_TRUST_PROXY: '1',
    });
    expect([
      config.auth.login.maxPerAccount,
      config.auth.login.lockoutSeconds,
      config.auth.passwordHashing.log2N,
    ]).toEqual([3, 60, 14]);
    expect(config.api.trustProxy).toBe(1);
    expect(loadConfig({ PARTYFLOW_TRUST_PROXY: 'loopback' }).api.trustProxy).toBe('loopback');
    expect(() => loadConfig({ PARTYFLOW_SCRYPT_LOG2N: '8' })).toThrow('Invalid configuration PARTYFLOW_SCRYPT_LOG2N');
  });
});
