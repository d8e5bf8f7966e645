/**
 * The OA token pair over its whole life: stored sealed, handed out while fresh, refreshed ahead of
 * expiry by exactly one instance at a time (a database lease), saved atomically before the new access
 * token is used, and reported once when Zalo refuses the refresh token (platforms.md §2.5: refresh tokens
 * are single-use, so two instances refreshing at once would burn the pair).
 */
import { randomUUID } from 'node:crypto';
import { describeError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { OaNotConnectedError, OaOAuthRejectedError } from './oa-errors.js';
import type { ZaloOaOAuthClient, OaTokenPair } from './oauth-client.js';
import type { OaConnectionRow, OaTokenWrite, ZaloOaStore } from './ports.js';
import { SealedPairCodec } from './sealed-pair.js';
import type { ClearPair } from './sealed-pair.js';
import type { TokenCipher } from './token-cipher.js';
import { seedConnection } from './token-seed.js';
import type { SeedOutcome } from './token-seed.js';

/** Something that happened to the token pair, for logs, metrics and alerts. */
export type OaTokenEvent =
  | { kind: 'connected'; by: string; oaId?: string }
  | { kind: 'refreshed'; accessExpiresAt: number }
  | { kind: 'refresh_failed'; error: string }
  | { kind: 'reauth_required'; problem: string }
  | { kind: 'disconnected'; by: string };

/** Options for {@link OaTokenManager}. */
export interface OaTokenManagerOptions {
  store: ZaloOaStore;
  oauth: ZaloOaOAuthClient;
  cipher: TokenCipher;
  appId: string;
  logger: Logger;
  /** This instance's lease owner id. Default a random id. */
  owner?: string;
  /** Refresh when the access token has less than this left, ms. Default 1 hour (tokens live about 25 h). */
  refreshAheadMs?: number;
  /** How long a refresh lease lasts, ms. Must exceed the OAuth timeout with room to save. Default 60 000. */
  leaseMs?: number;
  /** The OAuth client's request timeout, ms, checked against `leaseMs`. Default 10 000. */
  oauthTimeoutMs?: number;
  /** Pause between looks while another instance refreshes, ms. Default 200. */
  pollMs?: number;
  /** Told about every {@link OaTokenEvent} (alerts, metrics). Must not throw. */
  onEvent?: (e: OaTokenEvent) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The access token after a refresh, and whether this instance did it (or used another's new pair). */
interface Refreshed {
  accessToken: string;
  here: boolean;
}

/** The decrypted pair with the row it came from. */
interface Current {
  row: OaConnectionRow;
  pair?: ClearPair;
}

/**
 * OaTokenManager: hands out a valid access token and keeps the pair alive.
 *
 * - {@link OaTokenManager.accessToken}: the stored token, refreshed first when it has less than
 *   `refreshAheadMs` left. A token whose refresh failed is still used until it actually expires.
 * - {@link OaTokenManager.refreshAfterRejection}: after Zalo refused a token (-216): use a newer pair if
 *   another instance already refreshed, otherwise refresh.
 * - {@link OaTokenManager.refreshIfDue}: the background check (`start()` runs it every 5 minutes).
 *
 * A refresh takes the row's lease first; an instance that finds it held waits for the holder's pair. The
 * new pair is saved only if the row's generation is still the one refreshed from, then used.
 *
 * @example
 * const tokens = new OaTokenManager({ store, oauth, cipher, appId, logger, onEvent });
 * await client.sendText(await tokens.accessToken(), { userId, text });
 */
export class OaTokenManager {
  readonly owner: string;
  private readonly refreshAheadMs: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private inflight: Promise<Refreshed> | undefined;
  /** A refreshed pair the database refused to take (it was down): saved again before anything else. */
  private unsaved: { write: OaTokenWrite; generation: number; accessToken: string; accessExpiresAt: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly codec: SealedPairCodec;

  constructor(private readonly o: OaTokenManagerOptions) {
    this.owner = o.owner ?? `oa-${randomUUID()}`;
    this.refreshAheadMs = o.refreshAheadMs ?? 3600_000;
    this.leaseMs = o.leaseMs ?? 60_000;
    this.pollMs = o.pollMs ?? 200;
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.codec = new SealedPairCodec(o.cipher, o.appId, this.now);
    // The lease must outlive the slowest refresh call, or a second instance could spend the same token.
    if (this.leaseMs < 2 * (o.oauthTimeoutMs ?? 10_000)) throw new Error('OaTokenManager: leaseMs must be at least twice the OAuth timeout');
  }

  /** A usable access token; refreshes first when it is due. Throws {@link OaNotConnectedError} when there is none. */
  async accessToken(): Promise<string> {
    await this.saveUnsaved();
    if (this.unsaved && this.unsaved.accessExpiresAt > this.now()) return this.unsaved.accessToken;
    const { row, pair } = await this.current();
    if (!pair) throw notConnected(row);
    const left = (row.accessExpiresAt ?? 0) - this.now();
    if (row.status === 'connected' && left > this.refreshAheadMs) return pair.accessToken;
    if (row.status !== 'connected') {
      if (left > 0) return pair.accessToken;
      throw notConnected(row);
    }
    try {
      return (await this.refresh(row.generation)).accessToken;
    } catch (err: unknown) {
      // A failed early refresh does not stop a token that is still valid.
      if (left > 0) return pair.accessToken;
      throw err;
    }
  }

  /**
   * A new access token after Zalo refused `rejected` (expired or invalid): another instance's newer pair
   * when there is one, else a refresh. Throws {@link OaNotConnectedError} when none can be had.
   */
  async refreshAfterRejection(rejected: string): Promise<string> {
    await this.saveUnsaved();
    if (this.unsaved) throw new OaNotConnectedError('refresh_unavailable', 'the last refreshed pair is not saved yet (database unavailable)');
    const { row, pair } = await this.current();
    if (!pair || row.status !== 'connected') throw notConnected(row);
    if (pair.accessToken !== rejected) return pair.accessToken;
    return (await this.refresh(row.generation)).accessToken;
  }

  /** Refreshes when the stored access token is due; true when a refresh happened here. Never throws. */
  async refreshIfDue(): Promise<boolean> {
    try {
      await this.saveUnsaved();
      const { row, pair } = await this.current();
      if (!pair || row.status !== 'connected' || (row.accessExpiresAt ?? 0) - this.now() > this.refreshAheadMs) return false;
      return (await this.refresh(row.generation)).here;
    } catch (err: unknown) {
      this.o.logger.warn({ channel: 'zalo-oa', err: describeError(err) }, 'zalo-oa scheduled token refresh failed');
      return false;
    }
  }

  /** Runs {@link OaTokenManager.refreshIfDue} now and then every `everyMs` (default 5 minutes) until `stop()`. */
  start(everyMs = 5 * 60_000): void {
    if (this.timer) return;
    void this.refreshIfDue();
    this.timer = setInterval(() => void this.refreshIfDue(), everyMs);
    this.timer.unref?.();
  }

  /** Stops the background check and waits for a refresh in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inflight?.catch(() => undefined);
  }

  /** Stores a pair from a new connection (OAuth callback or seed); it replaces whatever was stored. */
  async saveConnection(pair: OaTokenPair, connection: NonNullable<OaTokenWrite['connection']>): Promise<void> {
    await this.o.store.saveOaTokens(this.o.appId, 'any', this.codec.write(pair, connection));
    this.unsaved = undefined;
    this.emit({ kind: 'connected', by: connection.by, oaId: connection.oaId });
  }

  /**
   * Connects from the seed refresh token (`ZALO_OA_REFRESH_TOKEN`) when no usable pair is stored and this
   * seed was never used; see {@link seedConnection}.
   */
  seed(refreshToken: string): Promise<SeedOutcome> {
    const o = this.o;
    return seedConnection({ store: o.store, oauth: o.oauth, codec: this.codec, appId: o.appId, owner: this.owner, leaseMs: this.leaseMs, now: this.now, logger: o.logger, emit: (e) => this.emit(e) }, refreshToken);
  }

  /** Forgets the pair (admin action). Zalo has no revoke call; the OA admin can remove the app on Zalo's side. */
  async disconnect(by: string): Promise<void> {
    await this.o.store.disconnectOa(this.o.appId, this.now());
    this.unsaved = undefined;
    this.emit({ kind: 'disconnected', by });
  }

  /** The stored row and whether its pair opens with this instance's key (for the admin page). */
  async connection(): Promise<{ row: OaConnectionRow | null; keyMatches: boolean }> {
    const row = await this.o.store.getOaConnection(this.o.appId);
    return { row, keyMatches: this.codec.keyMatches(row) };
  }

  /** One refresh at a time in this process; concurrent callers share it. */
  private refresh(seenGeneration: number): Promise<Refreshed> {
    this.inflight ??= this.refreshAcrossInstances(seenGeneration).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Takes the lease and refreshes, or waits for the instance that holds it to save its pair. */
  private async refreshAcrossInstances(seenGeneration: number): Promise<Refreshed> {
    const giveUpAt = this.now() + this.leaseMs + 5000;
    for (;;) {
      const leased = await this.o.store.leaseOaConnection(this.o.appId, this.owner, this.now(), this.now() + this.leaseMs);
      if (leased) {
        if (leased.generation !== seenGeneration && leased.status === 'connected' && leased.tokens) {
          await this.o.store.releaseOaConnection(this.o.appId, this.owner);
          return this.open(leased);
        }
        return this.refreshHoldingLease(leased);
      }
      await this.sleep(this.pollMs);
      const row = await this.o.store.getOaConnection(this.o.appId);
      if (row && row.generation !== seenGeneration && row.status === 'connected' && row.tokens) return this.open(row);
      if (row && row.status !== 'connected') throw notConnected(row);
      if (this.now() > giveUpAt) throw new OaNotConnectedError('refresh_unavailable', 'another instance holds the refresh lease and has not saved a new pair');
    }
  }

  private async refreshHoldingLease(row: OaConnectionRow): Promise<Refreshed> {
    const { pair } = this.decrypt(row);
    if (!pair || row.status !== 'connected') {
      await this.o.store.releaseOaConnection(this.o.appId, this.owner);
      throw notConnected(row);
    }
    let fresh: OaTokenPair;
    try {
      fresh = await this.o.oauth.refresh(pair.refreshToken);
    } catch (err: unknown) {
      if (err instanceof OaOAuthRejectedError) return this.reportBurnt(row, err);
      await this.o.store.releaseOaConnection(this.o.appId, this.owner).catch(() => undefined);
      this.emit({ kind: 'refresh_failed', error: describeError(err) });
      throw err;
    }
    const write = this.codec.write(fresh);
    // The new pair is saved before it is used: the old refresh token is already spent at Zalo.
    if (!(await this.saveRefreshed(write, row.generation))) {
      const latest = await this.current();
      if (latest.pair && latest.row.status === 'connected') return { accessToken: latest.pair.accessToken, here: false };
      throw notConnected(latest.row);
    }
    this.o.logger.info({ channel: 'zalo-oa', accessExpiresAt: fresh.accessExpiresAt }, 'zalo-oa token pair refreshed');
    this.emit({ kind: 'refreshed', accessExpiresAt: fresh.accessExpiresAt });
    return { accessToken: fresh.accessToken, here: true };
  }

  /** Saves a refreshed pair, retrying a few times; keeps it in memory if the database stays down. */
  private async saveRefreshed(write: OaTokenWrite, generation: number): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        const saved = await this.o.store.saveOaTokens(this.o.appId, generation, write);
        if (!saved) this.o.logger.error({ channel: 'zalo-oa', generation }, 'zalo-oa refreshed pair not saved: another save came first (lease lost?)');
        return saved;
      } catch (err: unknown) {
        if (attempt >= 4) {
          const { accessToken } = this.codec.open(write.tokens);
          this.unsaved = { write, generation, accessToken, accessExpiresAt: write.accessExpiresAt };
          this.o.logger.error({ channel: 'zalo-oa', err: describeError(err) }, 'zalo-oa refreshed pair could not be saved yet; kept in memory and saved again on the next use');
          return true;
        }
        await this.sleep(250 * 2 ** attempt);
      }
    }
  }

  /** Saves a pair the database refused earlier; until it is saved, its access token is what we use. */
  private async saveUnsaved(): Promise<void> {
    const u = this.unsaved;
    if (!u) return;
    try {
      await this.o.store.saveOaTokens(this.o.appId, u.generation, u.write);
      this.unsaved = undefined;
    } catch (err: unknown) {
      this.o.logger.warn({ channel: 'zalo-oa', err: describeError(err) }, 'zalo-oa refreshed pair still not saved');
    }
  }

  /** Zalo refused the refresh token: mark the pair once (one instance reports) and tell admins. */
  private async reportBurnt(row: OaConnectionRow, err: OaOAuthRejectedError): Promise<never> {
    const first = await this.o.store.markOaReauthRequired(this.o.appId, row.generation, err.description, this.now());
    if (first) {
      this.o.logger.error(
        { channel: 'zalo-oa', alert: 'zalo_oa_reauth_required', oaId: row.oaId, err: err.message },
        'zalo-oa refresh token refused: an admin must connect the OA again at /admin/zalo-oa',
      );
      this.emit({ kind: 'reauth_required', problem: err.description });
    }
    throw new OaNotConnectedError('reauth_required', err.description);
  }

  /** The stored row and its decrypted pair. */
  private async current(): Promise<Current> {
    const row = await this.o.store.getOaConnection(this.o.appId);
    if (!row) return { row: { appId: this.o.appId, status: 'disconnected', generation: 0 } };
    return this.decrypt(row);
  }

  private decrypt(row: OaConnectionRow): Current {
    return { row, pair: this.codec.read(row) };
  }

  /** Another instance's saved pair. */
  private open(row: OaConnectionRow): Refreshed {
    const pair = this.codec.read(row);
    if (!pair) throw notConnected(row);
    return { accessToken: pair.accessToken, here: false };
  }

  private emit(e: OaTokenEvent): void {
    try {
      this.o.onEvent?.(e);
    } catch (err: unknown) {
      this.o.logger.warn({ channel: 'zalo-oa', err: describeError(err) }, 'zalo-oa token event handler failed');
    }
  }
}

/** The error for a row without a usable pair. */
function notConnected(row: OaConnectionRow): OaNotConnectedError {
  if (row.status === 'reauth_required') return new OaNotConnectedError('reauth_required', row.problem ?? 'Zalo refused the refresh token');
  return new OaNotConnectedError('not_connected', 'no token pair is stored; connect the OA at /admin/zalo-oa');
}
