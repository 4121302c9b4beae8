import { scryptSync } from 'node:crypto';
import {
  configurePasswordHashing,
  hashPassword,
  LEGACY_SCRYPT,
  needsRehash,
  OWASP_SCRYPT,
  parsePasswordHash,
  verifyAgainstDummy,
  verifyPassword,
} from './password';

const FAST = { log2N: 10, r: 8, p: 1 };
/** A hash as the code before issue 11 wrote it: Node's scrypt defaults (N=2^14, r=8, p=1), no parameters stored. */
const legacyHash = (password: string): string => {
  const salt = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  return `scrypt$${salt.toString('hex')}$${scryptSync(password, salt, 32).toString('hex')}`;
};

describe('password hashes [issue 11 §4: scrypt at OWASP parameters, stored with the hash]', () => {
  it('hashes at OWASP N=2^17, r=8, p=1 by default (above Node’s default maxmem) and verifies', async () => {
    expect(OWASP_SCRYPT).toEqual({ log2N: 17, r: 8, p: 1 });
    const stored = await hashPassword('matkhau123');
    expect(stored).toMatch(/^scrypt\$ln=17,r=8,p=1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(parsePasswordHash(stored)?.params).toEqual({ log2N: 17, r: 8, p: 1 });
    expect([await verifyPassword('matkhau123', stored), await verifyPassword('matkhau124', stored)]).toEqual([
      true,
      false,
    ]);
  });

  it('verifies a legacy hash at the parameters it was made with, N=2^14', async () => {
    const stored = legacyHash('Cũ-2024a'.normalize('NFC'));
    expect(parsePasswordHash(stored)?.params).toEqual(LEGACY_SCRYPT);
    expect([await verifyPassword('Cũ-2024a', stored), await verifyPassword('Cu-2024a', stored)]).toEqual([true, false]);
  });

  it('asks for a rehash of a legacy hash or one at other parameters, not of one at the current ones', async () => {
    const fast = await hashPassword('matkhau123', FAST);
    expect(fast.startsWith('scrypt$ln=10,r=8,p=1$')).toBe(true);
    expect([
      needsRehash(legacyHash('x'), OWASP_SCRYPT),
      needsRehash(legacyHash('x'), LEGACY_SCRYPT),
      needsRehash(fast, OWASP_SCRYPT),
      needsRehash(fast, FAST),
      needsRehash('unset$imported-without-password', OWASP_SCRYPT),
    ]).toEqual([true, true, true, false, false]);
  });

  it('matches nothing with a stored value that is no scrypt hash, or has absurd parameters', async () => {
    configurePasswordHashing(FAST); // the dummy work of these is at the current parameters
    try {
      const stored = ['unset$imported-without-password', 'scrypt$ln=40,r=8,p=1$00$00', 'scrypt$zz$00', ''];
      expect(await Promise.all(stored.map((s) => verifyPassword('matkhau123', s)))).toEqual([
        false,
        false,
        false,
        false,
      ]);
    } finally {
      configurePasswordHashing(OWASP_SCRYPT);
    }
    expect(parsePasswordHash('scrypt$ln=40,r=8,p=1$00$00')).toBeNull();
  });

  it('does the work of one hash for an unknown user and answers false [issue 11 §4: equal timing]', async () => {
    const started = process.hrtime.bigint();
    expect(await verifyAgainstDummy('matkhau123', { log2N: 15, r: 8, p: 1 })).toBe(false);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // N=2^15, r=8 takes tens of milliseconds; an answer without hashing takes well under one.
    expect(ms).toBeGreaterThan(5);
  });
});
