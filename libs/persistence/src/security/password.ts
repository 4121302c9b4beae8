import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
) => Promise<Buffer>;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/** scrypt's cost: N = 2^log2N, block size r, parallelism p. */
export type ScryptParams = { log2N: number; r: number; p: number };

/** OWASP Password Storage Cheat Sheet (2024): scrypt N=2^17, r=8, p=1 (issue 11 §4); the production default. */
export const OWASP_SCRYPT: ScryptParams = { log2N: 17, r: 8, p: 1 };

/** The hashes written before issue 11: `scrypt$<salt hex>$<hash hex>` with Node's defaults N=2^14, r=8, p=1. */
export const LEGACY_SCRYPT: ScryptParams = { log2N: 14, r: 8, p: 1 };

let current: ScryptParams = OWASP_SCRYPT;

/**
 * The cost new hashes get (the API and the test harness set it from PARTYFLOW_SCRYPT_LOG2N at start-up, as they
 * set the time zone); OWASP_SCRYPT until then.
 */
export function configurePasswordHashing(params: ScryptParams): void {
  current = checkParams(params);
}

export function passwordHashingParams(): ScryptParams {
  return current;
}

function checkParams(params: ScryptParams): ScryptParams {
  const { log2N, r, p } = params;
  const ok = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!ok(log2N, 20) || !ok(r, 32) || !ok(p, 16))
    throw new Error(`Invalid scrypt parameters ${JSON.stringify(params)}`);
  return params;
}

/** scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is below the 128 MiB of N=2^17, r=8. */
const optionsOf = ({ log2N, r, p }: ScryptParams): ScryptOptions => ({
  N: 2 ** log2N,
  r,
  p,
  maxmem: 2 * 128 * 2 ** log2N * r + 1024 * 1024,
});

const sameParams = (a: ScryptParams, b: ScryptParams) => a.log2N === b.log2N && a.r === b.r && a.p === b.p;

/** `legacy`: written without its parameters (before issue 11). */
type ParsedHash = { params: ScryptParams; salt: Buffer; hash: Buffer; legacy: boolean };

/** `scrypt$ln=17,r=8,p=1$<salt hex>$<hash hex>`, or the legacy `scrypt$<salt hex>$<hash hex>`; else null. */
export function parsePasswordHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return null;
  const hex = /^(?:[0-9a-f]{2})+$/;
  let params = LEGACY_SCRYPT;
  let rest = parts.slice(1);
  if (parts.length === 4) {
    const m = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(parts[1]);
    if (!m) return null;
    params = { log2N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
    try {
      checkParams(params);
    } catch {
      return null;
    }
    rest = parts.slice(2);
  } else if (parts.length !== 3) return null;
  const [saltHex, hashHex] = rest;
  if (!hex.test(saltHex) || !hex.test(hashHex)) return null;
  return { params, salt: Buffer.from(saltHex, 'hex'), hash: Buffer.from(hashHex, 'hex'), legacy: parts.length === 3 };
}

/** scrypt with a random salt and the parameters stored with it: `scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>`. */
export async function hashPassword(password: string, params: ScryptParams = current): Promise<string> {
  const { log2N, r, p } = checkParams(params);
  const salt = randomBytes(SALT_LENGTH);
  const hash = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, optionsOf(params));
  return `scrypt$ln=${log2N},r=${r},p=${p}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/**
 * True when `password` matches the stored hash, at the parameters stored with it. A stored value that is no
 * scrypt hash (a user imported without a password) matches nothing, after the same work as a real one.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return verifyAgainstDummy(password);
  const actual = await scrypt(password.normalize('NFC'), parsed.salt, parsed.hash.length, optionsOf(parsed.params));
  return timingSafeEqual(actual, parsed.hash);
}

/**
 * A stored hash to replace on the next successful login: a legacy one (its parameters are not stored with it,
 * even where they equal `params`), or one made at other parameters than `params`.
 */
export function needsRehash(stored: string, params: ScryptParams = current): boolean {
  const parsed = parsePasswordHash(stored);
  return parsed !== null && (parsed.legacy || !sameParams(parsed.params, params));
}

/**
 * The work of checking a password at `params` (the current ones by default), against nothing: a login of an
 * unknown username costs what a known one costs (issue 11 §4), so the answer's time does not tell them apart.
 * Always false.
 */
export async function verifyAgainstDummy(password: string, params: ScryptParams = current): Promise<false> {
  await scrypt(password.normalize('NFC'), randomBytes(SALT_LENGTH), KEY_LENGTH, optionsOf(checkParams(params)));
  return false;
}
