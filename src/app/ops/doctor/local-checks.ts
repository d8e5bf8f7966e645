/**
 * Checks of this machine: Node version, database, index against `knowledge/`, disk space in DATA_DIR.
 */
import { readFile, stat, statfs, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Config } from '../../../config/index.js';
import { describeError } from '../../../common/errors.js';
import { connectStore, MIGRATIONS } from '../../../storage/index.js';
import { SnapshotStore } from '../../../search/snapshot.js';
import { listKnowledgeFiles, SPECIAL_FILES } from '../../../search/reindex.js';
import { documentHash, isSidecarFile } from '../../../admin/index.js';
import { fail, ok, warn } from './check.js';
import type { CheckResult } from './check.js';

/** The oldest Node release this code runs on (util.parseEnv, AbortSignal.any, fs.statfs). */
const MIN_NODE: [number, number] = [20, 12];

/** Node.js version against the supported range. */
export function checkNode(version = process.versions.node): CheckResult {
  const [major, minor] = version.split('.').map(Number);
  const fine = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  if (!fine) return fail('Node.js', `v${version} is too old`, `install Node.js ${MIN_NODE.join('.')} or newer (20 LTS or 22 LTS)`);
  if (major % 2 === 1) return warn('Node.js', `v${version} is not an LTS release`, 'use an even-numbered (LTS) Node.js release in production');
  return ok('Node.js', `v${version}`);
}

/** Database reachable, every migration applied, and the relay outbox not stuck. */
export async function checkDatabase(config: Config, now = Date.now()): Promise<CheckResult[]> {
  const kind = config.databaseUrl.startsWith('sqlite:') ? `SQLite ${config.databaseUrl.slice('sqlite:'.length)}` : 'PostgreSQL';
  let store;
  try {
    store = await connectStore(config.databaseUrl, { schema: config.databaseSchema });
  } catch (err: unknown) {
    return [fail('Database', `${kind}: ${describeError(err)}`, config.databaseUrl.startsWith('sqlite:') ? 'start the server once ("npm start") to create it, or check DATA_DIR / DATABASE_URL' : 'check that PostgreSQL runs and DATABASE_URL (host, port, user, password, database) is right')];
  }
  try {
    const applied = await store.appliedMigrations();
    const known = MIGRATIONS.map((m) => m.id);
    const pending = known.filter((id) => !applied.includes(id));
    const unknown = applied.filter((id) => !known.includes(id));
    const out: CheckResult[] = [];
    if (pending.length) out.push(fail('Database', `${kind} reachable; ${pending.length} migration(s) pending (${pending.join(', ')})`, 'run "npm run cchc -- migrate" or start the server (migrations run at start)'));
    else if (unknown.length) out.push(warn('Database', `${kind} has migrations this version does not know (${unknown.join(', ')}): written by a newer version`, 'upgrade this installation to the version that wrote the database'));
    else out.push(ok('Database', `${kind} reachable, schema up to date (${applied.length} migrations)`));
    if (!pending.length) out.push(outboxResult(await store.outboxBacklog(), now), accountsResult(await store.listAccounts()));
    return out;
  } finally {
    await store.close();
  }
}

function outboxResult(b: { pending: number; oldestPendingAt: number | null; failed: number }, now: number): CheckResult {
  const ageMin = b.oldestPendingAt === null ? 0 : Math.round((now - b.oldestPendingAt) / 60_000);
  if (b.pending && ageMin >= 15) return warn('Delivery backlog', `${b.pending} staff answer(s) waiting, oldest ${ageMin} min`, 'check that the server runs and the platform accepts messages (logs: "relay"); see the staff console for each delivery');
  if (b.failed) return warn('Delivery backlog', `${b.failed} staff answer(s) could not be delivered (shown to the official at their next message)`, 'open the tickets in the staff console to see the platform\'s reason');
  return ok('Delivery backlog', b.pending ? `${b.pending} answer(s) being delivered` : 'nothing waiting');
}

