/**
 * PKCE for the OA OAuth v4 flow (platforms.md §2.5): a fresh `code_verifier` per authorisation and its
 * `code_challenge`, plus the `state` that ties the callback to the request.
 */
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random string of `length` letters and digits, uniformly drawn (rejection sampling, so no letter is
 * favoured). Zalo's guide asks for a 43-character verifier of upper case, lower case and digits.
 */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes above it would favour the first letters.
      if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    }
  }
  return out;
}

/** A new `code_verifier` (43 characters). */
export function newCodeVerifier(): string {
  return randomAlphanumeric(43);
}

/**
 * The `code_challenge` of a verifier: SHA-256 of its ASCII bytes in base64url without padding (RFC 7636
 * S256, as working integrations send it; Zalo's guide writes "Base64" without saying which alphabet).
 */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A new `state` value (32 characters), unguessable and safe in a URL. */
export function newState(): string {
  return randomAlphanumeric(32);
}
