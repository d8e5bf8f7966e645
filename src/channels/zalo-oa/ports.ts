/**
 * The storage the Zalo OA channel needs, implemented for SQLite and PostgreSQL in `storage/`: the OA
 * connection (the sealed token pair and the refresh lease), pending OAuth authorisations, and each
 * user's last interaction (the reply window).
 */

/** Whether a usable token pair is stored. */
export type OaConnectionStatus = 'connected' | 'reauth_required' | 'disconnected';

/** The stored OA connection: one row per app id. */
export interface OaConnectionRow {
  appId: string;
  /**
   * `connected`: a pair is stored and believed usable. `reauth_required`: Zalo refused the refresh token
   * (spent, expired or revoked); an admin must connect again. `disconnected`: never connected, or
   * disconnected by an admin.
   */
  status: OaConnectionStatus;
  oaId?: string;
  oaName?: string;
  /** The token pair, sealed (TokenCipher); absent unless a pair was saved and not wiped. */
  tokens?: string;
  /** Fingerprint of the key that sealed `tokens`. */
  keyId?: string;
  accessExpiresAt?: number;
  /** When the refresh token runs out (Zalo says about 3 months; it does not return the exact time). */
  refreshExpiresAt?: number;
  /** Bumped by every save of a new pair and by every disconnect: fences refreshes across instances. */
  generation: number;
  /** The instance allowed to refresh, and until when. */
  leaseOwner?: string;
  leaseUntil?: number;
  connectedAt?: number;
  /** Who connected the OA: `web:<admin>` or `seed` (ZALO_OA_REFRESH_TOKEN). */
  connectedBy?: string;
  refreshedAt?: number;
  /** Why the pair is unusable (Zalo's error text), with `reauth_required`. */
  problem?: string;
  problemAt?: number;
  /** Fingerprint of the last seed refresh token used, so one seed is spent once. */
  seedId?: string;
}

/** A new token pair to store. */
export interface OaTokenWrite {
  /** The sealed pair. */
  tokens: string;
  keyId: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  at: number;
  /** With a new connection (OAuth callback or seed): who connected, and the OA when known. */
  connection?: { by: string; oaId?: string; oaName?: string; seedId?: string };
}

/** A pending OAuth v4 authorisation (one per "Kết nối" click), used once by the callback. */
export interface OaAuthState {
  state: string;
  /** The PKCE code verifier, sealed. */
  verifier: string;
  /** The admin who started it (`web:<username>`). */
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}

/** What an OA user last did, for the reply window (platforms.md §2.6). */
export interface OaUserRow {
  userId: string;
  /** Last message, follow or other interaction: the user can be reached for 7 days after it. */
  lastInteractionAt: number;
  /** Last message from the user: replies to it are free for 48 hours, up to 8 of them. */
  lastMessageAt?: number;
  lastMessageId?: string;
  /** Replies sent quoting `lastMessageId`. */
  repliesToLastMessage: number;
  /** True after a follow, false after an unfollow, undefined when neither was seen. */
  followed?: boolean;
  unfollowedAt?: number;
}

/**
 * ZaloOaStore: what the OA channel stores. Every method is atomic; the lease and generation checks hold
 * when several instances share one database.
 */
export interface ZaloOaStore {
  /** The connection row, or null when none was ever stored. */
  getOaConnection(appId: string): Promise<OaConnectionRow | null>;
  /**
   * Takes the refresh lease until `leaseUntil` (creating a `disconnected` row when there is none) unless
   * another owner holds an unexpired lease. Returns the row as leased, or null when someone else holds it.
   */
  leaseOaConnection(appId: string, owner: string, now: number, leaseUntil: number): Promise<OaConnectionRow | null>;
  /** Gives the lease back; a no-op unless `owner` holds it. */
  releaseOaConnection(appId: string, owner: string): Promise<void>;
  /**
   * Saves a new pair (status `connected`, generation + 1, lease released, problem cleared) if the stored
   * generation is still `expectedGeneration` (`'any'`: an admin's new connection always wins). Returns
   * false, saving nothing, when another save came first.
   */
  saveOaTokens(appId: string, expectedGeneration: number | 'any', w: OaTokenWrite): Promise<boolean>;
  /**
   * Marks the stored pair unusable (`reauth_required`, with the problem) if the generation is still
   * `expectedGeneration`, and releases the lease. True when this call changed it (so exactly one
   * instance reports it).
   */
  markOaReauthRequired(appId: string, expectedGeneration: number, problem: string, at: number): Promise<boolean>;
  /** Wipes the pair (status `disconnected`, generation + 1, lease released). */
  disconnectOa(appId: string, at: number): Promise<void>;

  saveOaAuthState(s: OaAuthState): Promise<void>;
  /** Returns and deletes the state (single use); null when unknown or expired. Expired states are purged. */
  takeOaAuthState(state: string, now: number): Promise<OaAuthState | null>;

  /**
   * Records an interaction. A `message` newer than the stored one becomes the last message (its reply
   * count starts at 0); a `follow` marks the user followed; an `unfollow` marks them unfollowed and does
   * not count as an interaction. Out-of-order deliveries never move times backwards.
   */
  recordOaInteraction(i: { userId: string; at: number; kind: 'message' | 'follow' | 'unfollow'; msgId?: string }): Promise<void>;
  /** The user's interaction record, or null. */
  getOaUser(userId: string): Promise<OaUserRow | null>;
  /** Counts one reply quoting `msgId` when it is still the user's last message; returns the count (0 otherwise). */
  countOaReply(userId: string, msgId: string): Promise<number>;
}
