import { describe, expect, it } from 'vitest';
import { isAppError } from '../../common/errors.js';
import { hashPassword, verifyPassword } from './password.js';

describe('hashPassword / verifyPassword', () => {
  it('produces scrypt$N$r$p$salt$hash with N=2^15, r=8, p=1, a 16-byte salt and a 64-byte key', async () => {
    const stored = await hashPassword('một mật khẩu đủ dài');
    const [scheme, N, r, p, salt, hash] = stored.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64')).toHaveLength(64);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('gives different hashes for the same password (random salt)', async () => {
    const [a, b] = await Promise.all([hashPassword('cùng một mật khẩu'), hashPassword('cùng một mật khẩu')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });

  it('verifies Vietnamese passwords typed in composed or decomposed form alike (NFC)', async () => {
    const stored = await hashPassword('Cải cách hành chính 2025');
    expect(await verifyPassword('Cải cách hành chính 2025'.normalize('NFD'), stored)).toBe(true);
  });

  it('refuses to hash passwords shorter than 10 characters', async () => {
    const err = await hashPassword('ngắn-quá').catch((e: unknown) => e);
    expect(isAppError(err, 'INVALID_INPUT'), 'short passwords must be refused when an account is created').toBe(true);
    await expect(hashPassword('0123456789')).resolves.toMatch(/^scrypt\$/);
  });

  it('returns false, without throwing, for malformed or oversized stored hashes', async () => {
    for (const bad of ['', 'plain', 'bcrypt$x', 'scrypt$100$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', `scrypt$${2 ** 24}$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==`]) {
      expect(await verifyPassword('whatever-password', bad), `stored hash "${bad}"`).toBe(false);
    }
  });
});
