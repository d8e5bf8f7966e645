import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../common/errors.js';
import { openStore } from '../open-store.js';
import { MIGRATIONS } from '../migrations.js';
import { runAuditContract } from '../audit.contract.js';
import { runReindexJobContract } from '../reindex-jobs.contract.js';
import { runWebInboxContract } from '../web-inbox.contract.js';
import { MemoryWebInbox } from '../../channels/webchat/index.js';
import { MemoryReindexJobStore } from '../../admin/memory-reindex-jobs.js';
import { runEscalationContract } from '../escalation.contract.js';
import { runStoreContract } from '../store.contract.js';
import { runReportContract } from '../reports.contract.js';
import { runZaloOaContract } from '../zalo-oa.contract.js';
import { runReplyOutboxContract } from '../reply-outbox.contract.js';
import { runTrainingContract } from '../training.contract.js';
import { SqliteStore } from './sqlite-store.js';
import { runLoginAttemptContract } from '../login-attempts.contract.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-sqlite-'));
let counter = 0;

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Reads raw rows with a separate read-only connection (the file is in WAL mode, so this sees commits). */
function readRows<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * A migrated store on a fresh file, with peers on the same file (other processes' view) and cleanup.
 * `viaOpenStore`: the store comes from `openStore`, which creates the missing folder and migrates.
 */
async function fileStoreWithPeers(prefix: string, viaOpenStore = false) {
  const dir = join(root, `${prefix}-${++counter}`);
  const file = join(dir, 'bot.db');
  const migrated = async () => {
    const s = new SqliteStore({ path: file });
    await s.migrate();
    return s;
  };
  if (!viaOpenStore) mkdirSync(dir);
  const store = viaOpenStore ? await openStore(`sqlite:${file}`) : await migrated();
  const peers: SqliteStore[] = [];
  return {
    store,
    file,
    openPeer: async () => {
      const peer = await migrated();
      peers.push(peer);
      return peer;
    },
    cleanup: async () => {
      await store.close();
      for (const p of peers) await p.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

runStoreContract('SqliteStore', async () => {
  const s = await fileStoreWithPeers('db', true);
  return {
    ...s,
    feedbackFor: async (questionId) => readRows<{ userId: string; value: string; createdAt: number }>(s.file,
      'SELECT user_id AS userId, value, created_at AS createdAt FROM feedback WHERE question_id = ? ORDER BY user_id',
      questionId),
  };
});

runAuditContract('SqliteStore', () => openStore('sqlite::memory:'));

runReindexJobContract('SqliteStore', () => openStore('sqlite::memory:'));

runWebInboxContract('SqliteStore', () => openStore('sqlite::memory:'));

runWebInboxContract('MemoryWebInbox', async () => Object.assign(new MemoryWebInbox(), { close: async () => undefined }));

runReindexJobContract('MemoryReindexJobStore', async () => Object.assign(new MemoryReindexJobStore(), { close: async () => undefined }));

runEscalationContract('SqliteStore', () => fileStoreWithPeers('esc'));

runTrainingContract('SqliteStore', async () => { const store = await openStore(`sqlite:${join(root, `tr-${++counter}`, 'bot.db')}`); return { store, cleanup: () => store.close() }; });

runReportContract('SqliteStore', async () => { const store = await openStore(`sqlite:${join(root, `rep-${++counter}`, 'bot.db')}`); return { store, cleanup: () => store.close() }; });

runZaloOaContract('SqliteStore', () => fileStoreWithPeers('oa'));

runReplyOutboxContract('SqliteStore', () => fileStoreWithPeers('reply'));

describe('SqliteStore', () => {
  it('sets WAL mode, a busy timeout and foreign keys on a file database', async () => {
    const file = join(root, 'pragmas.db');
    const store = new SqliteStore({ path: file, busyTimeoutMillis: 1234 });
    try {
      await store.migrate();
      const db = (store as unknown as { db: Database.Database }).db;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('records every migration once when two instances migrate the same new file', async () => {
    const file = join(root, 'twice.db');
    const a = new SqliteStore({ path: file });
    const b = new SqliteStore({ path: file });
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      const ids = readRows<{ id: number }>(file, 'SELECT id FROM schema_migrations ORDER BY id').map((r) => r.id);
      expect(ids).toEqual(MIGRATIONS.map((m) => m.id));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('marks old unanswered questions as abstentions when migration 4 adds the reply kind', async () => {
    const file = join(root, 'upgrade.db');
    const before = new SqliteStore({ path: file, migrations: MIGRATIONS.filter((m) => m.id < 4) });
    await before.migrate();
    await before.close();
    const db = new Database(file);
    const insert = db.prepare(`INSERT INTO questions (id, channel, chat_id, user_id, text, search_text, answered, source,
      confidence, citations, answer_text, unit_id, created_at) VALUES (?, 'zalo', 'c', 'u', 'câu hỏi', 'câu hỏi', ?, ?, 0.5, '[]', '', NULL, ?)`);
    insert.run('old-answer', 1, 'search', 1);
    insert.run('old-abstain', 0, 'none', 2);
    db.close();
    const after = new SqliteStore({ path: file });
    try {
      await after.migrate();
      expect((await after.getQuestion('old-answer'))?.replyKind).toBe('answer');
      expect((await after.getQuestion('old-abstain'))?.replyKind).toBe('escalate');
    } finally {
      await after.close();
    }
  });

  it('works in memory through openStore("sqlite::memory:")', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      expect(await store.markUpdate('web', 'm1', 1)).toBe(true);
      expect(await store.markUpdate('web', 'm1', 1)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('throws STORAGE_UNAVAILABLE when the file cannot be opened', () => {
    let caught: unknown;
    try {
      new SqliteStore({ path: join(root, 'no-such-folder', 'x.db') });
    } catch (err: unknown) {
      caught = err;
    }
    expect(isAppError(caught, 'STORAGE_UNAVAILABLE'), String(caught)).toBe(true);
  });

  it('rejects CONFIG_INVALID for an unsupported URL without echoing it', async () => {
    const err = await openStore('mysql://root:secret@db/x').catch((e: unknown) => e);
    expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
    expect(String(err)).not.toContain('secret');
  });
});

runLoginAttemptContract('SqliteStore', async () => {
  const file = join(root, `login-${++counter}`, 'bot.db');
  const store = await openStore(`sqlite:${file}`);
  const peer = await openStore(`sqlite:${file}`);
  return { store, peer, cleanup: async () => { await store.close(); await peer.close(); } };
});
