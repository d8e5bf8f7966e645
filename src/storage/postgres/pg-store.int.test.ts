import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError, isAppError } from '../../common/errors.js';
import { MIGRATIONS } from '../migrations.js';
import { openStore } from '../open-store.js';
import { runAuditContract } from '../audit.contract.js';
import { runReindexJobContract } from '../reindex-jobs.contract.js';
import { runWebInboxContract } from '../web-inbox.contract.js';
import { runEscalationContract } from '../escalation.contract.js';
import { runStoreContract } from '../store.contract.js';
import { runReportContract } from '../reports.contract.js';
import { runZaloOaContract } from '../zalo-oa.contract.js';
import { runReplyOutboxContract } from '../reply-outbox.contract.js';
import { runTrainingContract } from '../training.contract.js';
import { PgStore } from './pg-store.js';

/** The local test server CI starts (trust auth). */
const TEST_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** Every schema of this run starts with this prefix, so afterAll can drop them all. */
const RUN_PREFIX = `t_${randomBytes(4).toString('hex')}`;
let counter = 0;
const admin = new pg.Pool({ connectionString: TEST_URL, max: 2, connectionTimeoutMillis: 3000 });
admin.on('error', () => undefined);

function newSchema(): string {
  return `${RUN_PREFIX}_${++counter}`;
}

beforeAll(async () => {
  try {
    await admin.query('SELECT 1');
  } catch (err: unknown) {
    throw new Error(`PostgreSQL integration tests cannot reach ${TEST_URL}: ${describeError(err)}. `
      + 'help: start the local server (pg_ctlcluster <version> main start) with a "test" database and trust '
      + 'auth for postgres on 127.0.0.1; these tests never skip.', { cause: err });
  }
});

afterAll(async () => {
  try {
    const { rows } = await admin.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 || '\\_%'", [RUN_PREFIX]);
    for (const { nspname } of rows) await admin.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
  } finally {
    await admin.end();
  }
});

import { runLoginAttemptContract } from '../login-attempts.contract.js';

