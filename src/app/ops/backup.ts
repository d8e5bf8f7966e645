/**
 * `cchc backup`: one `.tar.gz` with everything a restore needs that cannot be rebuilt from the release:
 * the SQLite database (SQLite's online backup API, consistent while the server keeps writing),
 * `knowledge/` (documents, FAQ, glossary, units; admins edit it), and the current index snapshot with its
 * `CURRENT` pointer (so a restored server answers at once, without a reindex). A `manifest.json` lists
 * every file with its size and SHA-256; {@link verifyArchive} checks them before a restore touches anything.
 *
 * With PostgreSQL the database is not in the archive: back it up with `pg_dump` (docs/production.md).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import * as tar from 'tar';
import type { Config } from '../../config/index.js';
import { AppError } from '../../common/errors.js';
import { SqliteStore } from '../../storage/index.js';

/** Version of the archive layout; a restore refuses layouts it does not know. */
export const BACKUP_FORMAT = 1;

/** `manifest.json` at the root of an archive. */
export interface BackupManifest {
  format: number;
  app: 'cchc-bot';
  createdAt: string;
  /** `sqlite` (in `database/cchc.sqlite`) or `postgres` (not included: use pg_dump). */
  database: { kind: 'sqlite'; file: string; migrations: number[] } | { kind: 'postgres'; included: false };
  /** The index snapshot in `index/` (null when there was none). */
  index: { version: string | null };
  /** Every other file of the archive, relative, forward slashes. */
  files: Array<{ path: string; size: number; sha256: string }>;
}

/** What {@link createBackup} wrote. */
export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

/** The file of a `sqlite:` database URL, absolute; undefined for PostgreSQL. */
export function sqliteFile(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return undefined;
  let path = databaseUrl.slice('sqlite:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  if (path === ':memory:') throw new AppError('CONFIG_INVALID', 'an in-memory database cannot be backed up');
  return resolve(path);
}

/**
 * Writes a backup archive (default `DATA_DIR/backups/cchc-backup-<UTC time>.tar.gz`). Safe while the
 * server runs: the database copy is a consistent snapshot and the archive appears only when complete.
 *
 * @example
 * const { file, manifest } = await createBackup(loadConfig());
 */
export async function createBackup(config: Config, opts: { out?: string; now?: Date } = {}): Promise<BackupResult> {
  const now = opts.now ?? new Date();
  const out = resolve(opts.out ?? join(config.dataDir, 'backups', `cchc-backup-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.tar.gz`));
  await mkdir(dirname(out), { recursive: true });
  const stage = await mkdtemp(join(dirname(out), '.backup-'));
  try {
    const database = await stageDatabase(config, stage);
    await cp(config.knowledgeDir, join(stage, 'knowledge'), { recursive: true, filter: (src) => !basename(src).startsWith('.') });
    const index = await stageIndex(config.dataDir, stage);
    const files = await checksums(stage);
    const manifest: BackupManifest = { format: BACKUP_FORMAT, app: 'cchc-bot', createdAt: now.toISOString(), database, index, files };
    await writeFile(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const partial = `${out}.partial`;
    await tar.create({ gzip: true, file: partial, cwd: stage, portable: true }, ['manifest.json', ...(await readdir(stage)).filter((n) => n !== 'manifest.json').sort()]);
    await rename(partial, out);
    return { file: out, bytes: (await stat(out)).size, manifest };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function stageDatabase(config: Config, stage: string): Promise<BackupManifest['database']> {
  const file = sqliteFile(config.databaseUrl);
  if (!file) return { kind: 'postgres', included: false };
  try {
    await stat(file);
  } catch {
    throw new AppError('STORAGE_UNAVAILABLE', `SQLite database ${file} does not exist (start the server once, or check DATA_DIR / DATABASE_URL)`);
  }
  await mkdir(join(stage, 'database'));
  const store = new SqliteStore({ path: file });
  try {
    await store.backupTo(join(stage, 'database', 'cchc.sqlite'));
    return { kind: 'sqlite', file: 'database/cchc.sqlite', migrations: await store.appliedMigrations() };
  } finally {
    await store.close();
  }
}

/** Copies `index/CURRENT` and the snapshot it names; a reindex swapping meanwhile leaves the old one for a while (two are kept). */
async function stageIndex(dataDir: string, stage: string): Promise<BackupManifest['index']> {
  let version: string;
  try {
    version = (await readFile(join(dataDir, 'index', 'CURRENT'), 'utf8')).trim();
  } catch {
    return { version: null };
  }
  if (!/^v[\w-]+$/.test(version)) throw new AppError('INDEX_CORRUPT', `index/CURRENT names "${version.slice(0, 40)}", not a snapshot`);
  await mkdir(join(stage, 'index'));
  await cp(join(dataDir, 'index', version), join(stage, 'index', version), { recursive: true });
  await writeFile(join(stage, 'index', 'CURRENT'), version);
  return { version };
}

/** Size and SHA-256 of every file under `dir`, sorted by path. */
async function checksums(dir: string): Promise<BackupManifest['files']> {
  const out: BackupManifest['files'] = [];
  for (const path of await listFiles(dir)) {
    const full = join(dir, path);
    out.push({ path, size: (await stat(full)).size, sha256: await sha256(full) });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Files under `dir`, relative with forward slashes. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** SHA-256 of a file, hex. */
export function sha256(file: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const h = createHash('sha256');
    createReadStream(file).on('error', reject).on('data', (d) => h.update(d)).on('end', () => resolvePromise(h.digest('hex')));
  });
}

/**
 * Extracts an archive into `dir` and checks it against its manifest: known format, every listed file
 * present with its size and checksum, nothing unlisted. Throws BACKUP_INVALID-style INVALID_INPUT listing
 * every problem; returns the manifest when all is well.
 */
export async function verifyArchive(archive: string, dir: string): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true });
  try {
    // Only plain files and folders: a link in an archive could point anywhere once moved into place.
    await tar.extract({ file: archive, cwd: dir, strict: true, filter: (_path, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory') });
  } catch (err: unknown) {
    throw new AppError('INVALID_INPUT', `${archive} is not a readable .tar.gz backup`, { cause: err });
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  } catch (err: unknown) {
    throw new AppError('INVALID_INPUT', `${archive} has no readable manifest.json: not a cchc-bot backup`, { cause: err });
  }
  if (manifest.app !== 'cchc-bot' || manifest.format !== BACKUP_FORMAT) {
    throw new AppError('INVALID_INPUT', `${archive} is format ${String(manifest.format)} of "${String(manifest.app)}"; this version reads cchc-bot format ${BACKUP_FORMAT}`);
  }
  const problems: string[] = [];
  const present = new Set((await listFiles(dir)).filter((p) => p !== 'manifest.json'));
  for (const f of manifest.files) {
    if (!present.delete(f.path)) {
      problems.push(`${f.path} is missing`);
      continue;
    }
    const full = join(dir, f.path);
    if ((await stat(full)).size !== f.size || (await sha256(full)) !== f.sha256) problems.push(`${f.path} does not match its checksum`);
  }
  for (const extra of present) problems.push(`${extra} is not in the manifest`);
  if (problems.length) throw new AppError('INVALID_INPUT', `${archive} is damaged or was altered; nothing was restored:\n- ${problems.join('\n- ')}`);
  return manifest;
}
