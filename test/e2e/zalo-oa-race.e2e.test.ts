/**
 * Two bot instances on one PostgreSQL database and one Zalo OA: the single-use refresh token must be
 * spent by exactly one of them, whether they start together (seed), refresh ahead of expiry together,
 * or both find their token rejected at once; a refused refresh token is reported once.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.js';
import { buildApp } from '../../src/app/index.js';
import type { App } from '../../src/app/index.js';
import { PgStore } from '../../src/storage/index.js';
import { startFakeZaloOa, oaTextEvent } from '../fakes/zalo-oa-api.js';
import type { FakeOaCall, FakeZaloOa } from '../fakes/zalo-oa-api.js';
import { REPO_ROOT } from '../support/shared.js';
import { zaloOaEnv } from './harness.js';

const DB = 'postgres://postgres@127.0.0.1:5432/test';
const toUser = (userId: string) => (c: FakeOaCall) => (c.body.recipient as { user_id?: string } | undefined)?.user_id === userId && c.answer.error === 0;

interface Instance {
  app: App;
  url: string;
  logs: string[];
}

describe('Zalo OA token refresh across two instances on one PostgreSQL database', () => {
  const schema = `t_oarace_${randomBytes(4).toString('hex')}`;
  const root = mkdtempSync(join(tmpdir(), 'cchc-oarace-'));
  const admin = new pg.Pool({ connectionString: DB, max: 2 });
  let fake: FakeZaloOa;
  let a: Instance;
  let b: Instance;

  async function instance(env: Record<string, string>): Promise<Instance> {
    const store = new PgStore({ connectionString: DB, schema });
    await store.migrate();
    const config = loadConfig({ PORT: '0', DATA_DIR: join(root, 'data'), KNOWLEDGE_DIR: join(REPO_ROOT, 'knowledge'), LOG_LEVEL: 'info', DATABASE_URL: DB, ...env });
    const logs: string[] = [];
    const sink = new Writable({ write(chunk, _e, cb) { logs.push(String(chunk)); cb(); } });
    const app = await buildApp(config, { store, logDestination: sink, retry: { baseDelayMs: 5, maxDelayMs: 50, attempts: 5 }, zaloMinSendIntervalMs: 0 });
    return { app, url: '', logs };
  }

  /** Makes the stored access token due for an early refresh (10 minutes left, the margin is 1 hour). */
  async function makeDue(): Promise<void> {
    await admin.query(`UPDATE "${schema}".zalo_oa_connection SET access_expires_at = $1`, [Date.now() + 10 * 60_000]);
  }

  async function generation(): Promise<number> {
    const { rows } = await admin.query<{ generation: string }>(`SELECT generation FROM "${schema}".zalo_oa_connection`);
    return Number(rows[0].generation);
  }

  beforeAll(async () => {
    fake = await startFakeZaloOa({ refreshDelayMs: 300 });
    const env = zaloOaEnv(fake);
    a = await instance(env);
    b = await instance(env); // loads the index snapshot A built
    // Both start together: each tries to spend the seed refresh token.
    const [pa, pb] = await Promise.all([a.app.start(), b.app.start()]);
    a.url = `http://127.0.0.1:${pa}`;
    b.url = `http://127.0.0.1:${pb}`;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.app.stop(), b?.app.stop()]);
    await fake?.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
    rmSync(root, { recursive: true, force: true });
  });

  it('spends the seed refresh token once when both start together', async () => {
    expect(fake.refreshCalls().map((c) => typeof c.answer.access_token)).toEqual(['string']);
    for (const i of [a, b]) expect((await i.app.zaloOa?.connection.status())?.status).toBe('connected');
  });

  it('refreshes ahead of expiry exactly once when both instances find the token due at the same moment', async () => {
    const before = fake.refreshCalls().length;
    const gen = await generation();
    await makeDue();
    const [a1, b1, a2, b2] = await Promise.all([a.app.zaloOa?.tokens.refreshIfDue(), b.app.zaloOa?.tokens.refreshIfDue(), a.app.zaloOa?.tokens.refreshIfDue(), b.app.zaloOa?.tokens.refreshIfDue()]);
    expect([a1 === a2, b1 === b2], 'calls within one instance share its refresh').toEqual([true, true]);
    expect([a1, b1].filter(Boolean), 'exactly one instance refreshed').toHaveLength(1);
    const calls = fake.refreshCalls().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].answer.error, 'the refresh token was accepted').toBeUndefined();
    expect(await generation()).toBe(gen + 1);
    // Both answer with the new access token, saved before use.
    await fake.deliver(`${a.url}/webhooks/zalo-oa`, oaTextEvent('u-race-a', 'Bộ phận Một cửa là gì?'));
    await fake.deliver(`${b.url}/webhooks/zalo-oa`, oaTextEvent('u-race-b', 'Cơ chế một cửa là gì?'));
    await fake.waitFor('message/cs', toUser('u-race-a'), 10_000);
    await fake.waitFor('message/cs', toUser('u-race-b'), 10_000);
    const newest = String(calls[0].answer.access_token);
    expect(fake.sent.filter((s) => s.userId.startsWith('u-race-')).every((s) => s.accessToken === newest)).toBe(true);
  });

  it('refreshes once when both instances find their token rejected mid-conversation at once', async () => {
    const before = fake.refreshCalls().length;
    fake.expireAccessTokens();
    await Promise.all([
      fake.deliver(`${a.url}/webhooks/zalo-oa`, oaTextEvent('u-exp-a', 'Dịch vụ công trực tuyến là gì?')),
      fake.deliver(`${b.url}/webhooks/zalo-oa`, oaTextEvent('u-exp-b', 'Thủ tục hành chính là gì?')),
    ]);
    await fake.waitFor('message/cs', toUser('u-exp-a'), 10_000);
    await fake.waitFor('message/cs', toUser('u-exp-b'), 10_000);
    const calls = fake.refreshCalls().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].answer.error).toBeUndefined();
  });

  it('reports a refused refresh token once across instances and stops trying', async () => {
    const before = fake.refreshCalls().length;
    fake.revokeRefreshTokens();
    await makeDue();
    await Promise.all([a.app.zaloOa?.tokens.refreshIfDue(), b.app.zaloOa?.tokens.refreshIfDue()]);
    await Promise.all([a.app.zaloOa?.tokens.refreshIfDue(), b.app.zaloOa?.tokens.refreshIfDue()]);
    expect(fake.refreshCalls().slice(before).map((c) => c.answer.error)).toEqual([-14014]);
    expect((await a.app.zaloOa?.connection.status())?.status).toBe('reauth_required');
    expect((a.app.zaloOaCounters?.reauthRequired ?? 0) + (b.app.zaloOaCounters?.reauthRequired ?? 0)).toBe(1);
    const alerts = [...a.logs, ...b.logs].filter((l) => l.includes('"alert":"zalo_oa_reauth_required"'));
    expect(alerts).toHaveLength(1);
    // The access token still has 10 minutes: answers keep flowing until it expires.
    await fake.deliver(`${b.url}/webhooks/zalo-oa`, oaTextEvent('u-after', 'Bộ phận Một cửa là gì?'));
    await fake.waitFor('message/cs', toUser('u-after'), 10_000);
  });
});
