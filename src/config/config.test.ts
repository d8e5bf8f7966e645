import { describe, it, expect } from 'vitest';
import { loadConfig } from './config.js';
import { isAppError } from '../common/errors.js';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('loadConfig', () => {
  it('runs with no settings at all: SQLite in ./data, knowledge/, port 3000, no channels', () => {
    const c = loadConfig({}, '/srv/bot');
    expect(c).toMatchObject({ port: 3000, dataDir: '/srv/bot/data', knowledgeDir: '/srv/bot/knowledge', databaseUrl: 'sqlite:/srv/bot/data/cchc.sqlite', autoEscalate: false, autoEscalateUnits: [] });
    expect(c.telegram).toBeUndefined();
    expect(c.zalo).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('asks before escalating unless AUTO_ESCALATE is on, and reads the units that opt in', () => {
    expect(loadConfig({ AUTO_ESCALATE: 'on' }).autoEscalate).toBe(true);
    const c = loadConfig({ AUTO_ESCALATE_UNITS: ' so-noi-vu,so-tu-phap ,, so-noi-vu' });
    expect(c.autoEscalate).toBe(false);
    expect(c.autoEscalateUnits).toEqual(['so-noi-vu', 'so-tu-phap']);
  });

  it('turns a channel on when its token is set, with webhook secret and API root', () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc_DEF', TELEGRAM_WEBHOOK_SECRET: 'secret-123456', TELEGRAM_API_ROOT: 'http://127.0.0.1:9/', ZALO_BOT_TOKEN: 'z:1' });
    expect(c.telegram).toMatchObject({ token: '123:abc_DEF', webhookSecret: 'secret-123456', apiRoot: 'http://127.0.0.1:9' });
    expect(c.zalo?.apiRoot).toBe('https://bot-api.zaloplatforms.com');
  });

  it('reports every invalid setting in one error, naming the allowed values', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', AUTO_ESCALATE: 'maybe', AUTO_ESCALATE_UNITS: 'so-noi-vu, Sở Tư pháp', TELEGRAM_BOT_TOKEN: 'nope', TELEGRAM_WEBHOOK_SECRET: 'short', PUBLIC_URL: 'ftp://x', DATABASE_SCHEMA: 'Bad-Schema', SYNC_INTERVAL_SECONDS: '0' });
    } catch (e: unknown) {
      err = e;
    }
    expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
    const detail = (err as { detail: string }).detail;
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'AUTO_ESCALATE', 'AUTO_ESCALATE_UNITS', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'PUBLIC_URL', 'DATABASE_SCHEMA', 'SYNC_INTERVAL_SECONDS']) {
      expect(detail, `${name} should be listed`).toContain(name);
    }
    expect(detail).toContain('fatal, error, warn, info, debug, trace, silent');
  });

  it('reads the PostgreSQL schema and the sync interval for several instances', () => {
    expect(loadConfig({ DATABASE_SCHEMA: 'cchc_tinh', SYNC_INTERVAL_SECONDS: '2' })).toMatchObject({ databaseSchema: 'cchc_tinh', syncIntervalMs: 2000 });
    expect(loadConfig({})).toMatchObject({ databaseSchema: undefined, syncIntervalMs: 5000 });
  });

  it('never puts secrets in the error message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:topsecret@host/db' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:topsecret@host/db' })).not.toThrow(/topsecret/);
  });

  it('resolves EMBEDDING_MODEL_DIR against the working directory and lists a missing folder with the other problems', () => {
    const root = mkdtempSync(join(tmpdir(), 'cchc-cfg-'));
    try {
      mkdirSync(join(root, 'models', 'e5'), { recursive: true });
      expect(loadConfig({}, root).embeddingModelDir).toBeUndefined();
      expect(loadConfig({ EMBEDDING_MODEL_DIR: 'models/e5' }, root).embeddingModelDir).toBe(join(root, 'models', 'e5'));
      let err: unknown;
      try {
        loadConfig({ EMBEDDING_MODEL_DIR: 'models/missing', PORT: 'abc' }, root);
      } catch (e: unknown) {
        err = e;
      }
      expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
      const detail = (err as { detail: string }).detail;
      expect(detail).toContain('EMBEDDING_MODEL_DIR="models/missing" must be an existing folder');
      expect(detail).toContain('PORT');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
