/**
 * The Zalo OA tables (migration `zalo_oa`): their DDL for both dialects, row shapes and the mapping to the
 * channel's records, shared by the SQLite and PostgreSQL stores (BIGINT arrives as a string from pg).
 */
import type { OaAuthState, OaConnectionRow, OaConnectionStatus, OaUserRow } from '../channels/zalo-oa/index.js';
import { toMillis } from './rows.js';

type Millis = number | string;

const DDL = (int: string, flag: string) => `
CREATE TABLE zalo_oa_connection (
  app_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'disconnected',
  oa_id TEXT,
  oa_name TEXT,
  tokens TEXT,
  key_id TEXT,
  access_expires_at ${int},
  refresh_expires_at ${int},
  generation ${int} NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until ${int},
  connected_at ${int},
  connected_by TEXT,
  refreshed_at ${int},
  problem TEXT,
  problem_at ${int},
  seed_id TEXT
);
CREATE TABLE zalo_oa_auth_states (
  state TEXT PRIMARY KEY,
  verifier TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at ${int} NOT NULL,
  expires_at ${int} NOT NULL
);
CREATE INDEX zalo_oa_auth_states_expires ON zalo_oa_auth_states (expires_at);
CREATE TABLE zalo_oa_users (
  user_id TEXT PRIMARY KEY,
  last_interaction_at ${int} NOT NULL,
  last_message_at ${int},
  last_message_id TEXT,
  replies_to_last_message ${int} NOT NULL DEFAULT 0,
  followed ${flag},
  unfollowed_at ${int}
);
`;

/** Migration SQL: the OA connection (one row per app), pending OAuth states, per-user reply windows. */
export const ZALO_OA_TABLES_SQLITE = DDL('INTEGER', 'INTEGER');
export const ZALO_OA_TABLES_POSTGRES = DDL('BIGINT', 'BOOLEAN');

/** A `zalo_oa_connection` row as read from either database. */
export interface OaConnectionDbRow {
  app_id: string;
  status: string;
  oa_id: string | null;
  oa_name: string | null;
  tokens: string | null;
  key_id: string | null;
  access_expires_at: Millis | null;
  refresh_expires_at: Millis | null;
  generation: Millis;
  lease_owner: string | null;
  lease_until: Millis | null;
  connected_at: Millis | null;
  connected_by: string | null;
  refreshed_at: Millis | null;
  problem: string | null;
  problem_at: Millis | null;
  seed_id: string | null;
}

/** A `zalo_oa_auth_states` row. */
export interface OaAuthStateDbRow {
  state: string;
  verifier: string;
  created_by: string;
  created_at: Millis;
  expires_at: Millis;
}

/** A `zalo_oa_users` row. */
export interface OaUserDbRow {
  user_id: string;
  last_interaction_at: Millis;
  last_message_at: Millis | null;
  last_message_id: string | null;
  replies_to_last_message: Millis;
  followed: boolean | number | null;
  unfollowed_at: Millis | null;
}

const STATUSES: readonly OaConnectionStatus[] = ['connected', 'reauth_required', 'disconnected'];

/** Maps a connection row; null columns become absent fields. */
export function oaConnectionFromRow(r: OaConnectionDbRow): OaConnectionRow {
  const row: OaConnectionRow = {
    appId: r.app_id,
    status: (STATUSES as readonly string[]).includes(r.status) ? (r.status as OaConnectionStatus) : 'disconnected',
    generation: toMillis(r.generation),
  };
  const text = { oaId: r.oa_id, oaName: r.oa_name, tokens: r.tokens, keyId: r.key_id, leaseOwner: r.lease_owner, connectedBy: r.connected_by, problem: r.problem, seedId: r.seed_id };
  for (const [k, v] of Object.entries(text)) if (v !== null) (row as unknown as Record<string, unknown>)[k] = v;
  const times = { accessExpiresAt: r.access_expires_at, refreshExpiresAt: r.refresh_expires_at, leaseUntil: r.lease_until, connectedAt: r.connected_at, refreshedAt: r.refreshed_at, problemAt: r.problem_at };
  for (const [k, v] of Object.entries(times)) if (v !== null) (row as unknown as Record<string, unknown>)[k] = toMillis(v);
  return row;
}

/** Maps an auth-state row. */
export function oaAuthStateFromRow(r: OaAuthStateDbRow): OaAuthState {
  return { state: r.state, verifier: r.verifier, createdBy: r.created_by, createdAt: toMillis(r.created_at), expiresAt: toMillis(r.expires_at) };
}

/** Maps a user row. */
export function oaUserFromRow(r: OaUserDbRow): OaUserRow {
  const row: OaUserRow = { userId: r.user_id, lastInteractionAt: toMillis(r.last_interaction_at), repliesToLastMessage: toMillis(r.replies_to_last_message) };
  if (r.last_message_at !== null) row.lastMessageAt = toMillis(r.last_message_at);
  if (r.last_message_id !== null) row.lastMessageId = r.last_message_id;
  if (r.followed !== null) row.followed = Boolean(r.followed);
  if (r.unfollowed_at !== null) row.unfollowedAt = toMillis(r.unfollowed_at);
  return row;
}