/** A migrated store in a fresh schema, with peers on the same schema (other instances' view) and cleanup. */
async function schemaStoreWithPeers() {
  const schema = newSchema();
  const store = new PgStore({ connectionString: TEST_URL, schema });
  await store.migrate();
  const peers: PgStore[] = [];
  return {
    store,
    openPeer: async () => {
      const peer = new PgStore({ connectionString: TEST_URL, schema });
      peers.push(peer);
      await peer.migrate();
      return peer;
    },
    cleanup: async () => {
      await store.close();
      for (const p of peers) await p.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

runStoreContract('PgStore', async () => {
  const schema = newSchema();
  const store = await openStore(TEST_URL, { schema });
  const peers: PgStore[] = [];
  return {
    store,
    openPeer: async () => {
      const peer = new PgStore({ connectionString: TEST_URL, schema });
      peers.push(peer);
      await peer.migrate();
      return peer;
    },
    feedbackFor: async (questionId) => {
      const { rows } = await admin.query<{ userId: string; value: string; createdAt: string }>(
        `SELECT user_id AS "userId", value, created_at AS "createdAt" FROM "${schema}".feedback
         WHERE question_id = $1 ORDER BY user_id`, [questionId]);
      return rows.map((r) => ({ ...r, createdAt: Number(r.createdAt) }));
    },
    cleanup: async () => {
      await store.close();
      for (const p of peers) await p.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
});

runAuditContract('PgStore', () => openStore(TEST_URL, { schema: newSchema() }));

runReindexJobContract('PgStore', () => openStore(TEST_URL, { schema: newSchema() }));

runWebInboxContract('PgStore', () => openStore(TEST_URL, { schema: newSchema() }));

runEscalationContract('PgStore', schemaStoreWithPeers);

runTrainingContract('PgStore', async () => { const store = await openStore(TEST_URL, { schema: newSchema() }); return { store, cleanup: () => store.close() }; });

runReportContract('PgStore', async () => { const store = await openStore(TEST_URL, { schema: newSchema() }); return { store, cleanup: () => store.close() }; });

runZaloOaContract('PgStore', schemaStoreWithPeers);

runReplyOutboxContract('PgStore', schemaStoreWithPeers);

describe('PgStore', () => {
  it('creates its tables only in its own schema', async () => {
    const schema = newSchema();
    const store = new PgStore({ connectionString: TEST_URL, schema });
    try {
      await store.migrate();
      const { rows } = await admin.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema]);
      expect(rows.map((r) => r.table_name)).toEqual(['audit_log', 'feedback', 'login_attempts', 'outbox', 'processed_updates', 'questions',
        'reindex_jobs', 'reply_jobs', 'roster_entries', 'roster_links', 'schema_migrations', 'staff_accounts', 'staff_faq_drafts', 'staff_sessions', 'ticket_waiters', 'tickets',
        'training_answers', 'training_completions', 'training_learners', 'training_lessons', 'users',
        'web_inbox', 'zalo_oa_auth_states', 'zalo_oa_connection', 'zalo_oa_users']);
    } finally {
      await store.close();
    }
  });

  it('applies each migration once when two instances migrate a new schema together', async () => {
    const schema = newSchema();
    const stores = [0, 1, 2].map(() => new PgStore({ connectionString: TEST_URL, schema }));
    try {
      await Promise.all(stores.map((s) => s.migrate()));
      const { rows } = await admin.query<{ id: number }>(`SELECT id FROM "${schema}".schema_migrations ORDER BY id`);
      expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    } finally {
      for (const s of stores) await s.close();
    }
  });

  it('marks old unanswered questions as abstentions when migration 4 adds the reply kind', async () => {
    const schema = newSchema();
    const before = new PgStore({ connectionString: TEST_URL, schema, migrations: MIGRATIONS.filter((m) => m.id < 4) });
    await before.migrate();
    await before.close();
    for (const [id, answered, source] of [['old-answer', true, 'search'], ['old-abstain', false, 'none']] as const) {
      await admin.query(`INSERT INTO "${schema}".questions (id, channel, chat_id, user_id, text, search_text, answered, source,
        confidence, citations, answer_text, unit_id, created_at) VALUES ($1, 'zalo', 'c', 'u', 'câu hỏi', 'câu hỏi', $2, $3, 0.5, '[]', '', NULL, 1)`,
      [id, answered, source]);
    }
    const after = new PgStore({ connectionString: TEST_URL, schema });
    try {
      await after.migrate();
      expect((await after.getQuestion('old-answer'))?.replyKind).toBe('answer');
      expect((await after.getQuestion('old-abstain'))?.replyKind).toBe('escalate');
    } finally {
      await after.close();
    }
  });

  it('keeps an options parameter of the URL while setting search_path', async () => {
    const schema = newSchema();
    const url = `${TEST_URL}?options=${encodeURIComponent('-c application_name=cchc_test')}`;
    const store = new PgStore({ connectionString: url, schema });
    try {
      await store.migrate();
      const { pool } = store as unknown as { pool: pg.Pool };
      const { rows } = await pool.query('SELECT current_setting($1) AS app, current_schema() AS schema', ['application_name']);
      expect(rows[0]).toEqual({ app: 'cchc_test', schema });
    } finally {
      await store.close();
    }
  });

  it('rejects ping with STORAGE_UNAVAILABLE quickly when nothing listens on the port', async () => {
    const store = new PgStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 1000 });
    const started = Date.now();
    try {
      const err = await store.ping().then(() => null, (e: unknown) => e);
      expect(isAppError(err, 'STORAGE_UNAVAILABLE'), `got ${String(err)}`).toBe(true);
      expect((err as Error).cause, 'the pg error must be kept as cause').toBeDefined();
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await store.close();
    }
  });

  it('makes openStore reject with STORAGE_UNAVAILABLE when the server is unreachable', async () => {
    const err = await openStore('postgres://postgres:s3cret@127.0.0.1:1/test').then(() => null, (e: unknown) => e);
    expect(isAppError(err, 'STORAGE_UNAVAILABLE'), `got ${String(err)}`).toBe(true);
    expect(String(err), 'the password must not appear in the error').not.toContain('s3cret');
  });

  it('rejects with STORAGE_UNAVAILABLE after connectionTimeoutMillis when the server never answers', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => { sockets.add(s); s.on('error', () => undefined); });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const store = new PgStore({ connectionString: `postgres://postgres@127.0.0.1:${port}/test`, connectionTimeoutMillis: 500 });
    const started = Date.now();
    try {
      const err = await store.ping().then(() => null, (e: unknown) => e);
      expect(isAppError(err, 'STORAGE_UNAVAILABLE'), `got ${String(err)}`).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await store.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('survives a connection cut while a transaction holds it between two queries (database restart), rejecting with STORAGE_UNAVAILABLE', async () => {
    const store = new PgStore({ connectionString: TEST_URL, schema: newSchema() });
    const unhandled: unknown[] = [];
    const onUncaught = (err: unknown) => unhandled.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      await store.migrate();
      const tx = (store as unknown as { transaction: <T>(op: string, fn: (q: (text: string, values?: unknown[]) => Promise<pg.QueryResult>) => Promise<T>) => Promise<T> }).transaction;
      const err = await tx.call(store, 'cut', async (q) => {
        const { rows } = await q('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        // Idle in the transaction while the server closes the connection: the client emits 'error'.
        await new Promise((r) => setTimeout(r, 300));
        return q('SELECT 1');
      }).then(() => null, (e: unknown) => e);
      expect(isAppError(err, 'STORAGE_UNAVAILABLE'), `got ${String(err)}`).toBe(true);
      expect(unhandled, 'no error escaped as an uncaught exception').toEqual([]);
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      process.off('uncaughtException', onUncaught);
      await store.close();
    }
  });

  it('rejects a schema name that is not a plain lowercase identifier', () => {
    expect(() => new PgStore({ connectionString: TEST_URL, schema: 'x"; DROP SCHEMA public; --' }))
      .toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

runLoginAttemptContract('PgStore', async () => {
  const schema = newSchema();
  const store = await openStore(TEST_URL, { schema });
  const peer = await openStore(TEST_URL, { schema });
  return { store, peer, cleanup: async () => { await store.close(); await peer.close(); } };
});
