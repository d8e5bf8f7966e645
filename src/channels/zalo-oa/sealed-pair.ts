/**
 * How the OA token pair is stored: sealed with {@link TokenCipher}, bound to the app's connection row,
 * with the fingerprint of the key that sealed it.
 */
import { OaNotConnectedError } from './oa-errors.js';
import type { OaTokenPair } from './oauth-client.js';
import type { OaConnectionRow, OaTokenWrite } from './ports.js';
import type { TokenCipher } from './token-cipher.js';

/** The two tokens, in clear. */
export interface ClearPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * SealedPairCodec: turns a pair into the row values to save, and a stored row back into the pair.
 *
 * @example
 * const codec = new SealedPairCodec(cipher, appId, Date.now);
 * await store.saveOaTokens(appId, generation, codec.write(pair));
 */
export class SealedPairCodec {
  constructor(
    private readonly cipher: TokenCipher,
    private readonly appId: string,
    private readonly now: () => number,
  ) {}

  /** The values to save for `pair` (sealed now), with the connection details for a new connection. */
  write(pair: OaTokenPair, connection?: OaTokenWrite['connection']): OaTokenWrite {
    const tokens = this.cipher.seal(JSON.stringify({ accessToken: pair.accessToken, refreshToken: pair.refreshToken }), this.aad());
    return { tokens, keyId: this.cipher.keyId, accessExpiresAt: pair.accessExpiresAt, refreshExpiresAt: pair.refreshExpiresAt, at: this.now(), connection };
  }

  /** The pair of a stored row, or undefined when none is stored; {@link OaNotConnectedError} `key_changed` for another key. */
  read(row: OaConnectionRow): ClearPair | undefined {
    if (!row.tokens) return undefined;
    if (row.keyId && row.keyId !== this.cipher.keyId) {
      throw new OaNotConnectedError('key_changed', 'the stored pair was sealed with another ZALO_OA_TOKEN_KEY; restore that key or connect the OA again');
    }
    return this.open(row.tokens);
  }

  /** Opens sealed `tokens` made by {@link SealedPairCodec.write}. */
  open(tokens: string): ClearPair {
    return JSON.parse(this.cipher.open(tokens, this.aad())) as ClearPair;
  }

  /** True when a stored pair (if any) opens with this key. */
  keyMatches(row: OaConnectionRow | null): boolean {
    return !row?.tokens || row.keyId === this.cipher.keyId;
  }

  /** Associated data binding a sealed pair to this app's connection row. */
  private aad(): string {
    return `zalo-oa:tokens:${this.appId}`;
  }
}
