import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { codeChallenge, newCodeVerifier, newState } from './pkce.js';

describe('PKCE', () => {
  it('makes 43-character alphanumeric verifiers that differ every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const v = newCodeVerifier();
      expect(v).toMatch(/^[A-Za-z0-9]{43}$/);
      seen.add(v);
    }
    expect(seen.size).toBe(200);
    expect(newState()).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('derives the S256 challenge: base64url of SHA-256, no padding (RFC 7636 appendix B vector)', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const v = newCodeVerifier();
    expect(codeChallenge(v)).toBe(createHash('sha256').update(v).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  });
});
