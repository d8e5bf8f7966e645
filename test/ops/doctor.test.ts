import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { doctorExitCode, formatReport, runDoctor } from '../../src/app/ops/doctor/doctor.js';
import { checkClock } from '../../src/app/ops/doctor/platform-checks.js';
import type { CheckResult } from '../../src/app/ops/doctor/check.js';
import { loadConfig } from '../../src/config/index.js';
import { MIGRATIONS, SqliteStore } from '../../src/storage/index.js';
import { startHarness, TG_SECRET, TG_TOKEN, ZALO_SECRET } from '../e2e/harness.js';
import type { Harness } from '../e2e/harness.js';
import { startFakeTelegram } from '../fakes/telegram-api.js';
import { startFakeOpenAI } from '../fakes/openai-api.js';
import { checkLlm } from '../../src/app/ops/doctor/platform-checks.js';
import { freePort, runCli } from '../support/cli-process.js';
import { REPO_ROOT } from '../support/shared.js';

const STAFF_CHAT = '-1001112223334';
const root = mkdtempSync(join(tmpdir(), 'cchc-doctor-'));
const knowledgeDir = join(root, 'knowledge');
let h: Harness;
let env: Record<string, string>;

beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  h = await startHarness({ PORT: String(port), PUBLIC_URL: publicUrl, KNOWLEDGE_DIR: knowledgeDir, TELEGRAM_STAFF_CHAT_ID: STAFF_CHAT });
  h.telegram.setChat(STAFF_CHAT, { type: 'supergroup', is_forum: true, title: 'Tổ CCHC' });
  env = {
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    DATA_DIR: h.dataDir,
    KNOWLEDGE_DIR: knowledgeDir,
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_API_ROOT: h.telegram.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_STAFF_CHAT_ID: STAFF_CHAT,
    ZALO_BOT_TOKEN: h.zalo.token,
    ZALO_API_ROOT: h.zalo.apiRoot,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
  };
}, 90_000);
afterAll(async () => {
  await h?.close();
  rmSync(root, { recursive: true, force: true });
});

function byTitle(results: CheckResult[], title: string): CheckResult {
  const r = results.find((x) => x.title === title);
  if (!r) throw new Error(`no "${title}" check in: ${results.map((x) => x.title).join(', ')}`);
  return r;
}

