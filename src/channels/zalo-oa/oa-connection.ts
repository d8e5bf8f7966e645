/**
 * Connecting the OA from the admin console (platforms.md §2.5): start an OAuth v4 authorisation with
 * PKCE, complete it from the callback, show the connection, disconnect. The http/ layer renders the
 * page; this module holds the flow.
 */
import { AppError } from '../../common/errors.js';
import type { ZaloOaClient } from './oa-client.js';
import { OaOAuthRejectedError } from './oa-errors.js';
import type { ZaloOaOAuthClient } from './oauth-client.js';
import { codeChallenge, newCodeVerifier, newState } from './pkce.js';
import type { OaConnectionStatus, ZaloOaStore } from './ports.js';
import type { TokenCipher } from './token-cipher.js';
import type { OaTokenManager } from './token-manager.js';

/** Zalo's authorisation codes live 10 minutes; a started authorisation lives as long. */
export const AUTH_STATE_TTL_MS = 10 * 60_000;

/** What the admin page shows about the connection. */
export interface OaConnectionView {
  status: OaConnectionStatus;
  oaId?: string;
  oaName?: string;
  accessExpiresAt?: number;
  refreshExpiresAt?: number;
  refreshedAt?: number;
  connectedAt?: number;
  connectedBy?: string;
  /** Zalo's words when the refresh token was refused. */
  problem?: string;
  problemAt?: number;
  /** False when the stored pair was sealed with another `ZALO_OA_TOKEN_KEY`. */
  keyMatches: boolean;
  /** The callback URL to register on the Zalo developer site (undefined without PUBLIC_URL). */
  redirectUri?: string;
  /** The webhook URL to register (undefined without PUBLIC_URL). */
  webhookUrl?: string;
  appId: string;
}

/** Options for {@link OaConnectionService}. */
export interface OaConnectionServiceOptions {
  appId: string;
  store: ZaloOaStore;
  oauth: ZaloOaOAuthClient;
  client: ZaloOaClient;
  tokens: OaTokenManager;
  cipher: TokenCipher;
  /** `<PUBLIC_URL>/admin/zalo-oa/callback`; without it the flow cannot start. */
  redirectUri?: string;
  webhookUrl?: string;
  now?: () => number;
}

/**
 * OaConnectionService: the admin side of the OA connection.
 *
 * @example
 * const { url } = await connection.start('web:lan');   // send the admin's browser to url
 * await connection.complete({ code, state, oaId });     // from the callback
 */
export class OaConnectionService {
  private readonly now: () => number;

  constructor(private readonly o: OaConnectionServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  /** True when the flow can start (PUBLIC_URL is set, so Zalo has somewhere to send the admin back). */
  get canConnect(): boolean {
    return Boolean(this.o.redirectUri);
  }

  /**
   * Starts an authorisation for `actor`: a fresh PKCE verifier (stored sealed) and state, valid 10
   * minutes. Returns the Zalo permission URL and the state. INVALID_INPUT without PUBLIC_URL.
   */
  async start(actor: string): Promise<{ url: string; state: string }> {
    const redirectUri = this.o.redirectUri;
    if (!redirectUri) throw new AppError('INVALID_INPUT', 'PUBLIC_URL is not set, so Zalo cannot send the admin back to this server');
    const verifier = newCodeVerifier();
    const state = newState();
    const now = this.now();
    await this.o.store.saveOaAuthState({ state, verifier: this.o.cipher.seal(verifier, stateAad(state)), createdBy: actor, createdAt: now, expiresAt: now + AUTH_STATE_TTL_MS });
    return { url: this.o.oauth.permissionUrl({ redirectUri, codeChallenge: codeChallenge(verifier), state }), state };
  }

  /**
   * Completes an authorisation from the callback: the state must be known, unused and unexpired; the code
   * is exchanged with its verifier, the OA's name looked up (best effort) and the pair stored, replacing
   * any previous one. Throws INVALID_INPUT (unknown or expired state, missing code) or FORBIDDEN (Zalo
   * refused the code) with the reason.
   */
  async complete(p: { code?: string; state?: string; oaId?: string }): Promise<OaConnectionView> {
    if (!p.state || !/^[A-Za-z0-9]{16,64}$/.test(p.state)) throw new AppError('INVALID_INPUT', 'the callback has no valid state');
    const pending = await this.o.store.takeOaAuthState(p.state, this.now());
    if (!pending) throw new AppError('INVALID_INPUT', 'this authorisation is unknown, already used or older than 10 minutes; start again');
    if (!p.code) throw new AppError('INVALID_INPUT', 'Zalo sent no authorisation code (the admin may have declined)');
    const verifier = this.o.cipher.open(pending.verifier, stateAad(p.state));
    let pair;
    try {
      pair = await this.o.oauth.exchangeCode(p.code, verifier);
    } catch (err: unknown) {
      if (err instanceof OaOAuthRejectedError) throw new AppError('FORBIDDEN', `Zalo refused the authorisation code: ${err.description}`, { cause: err });
      throw err;
    }
    const info = await this.o.client.getOaInfo(pair.accessToken).catch(() => ({ oaId: undefined, name: undefined }));
    const oaId = p.oaId && /^\d{1,32}$/.test(p.oaId) ? p.oaId : info.oaId;
    await this.o.tokens.saveConnection(pair, { by: pending.createdBy, oaId, oaName: info.name });
    return this.status();
  }

  /** Forgets the stored pair. */
  async disconnect(actor: string): Promise<void> {
    await this.o.tokens.disconnect(actor);
  }

  /** The connection as the admin page shows it. */
  async status(): Promise<OaConnectionView> {
    const { row, keyMatches } = await this.o.tokens.connection();
    const view: OaConnectionView = { status: row?.status ?? 'disconnected', keyMatches, appId: this.o.appId, redirectUri: this.o.redirectUri, webhookUrl: this.o.webhookUrl };
    if (!row) return view;
    const { oaId, oaName, accessExpiresAt, refreshExpiresAt, refreshedAt, connectedAt, connectedBy, problem, problemAt } = row;
    return { ...view, oaId, oaName, accessExpiresAt, refreshExpiresAt, refreshedAt, connectedAt, connectedBy, problem, problemAt };
  }
}

function stateAad(state: string): string {
  return `zalo-oa:pkce:${state}`;
}
