import { describe, it, expect, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { SqliteStore } from '../../src/storage/index.js';
import { listFiles, sha256 } from '../../src/app/ops/backup.js';
import { freePort, runCli, startServe } from '../support/cli-process.js';
import type { ServerProcess } from '../support/cli-process.js';
import { REPO_ROOT } from '../support/shared.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-backup-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** path → sha256 of every file in a folder. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = await sha256(join(dir, f));
  return out;
}

async function staffAndQuestions(dbFile: string): Promise<{ staff: string[]; questions: number }> {
  const store = new SqliteStore({ path: dbFile });
  try {
    const staff = (await store.listAccounts()).map((a) => a.username);
    const questions = await store.countQuestionsSince('web', 'backup-session-1', 0);
    return { staff, questions };
  } finally {
    await store.close();
  }
}

describe('cchc backup and restore, with a running server', () => {
  const knowledgeDir = join(root, 'knowledge');
  const dataDir = join(root, 'data');
  const archive = join(root, 'out', 'nightly.tar.gz');
  let env: Record<string, string>;

  it('backs up while the server answers, restores after damage, and the restored server serves the same data', async () => {
    cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
    env = { PORT: String(await freePort()), DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: 'warn' };
    server = await startServe({ env });
    const ask = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'backup-session-1', messageId: 'backup-message-1', text: 'Thủ tục hành chính là gì?' }) });
    expect(ask.status).toBe(200);
    const add = await runCli(['staff', 'add', 'lan', '--name', 'Nguyễn Thị Lan'], { env: { ...env, STAFF_PASSWORD: 'mat-khau-du-dai-123' } });
    expect(add.code, add.stderr).toBe(0);

    // Online backup while the server runs.
    const backup = await runCli(['backup', '--out', archive], { env });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`Backup written: ${archive}`);
    const before = { knowledge: await fingerprint(knowledgeDir), index: readFileSync(join(dataDir, 'index', 'CURRENT'), 'utf8') };

    // Restoring under a running server is refused, and changes nothing.
    const refused = await runCli(['restore', archive], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the server is still running');
    expect(await server.stop()).toBe(0);
    server = undefined;

    // Damage: database gone, a document deleted, another added, index gone.
    for (const f of ['cchc.sqlite', 'cchc.sqlite-wal', 'cchc.sqlite-shm']) if (existsSync(join(dataDir, f))) unlinkSync(join(dataDir, f));
    unlinkSync(join(knowledgeDir, 'nd-30-2020-cong-tac-van-thu.md'));
    writeFileSync(join(knowledgeDir, 'junk.md'), '# not ours\n');
    rmSync(join(dataDir, 'index'), { recursive: true });

    const restore = await runCli(['restore', archive], { env });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('database →');
    expect(restore.stdout).toContain(`${knowledgeDir}.pre-restore-`);
    expect(await fingerprint(knowledgeDir), 'knowledge/ should be exactly as backed up').toEqual(before.knowledge);
    expect(readFileSync(join(dataDir, 'index', 'CURRENT'), 'utf8')).toBe(before.index);
    expect(await staffAndQuestions(join(dataDir, 'cchc.sqlite'))).toEqual({ staff: ['lan'], questions: 1 });

    server = await startServe({ env });
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; index: { version: string } };
    expect(health.status).toBe('ok');
    expect(health.index.version, 'the restored snapshot is served without a reindex').toBe(before.index.trim());
  }, 300_000);

  it('refuses an archive whose file was altered, and touches nothing', async () => {
    expect(existsSync(archive), 'needs the archive of the previous test').toBe(true);
    await server?.stop();
    server = undefined;
    const unpacked = join(root, 'tamper');
    mkdirSync(unpacked);
    await tar.extract({ file: archive, cwd: unpacked });
    writeFileSync(join(unpacked, 'knowledge', 'faq.yaml'), 'tampered: true\n');
    const bad = join(root, 'tampered.tar.gz');
    await tar.create({ gzip: true, file: bad, cwd: unpacked }, ['manifest.json', 'database', 'index', 'knowledge']);
    const before = await fingerprint(knowledgeDir);
    const r = await runCli(['restore', bad], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('knowledge/faq.yaml does not match its checksum');
    expect(r.stderr).toContain('nothing was restored');
    expect(await fingerprint(knowledgeDir)).toEqual(before);
  }, 120_000);
});