describe('cchc doctor against a running server and fake platforms', () => {
  it('passes every check on a healthy installation', async () => {
    const results = await runDoctor({ env });
    const bad = results.filter((r) => r.status === 'fail');
    expect(bad, formatReport(results)).toEqual([]);
    for (const title of ['Node.js', 'Settings', 'Database', 'Delivery backlog', 'Index', 'Telegram token', 'Telegram webhook', 'Telegram staff group', 'Zalo token', 'Zalo webhook', 'Clock', 'Public URL']) {
      expect(byTitle(results, title).status, `${title}: ${byTitle(results, title).detail}`).toBe('ok');
    }
    expect(byTitle(results, 'Telegram token').detail).toContain('@cchc_test_bot');
    expect(byTitle(results, 'Telegram staff group').detail).toContain('Tổ CCHC');
    expect(doctorExitCode(results)).toBe(0);
  });

  it('fails a token the platform refuses, with the fix', async () => {
    const results = await runDoctor({ env: { ...env, TELEGRAM_BOT_TOKEN: '999:wrongToken' } });
    const r = byTitle(results, 'Telegram token');
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('refused the token');
    expect(r.fix).toContain('@BotFather');
    expect(doctorExitCode(results)).toBe(1);
  });

  it('fails a webhook registered elsewhere than PUBLIC_URL, and warns about a recent delivery error', async () => {
    const moved = byTitle(await runDoctor({ env: { ...env, PUBLIC_URL: 'https://new.example.gov.vn' } }), 'Zalo webhook');
    expect(moved.status).toBe('fail');
    expect(moved.detail).toContain('PUBLIC_URL gives https://new.example.gov.vn/webhooks/zalo');
    expect(moved.fix).toContain('webhook set --channel zalo');
    h.telegram.setWebhookError('SSL error {error:0A000086:SSL routines::certificate verify failed}');
    try {
      const err = byTitle(await runDoctor({ env }), 'Telegram webhook');
      expect(err.status).toBe('warn');
      expect(err.detail).toContain('certificate verify failed');
    } finally {
      h.telegram.setWebhookError(null);
    }
  });

  it('fails an unreachable staff group and warns when the bot cannot manage its topics', async () => {
    h.telegram.failNext('getChat', { code: 400, description: 'chat not found' });
    expect(byTitle(await runDoctor({ env }), 'Telegram staff group').status).toBe('fail');
    h.telegram.setBotStatus(STAFF_CHAT, 'member');
    try {
      const r = byTitle(await runDoctor({ env }), 'Telegram staff group');
      expect(r.status).toBe('warn');
      expect(r.fix).toContain('Manage topics');
    } finally {
      h.telegram.setBotStatus(STAFF_CHAT, 'administrator');
    }
  });

  it('warns that the index no longer matches knowledge/ after a document changes', async () => {
    const file = 'nd-61-2018-mot-cua-mot-cua-lien-thong.md';
    appendFileSync(join(knowledgeDir, file), '\n\nĐiều 99. Điều khoản thêm để kiểm tra\n\nNội dung mới.\n');
    const r = byTitle(await runDoctor({ env }), 'Index');
    expect(r.status, r.detail).toBe('warn');
    expect(r.detail).toContain(`${file} changed`);
    expect(r.fix).toContain('reindex');
  });

  it('fails a database with pending migrations and one that cannot be reached', async () => {
    const path = join(root, 'old.db');
    const old = new SqliteStore({ path, migrations: MIGRATIONS.slice(0, 1) });
    await old.migrate();
    await old.close();
    const pending = byTitle(await runDoctor({ env: { ...env, DATABASE_URL: `sqlite:${path}` } }), 'Database');
    expect(pending.status).toBe('fail');
    expect(pending.detail).toContain(`${MIGRATIONS.length - 1} migration(s) pending`);
    expect(pending.fix).toContain('migrate');
    const down = byTitle(await runDoctor({ env: { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' } }), 'Database');
    expect(down.status).toBe('fail');
    expect(down.fix).toContain('PostgreSQL');
  });

  it('warns until a console admin exists', async () => {
    expect(byTitle(await runDoctor({ env }), 'Staff accounts').status).toBe('warn');
    await h.app.store.createAccount({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'admin', passwordHash: 'scrypt$x', createdAt: Date.now(), disabled: false });
    const r = byTitle(await runDoctor({ env }), 'Staff accounts');
    expect(r.status).toBe('ok');
    expect(r.detail).toBe('1 active (1 admin)');
  });

  it('stops at the settings when they are invalid', async () => {
    const results = await runDoctor({ env: { ...env, PORT: 'eighty' } });
    expect(results.map((r) => r.title)).toEqual(['Node.js', 'Settings']);
    expect(byTitle(results, 'Settings').detail).toContain('PORT="eighty"');
  });
});

describe('clock check', () => {
  it('fails when the platform clock is 10 minutes off, passes when in step', async () => {
    const skewed = await startFakeTelegram({ token: TG_TOKEN, clockOffsetMs: -10 * 60_000 });
    try {
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_API_ROOT: skewed.apiRoot });
      const r = await checkClock(config);
      expect(r.status).toBe('fail');
      expect(r.detail).toMatch(/^(599|600|601) s ahead of 127\.0\.0\.1/);
      expect((await checkClock(loadConfig({ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_API_ROOT: h.telegram.apiRoot }))).status).toBe('ok');
    } finally {
      await skewed.close();
    }
  });
});

describe('LLM endpoint check', () => {
  it('is ok when the endpoint lists the model, and warns on a wrong model or an endpoint that is down', async () => {
    const llm = await startFakeOpenAI();
    try {
      const good = await checkLlm(loadConfig({ LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model' }));
      expect(good.status, good.detail).toBe('ok');
      const wrong = await checkLlm(loadConfig({ LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'qwen2.5:7b' }));
      expect(wrong.status).toBe('warn');
      expect(wrong.detail).toContain('does not list model "qwen2.5:7b" (it has: fake-model)');
    } finally {
      await llm.close();
    }
    const down = await checkLlm(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:1/v1', LLM_MODEL: 'm' }));
    expect(down.status).toBe('warn');
    expect(down.fix).toContain('extractive answer');
    expect((await checkLlm(loadConfig({}))).status).toBe('skip');
  });
});

describe('cchc doctor (command line)', () => {
  it('prints one line per check with a fix, and exits 1 when something fails', async () => {
    const r = await runCli(['doctor'], { env: { ...env, ZALO_BOT_TOKEN: '42:notTheZaloToken' } });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}Zalo token +the platform refused the token/);
    expect(r.stdout).toMatch(/fix: copy the token again from Zalo Bot Manager/);
    expect(r.stdout).toMatch(/OK {4}Telegram webhook/);
    expect(r.stdout).toMatch(/\d+ failed, \d+ warning\(s\), \d+ ok/);
  }, 120_000);
});
