/**
 * Encryption of the OA token pair at rest: AES-256-GCM with the key of `ZALO_OA_TOKEN_KEY`, a fresh
 * 96-bit nonce per seal, and associated data naming what is sealed (so a sealed value cannot be moved to
 * another row or purpose and still open).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../common/errors.js';

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * TokenCipher: seals and opens short secrets (the token pair, a PKCE verifier) for storage.
 *
 * Sealed form: `v1.<nonce>.<ciphertext+tag>` in base64url. {@link TokenCipher.keyId} is a fingerprint of
 * the key (not the key): stored beside a sealed value, it tells "the key changed" apart from "the data is
 * corrupt".
 *
 * @example
 * const cipher = new TokenCipher(config.zaloOa.tokenKey);
 * const sealed = cipher.seal(JSON.stringify(pair), 'zalo-oa:tokens:2553…');
 * const pair = JSON.parse(cipher.open(sealed, 'zalo-oa:tokens:2553…'));
 */
export class TokenCipher {
  /** First 16 hex digits of SHA-256 over a label and the key: identifies the key without revealing it. */
  readonly keyId: string;
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new AppError('CONFIG_INVALID', 'the token encryption key must be 32 bytes (AES-256)');
    this.key = Buffer.from(key);
    this.keyId = createHash('sha256').update('cchc-bot zalo-oa token key').update(this.key).digest('hex').slice(0, 16);
  }

  /** Encrypts `plaintext`, binding it to `aad` (what it is, e.g. `zalo-oa:tokens:<app id>`). */
  seal(plaintext: string, aad: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
  }

  /**
   * Decrypts a value made by {@link TokenCipher.seal} with the same key and `aad`. Throws AppError
   * INTERNAL when it is malformed, was sealed with another key or for another purpose, or was altered.
   */
  open(sealed: string, aad: string): string {
    const [version, nonceText, bodyText] = sealed.split('.');
    const nonce = Buffer.from(nonceText ?? '', 'base64url');
    const body = Buffer.from(bodyText ?? '', 'base64url');
    if (version !== VERSION || nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) {
      throw new AppError('INTERNAL', 'stored Zalo OA secret is not in the expected sealed format');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, nonce);
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (err: unknown) {
      throw new AppError('INTERNAL', 'stored Zalo OA secret cannot be decrypted (wrong ZALO_OA_TOKEN_KEY or altered data)', { cause: err });
    }
  }
}
