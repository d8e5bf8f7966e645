/**
 * Password hashing for staff console accounts: scrypt (memory-hard, RFC 7914) from node:crypto, stored
 * as `scrypt$N$r$p$salt$hash` with base64 salt and hash, so the cost can be raised later without breaking
 * existing hashes.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import { AppError } from '../../common/errors.js';

/** Cost parameters for new hashes: N = 2^15, r = 8, p = 1 needs 128·N·r = 32 MiB per hash. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
/** Shortest password accepted when an account's password is set. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longer inputs are refused before hashing (nobody types more; it caps the work a request can cause). */
const MAX_PASSWORD_LENGTH = 1024;
/** Largest parameters a stored hash may ask for (a corrupted or hostile row cannot make us allocate GBs). */
const LIMITS = { N: 2 ** 20, r: 32, p: 16, keyLength: 256 } as const;

function derive(password: string, salt: Buffer, keyLength: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // Node's default maxmem is exactly 32 MiB, which N = 2^15, r = 8 needs plus a little: allow twice what is required.
  const options: ScryptOptions = { ...cost, maxmem: 2 * 128 * cost.N * cost.r * cost.p + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * Hashes a new password. Passwords are NFC-normalised first (RFC 8265), so "mật khẩu" typed on keyboards
 * that produce composed or decomposed Vietnamese letters verifies the same.
 *
 * Throws AppError INVALID_INPUT when the password is shorter than {@link MIN_PASSWORD_LENGTH} characters
 * or longer than 1024.
 *
 * @example
 * const stored = await hashPassword('một mật khẩu dài'); // 'scrypt$32768$8$1$<salt>$<hash>'
 */
export async function hashPassword(password: string): Promise<string> {
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new AppError('INVALID_INPUT', `the password must have at least ${MIN_PASSWORD_LENGTH} characters (got ${length})`);
  }
  if (length > MAX_PASSWORD_LENGTH) throw new AppError('INVALID_INPUT', `the password must have at most ${MAX_PASSWORD_LENGTH} characters`);
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, KEY_LENGTH, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** The parts of a stored hash, or null when it is malformed or asks for parameters beyond the limits. */
function parseStored(stored: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,8}$/.test(s) ? Number(s) : NaN));
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > LIMITS.N || !(r >= 1 && r <= LIMITS.r) || !(p >= 1 && p <= LIMITS.p)) return null;
  if (salt.length < 8 || key.length < 16 || key.length > LIMITS.keyLength) return null;
  return { N, r, p, salt, key };
}

/**
 * Checks a password against a stored hash in constant time (for a given hash). Returns false for a wrong
 * password and for a malformed stored hash; it never throws for bad input.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed || password.length > MAX_PASSWORD_LENGTH * 4) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed);
  return timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | undefined;

/**
 * A valid hash of a random password, for spending the same time on a login attempt whose username does
 * not exist (so response times do not reveal which usernames exist). Computed once, lazily.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64'));
  return dummy;
}