function accountsResult(accounts: Array<{ role: string; disabled: boolean }>): CheckResult {
  const active = accounts.filter((a) => !a.disabled);
  const admins = active.filter((a) => a.role === 'admin').length;
  if (!active.length) return warn('Staff accounts', 'no console account: nobody can answer tickets at /staff or manage documents at /admin', 'run "npm run cchc -- staff add <user> --name \"…\" --role admin"');
  if (!admins) return warn('Staff accounts', `${active.length} staff account(s), no admin: nobody can manage documents at /admin or approve Q&As alone`, 'add an admin: "npm run cchc -- staff add <user> --name \"…\" --role admin"');
  return ok('Staff accounts', `${active.length} active (${admins} admin)`);
}

/** The current index snapshot exists and was built from the documents now in KNOWLEDGE_DIR. */
export async function checkIndex(config: Config): Promise<CheckResult> {
  const title = 'Index';
  try {
    await stat(config.knowledgeDir);
  } catch {
    return fail(title, `KNOWLEDGE_DIR ${config.knowledgeDir} does not exist`, 'set KNOWLEDGE_DIR to the folder with the documents (a copy of knowledge/ from the release)');
  }
  let snapshot;
  try {
    snapshot = await new SnapshotStore(config.dataDir).load();
  } catch (err: unknown) {
    return fail(title, describeError(err), 'run "npm run cchc -- reindex --full"');
  }
  if (!snapshot) return fail(title, `no index in ${join(config.dataDir, 'index')}`, 'start the server once (it builds the index) or run "npm run cchc -- reindex"');
  const drift = await indexDrift(config.knowledgeDir, snapshot.files, Date.parse(snapshot.createdAt));
  const summary = `snapshot ${snapshot.version}: ${Object.keys(snapshot.files).length} documents, ${snapshot.chunks.length} passages`;
  if (!drift.length) return ok(title, `${summary}, matches ${config.knowledgeDir}`);
  return warn(title, `${summary}; knowledge/ changed since: ${drift.slice(0, 4).join('; ')}${drift.length > 4 ? `; and ${drift.length - 4} more` : ''}`, 'reindex from the admin console (/admin) or run "npm run cchc -- reindex"');
}

/** What differs between the folder and the snapshot: documents added, changed (content hash), removed; FAQ/glossary edited later. */
async function indexDrift(dir: string, files: Record<string, { hash: string }>, builtAt: number): Promise<string[]> {
  const all = await listKnowledgeFiles(dir);
  const docs = all.filter((f) => !SPECIAL_FILES.has(basename(f).toLowerCase()) && !isSidecarFile(f));
  const out: string[] = [];
  for (const rel of docs) {
    const before = files[rel];
    if (!before) {
      out.push(`${rel} is new`);
      continue;
    }
    const hash = await documentHash(dir, rel, await readFile(join(dir, rel)));
    if (hash !== before.hash) out.push(`${rel} changed`);
  }
  for (const rel of Object.keys(files)) if (!docs.includes(rel)) out.push(`${rel} was removed`);
  for (const rel of all.filter((f) => /^(faq|glossary)\.ya?ml$/i.test(basename(f)))) {
    if ((await stat(join(dir, rel))).mtimeMs > builtAt + 1000) out.push(`${rel} edited after the index was built`);
  }
  return out;
}

/** DATA_DIR is writable and has room. */
export async function checkDisk(config: Config, opts: { warnBelowMb?: number; failBelowMb?: number } = {}): Promise<CheckResult> {
  const title = 'Disk space';
  const warnMb = opts.warnBelowMb ?? 1024;
  const failMb = opts.failBelowMb ?? 200;
  try {
    const probe = join(config.dataDir, `.doctor-${process.pid}.tmp`);
    await writeFile(probe, 'ok');
    await unlink(probe);
  } catch (err: unknown) {
    return fail(title, `cannot write in DATA_DIR ${config.dataDir}: ${describeError(err)}`, 'create the folder and give the service user write access (chown cchc: DATA_DIR)');
  }
  const fs = await statfs(config.dataDir);
  const freeMb = Math.floor((fs.bavail * fs.bsize) / 1024 / 1024);
  const detail = `${freeMb.toLocaleString('en')} MB free in ${config.dataDir}`;
  if (freeMb < failMb) return fail(title, detail, 'free space: delete old backups, rotate logs, or move DATA_DIR to a larger disk');
  if (freeMb < warnMb) return warn(title, detail, 'less than 1 GB left: plan more space (snapshots and backups grow with the documents)');
  return ok(title, detail);
}
