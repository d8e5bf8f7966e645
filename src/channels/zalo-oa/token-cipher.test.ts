import { describe, it, expect } from 'vitest';
import { TokenCipher } from './token-cipher.js';

const key = Buffer.alloc(32, 1);

describe('TokenCipher', () => {
  it('round-trips with a fresh nonce each time, and never contains the plaintext', () => {
    const c = new TokenCipher(key);
    const a = c.seal('access-token-xyz', 'zalo-oa:tokens:1');
    const b = c.seal('access-token-xyz', 'zalo-oa:tokens:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('access-token');
    expect(c.open(a, 'zalo-oa:tokens:1')).toBe('access-token-xyz');
  });

  it('refuses another key, another purpose, altered data and a malformed value', () => {
    const c = new TokenCipher(key);
    const sealed = c.seal('secret', 'zalo-oa:tokens:1');
    expect(() => new TokenCipher(Buffer.alloc(32, 2)).open(sealed, 'zalo-oa:tokens:1')).toThrow(/ZALO_OA_TOKEN_KEY/);
    expect(() => c.open(sealed, 'zalo-oa:tokens:2')).toThrow(/cannot be decrypted/);
    const [v, n, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => c.open(`${v}.${n}.${flipped.toString('base64url')}`, 'zalo-oa:tokens:1')).toThrow(/cannot be decrypted/);
    expect(() => c.open('garbage', 'zalo-oa:tokens:1')).toThrow(/sealed format/);
  });

  it('identifies its key by a fingerprint that differs between keys and is not the key', () => {
    const id = new TokenCipher(key).keyId;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(new TokenCipher(Buffer.alloc(32, 2)).keyId).not.toBe(id);
    expect(key.toString('hex')).not.toContain(id);
    expect(() => new TokenCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
