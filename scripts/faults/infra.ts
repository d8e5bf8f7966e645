/**
 * Throwaway infrastructure for the fault suite: a private PostgreSQL instance (initdb + pg_ctl on a free
 * port in a temp folder, never the shared server on 5432) and a small tmpfs volume to fill. Both are torn
 * down by `cleanup()`, which the suite also runs on SIGINT/SIGTERM and after an error.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Clean-ups still to run (last registered first). */
const pending = new Map<string, () => Promise<void>>();

/** Registers a clean-up under `key`; returns a function that runs it once and forgets it. */
function register(key: string, fn: () => Promise<void>): () => Promise<void> {
  pending.set(key, fn);
  return async () => {
    if (!pending.delete(key)) return;
    await fn();
  };
}

/** Runs every clean-up still registered (errors are printed, not thrown). */
export async function cleanupAll(): Promise<void> {
  for (const [key, fn] of [...pending].reverse()) {
    pending.delete(key);
    await fn().catch((err: unknown) => process.stderr.write(`faults: clean-up ${key} failed: ${String(err)}\n`));
  }
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A private PostgreSQL server the suite can stop and start. */
export interface ThrowawayPg {
  url: string;
  port: number;
  /** Stops it like a crash (`pg_ctl stop -m immediate`): every connection is cut. */
  stop(): Promise<void>;
  /** Starts it again (crash recovery included) and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  cleanup(): Promise<void>;
}

function pgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error(`no PostgreSQL server binaries under ${root}/*/bin (install postgresql)`);
  return join(root, versions[0], 'bin');
}

/**
 * initdb and postgres refuse to run as root: as root, the commands run as the `postgres` system user
 * through `runuser` (util-linux), and the folder is handed to that user.
 */
function asPgUser(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** Creates a cluster in a temp folder and starts it on a free port (trust auth, loopback only). */
export async function startThrowawayPg(): Promise<ThrowawayPg> {
  const bin = pgBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'cchc-faults-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgCtl = (args: string[]) => {
    const [cmd, argv] = asPgUser(join(bin, 'pg_ctl'), args);
    return run(cmd, argv, { timeout: 60_000 });
  };
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  const [initCmd, initArgs] = asPgUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  try {
    await run(initCmd, initArgs, { timeout: 120_000 });
  } catch (err) {
    await removeDir();
    throw err;
  }
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = async () => {
    await pgCtl(['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    await pgCtl(['-D', data, '-m', 'immediate', '-w', 'stop']);
  };
  const cleanup = register(`postgres ${dir}`, async () => {
    await stop().catch(() => undefined);
    await removeDir();
  });
  try {
    await start();
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop, start, cleanup };
}

/** A small mounted tmpfs. */
export interface SmallDisk {
  path: string;
  /** Unmounts (lazily if still busy) and removes the mount point. */
  cleanup(): Promise<void>;
}

/** Mounts a tmpfs of `sizeMb` MiB on a new temp folder; needs root (or CAP_SYS_ADMIN). */
export async function mountSmallDisk(sizeMb: number): Promise<SmallDisk> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-faults-disk-'));
  const path = join(dir, 'data');
  mkdirSync(path);
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', path]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot mount a ${sizeMb} MiB tmpfs (root needed): ${(err as Error).message.trim()}`);
  }
  const cleanup = register(`tmpfs ${path}`, async () => {
    await run('umount', [path]).catch(() => run('umount', ['-l', path]));
    rmSync(dir, { recursive: true, force: true });
  });
  return { path, cleanup };
}

/** Runs every registered clean-up on SIGINT/SIGTERM, then exits. */
export function cleanupOnSignals(): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      process.stderr.write(`faults: ${sig}, cleaning up\n`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}
