import { describe, it, expect, afterAll } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { loadConfig } from '../../src/config/index.js';
import { openStore } from '../../src/storage/index.js';
import { createBackup, verifyArchive } from '../../src/app/ops/backup.js';
import { isAppError } from '../../src/common/errors.js';
import { REPO_ROOT } from '../support/shared.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-archive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function detailOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(isAppError(err), String(err)).toBe(true);
  return (err as { detail: string }).detail;
}

describe('backup archive', () => {
  const dataDir = join(root, 'data');
  const config = () => loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: join(root, 'knowledge') });
  let archive = '';

  it('holds the database, knowledge/ and a manifest that verifies', async () => {
    cpSync(join(REPO_ROOT, 'knowledge'), join(root, 'knowledge'), { recursive: true });
    const store = await openStore(config().databaseUrl);
    await store.close();
    const r = await createBackup(config(), { now: new Date('2026-12-01T01:30:00Z') });
    archive = r.file;
    expect(r.file).toBe(join(dataDir, 'backups', 'cchc-backup-20261201T013000Z.tar.gz'));
    expect(r.manifest.database).toMatchObject({ kind: 'sqlite', file: 'database/cchc.sqlite' });
    expect(r.manifest.index.version, 'no index was built in this folder').toBeNull();
    expect(r.manifest.files.map((f) => f.path)).toContain('knowledge/faq.yaml');
    const manifest = await verifyArchive(r.file, join(root, 'check-ok'));
    expect(manifest.files).toEqual(r.manifest.files);
  });

  it('names a missing file and a file that is not in the manifest', async () => {
    const dir = join(root, 'repack');
    mkdirSync(dir);
    await tar.extract({ file: archive, cwd: dir });
    unlinkSync(join(dir, 'knowledge', 'units.yaml'));
    writeFileSync(join(dir, 'knowledge', 'extra.md'), '# thêm\n');
    const bad = join(root, 'bad.tar.gz');
    await tar.create({ gzip: true, file: bad, cwd: dir }, ['manifest.json', 'database', 'knowledge']);
    const detail = await detailOf(verifyArchive(bad, join(root, 'check-bad')));
    expect(detail).toContain('knowledge/units.yaml is missing');
    expect(detail).toContain('knowledge/extra.md is not in the manifest');
  });

  it('does not extract links, which could point outside once moved into place', async () => {
    const dir = join(root, 'links');
    mkdirSync(dir);
    await tar.extract({ file: archive, cwd: dir });
    symlinkSync('/etc/hostname', join(dir, 'knowledge', 'evil.md'));
    const linked = join(root, 'linked.tar.gz');
    await tar.create({ gzip: true, file: linked, cwd: dir }, ['manifest.json', 'database', 'knowledge']);
    await verifyArchive(linked, join(root, 'check-links'));
    expect(existsSync(join(root, 'check-links', 'knowledge', 'evil.md'))).toBe(false);
  });

  it('refuses a file that is not a backup', async () => {
    const junk = join(root, 'junk.tar.gz');
    writeFileSync(junk, 'not a tarball');
    expect(await detailOf(verifyArchive(junk, join(root, 'check-junk')))).toContain('is not a readable .tar.gz backup');
  });
});
