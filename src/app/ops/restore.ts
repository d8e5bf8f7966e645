/**
 * `cchc restore`: puts a {@link createBackup} archive back. The archive is extracted and verified first
 * (nothing is touched when a checksum fails); then the current database, index and knowledge folder are
 * moved aside as `*.pre-restore-<time>` (never deleted) and the archive's copies take their place.
 * The server must be stopped: a running server keeps the old database open.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../../config/index.js';
import { AppError } from '../../common/errors.js';
import { sqliteFile, verifyArchive } from './backup.js';
import type { BackupManifest } from './backup.js';

/** What {@link restoreBackup} did. */
export interface RestoreResult {
  manifest: BackupManifest;
  /** What was put back: database, index, knowledge. */
  restored: string[];
  /** Where the replaced files and folders were moved. */
  setAside: string[];
  /** Advice for what the archive could not carry (PostgreSQL). */
  notes: string[];
}

/** Options of {@link restoreBackup}. */
export interface RestoreOptions {
  /** Skip the "is the server still running?" check. */
  force?: boolean;
  now?: Date;
  fetch?: typeof fetch;
}

/**
 * Verifies and restores an archive into the places named by `config` (DATA_DIR, KNOWLEDGE_DIR,
 * DATABASE_URL). Throws INVALID_INPUT (damaged archive, database kind mismatch) or CONFLICT (server running).
 *
 * @example
 * const r = await restoreBackup(loadConfig(), 'data/backups/cchc-backup-20261202T040000Z.tar.gz');
 */
export async function restoreBackup(config: Config, archive: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  if (!existsSync(archive)) throw new AppError('INVALID_INPUT', `backup file ${archive} does not exist`);
  if (!opts.force) await refuseWhileRunning(config, opts.fetch ?? fetch);
  await mkdir(config.dataDir, { recursive: true });
  const work = await mkdtemp(join(config.dataDir, '.restore-'));
  try {
    const manifest = await verifyArchive(archive, join(work, 'archive'));
    const dbFile = sqliteFile(config.databaseUrl);
    if (manifest.database.kind === 'sqlite' && !dbFile) {
      throw new AppError('INVALID_INPUT', 'the backup holds a SQLite database but DATABASE_URL names PostgreSQL; restore with a sqlite: DATABASE_URL, or move the data with your own tools');
    }
    const stamp = (opts.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const result: RestoreResult = { manifest, restored: [], setAside: [], notes: [] };
    const src = join(work, 'archive');
    if (manifest.database.kind === 'sqlite' && dbFile) {
      await replaceDatabase(join(src, manifest.database.file), dbFile, stamp, result);
    } else {
      result.notes.push('the database is PostgreSQL and is not in this archive: restore it with pg_restore (docs/production.md)');
    }
    if (manifest.index.version) await replaceFolder(join(src, 'index'), join(config.dataDir, 'index'), stamp, result, 'index');
    await replaceFolder(join(src, 'knowledge'), config.knowledgeDir, stamp, result, 'knowledge');
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** CONFLICT when something answers /healthz at HOST:PORT (most likely the server using these files). */
async function refuseWhileRunning(config: Config, fetchFn: typeof fetch): Promise<void> {
  if (!config.port) return;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}/healthz`;
  const answered = await fetchFn(url, { signal: AbortSignal.timeout(2000) }).then(() => true, () => false);
  if (answered) throw new AppError('CONFLICT', `the server is still running (${url} answers): stop it first (systemctl stop cchc-bot), or pass --force if that is another program`);
}

/** Moves the database and its WAL files aside, then moves the restored file in. */
async function replaceDatabase(from: string, to: string, stamp: string, r: RestoreResult): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  // A leftover -wal would be replayed onto the restored file: it belongs to the old database and goes with it.
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(`${to}${suffix}`)) continue;
    await rename(`${to}${suffix}`, `${to}.pre-restore-${stamp}${suffix}`);
    if (!suffix) r.setAside.push(`${to}.pre-restore-${stamp}`);
  }
  await moveInto(from, to);
  r.restored.push(`database → ${to}`);
}

/** Moves a folder aside (same parent, so it is a rename), then moves the restored one in. */
async function replaceFolder(from: string, to: string, stamp: string, r: RestoreResult, label: string): Promise<void> {
  if (existsSync(to)) {
    const aside = `${to}.pre-restore-${stamp}`;
    await rename(to, aside);
    r.setAside.push(aside);
  }
  await mkdir(dirname(to), { recursive: true });
  await moveInto(from, to);
  r.restored.push(`${label} → ${to}`);
}

/** rename, or copy then delete when `to` is on another file system. */
async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}
