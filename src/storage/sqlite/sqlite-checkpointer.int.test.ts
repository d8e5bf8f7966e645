import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { SqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-ckpt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dbOf = (store: SqliteStore) => (store as unknown as { db: Database.Database }).db;

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 20));
  return check();
}

describe('SqliteStore background checkpoints', () => {
  it('turns the commit-time checkpoint off and copies committed WAL pages into the file from a worker', async () => {
    const file = join(root, 'bg.db');
    const store = new SqliteStore({ path: file, checkpointIntervalMs: 50 });
    try {
      await store.migrate();
      expect(dbOf(store).pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const sizeBefore = statSync(file).size;
      // A few hundred pages: far below the 1000-page automatic checkpoint, so only the worker can copy them.
      for (let i = 0; i < 3000; i++) await store.markUpdate('telegram', `update-${i}-${'x'.repeat(40)}`, i);
      const grew = await until(() => statSync(file).size > sizeBefore + 100_000, 5000);
      expect(grew, `database file ${sizeBefore} → ${statSync(file).size} bytes`).toBe(true);
      expect(await store.markUpdate('telegram', 'update-5-' + 'x'.repeat(40), 9)).toBe(false);
    } finally {
      await store.close();
    }
    const reread = new SqliteStore({ path: file });
    try {
      expect(await reread.markUpdate('telegram', 'update-2999-' + 'x'.repeat(40), 9), 'every commit survives close and reopen').toBe(false);
    } finally {
      await reread.close();
    }
  });

  it('keeps SQLite automatic checkpoints without the option, and for :memory:', async () => {
    const plain = new SqliteStore({ path: join(root, 'plain.db') });
    const memory = new SqliteStore({ path: ':memory:', checkpointIntervalMs: 50 });
    try {
      expect(dbOf(plain).pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(dbOf(memory).pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await plain.close();
      await memory.close();
    }
  });

  it('reports a worker that cannot run, so the owner can checkpoint on commit again', async () => {
    let reason = '';
    const c = new SqliteCheckpointer(join(root, 'missing', 'none.db'), 50, (r) => (reason = r));
    expect(await until(() => reason !== '', 5000)).toBe(true);
    await c.stop();
  });

  it('checkpoints on demand: every frame of the log is copied', async () => {
    const file = join(root, 'now.db');
    const store = new SqliteStore({ path: file, checkpointIntervalMs: 60_000 });
    const c = new SqliteCheckpointer(file, 60_000, () => {});
    try {
      await store.migrate();
      for (let i = 0; i < 200; i++) await store.markUpdate('zalo', `u${i}`, i);
      const r = await c.now();
      expect(r.ok).toBe(true);
      expect(r.log).toBeGreaterThan(0);
      expect(r.checkpointed).toBe(r.log);
    } finally {
      await c.stop();
      await store.close();
    }
  });

  it('restarts a long log under steady writes, so the WAL stops growing (PASSIVE alone never resets it)', async () => {
    /** 6,000 commits in bursts of 20, 1 ms apart (checkpoints every 10 ms); returns the WAL's largest size. */
    async function writeFor(file: string, restartFrames: number): Promise<number> {
      const store = new SqliteStore({ path: file, checkpointIntervalMs: 10, walRestartFrames: restartFrames });
      try {
        await store.migrate();
        let largest = 0;
        for (let i = 0; i < 6000; ) {
          for (let j = 0; j < 20; j++, i++) await store.markUpdate('telegram', `steady-${i}-${'y'.repeat(100)}`, i);
          largest = Math.max(largest, statSync(`${file}-wal`).size);
          await new Promise((r) => setTimeout(r, 1));
        }
        return largest;
      } finally {
        await store.close();
      }
    }
    const bounded = await writeFor(join(root, 'restart.db'), 50);
    const unbounded = await writeFor(join(root, 'passive.db'), Number.MAX_SAFE_INTEGER);
    // Restarted: 50 frames of 4 KB plus what was written since the last tick; otherwise the whole run's writes.
    // On a quiet machine the ratio is about 1:10; with the 2 cores busy (the full suite beside other work) the
    // checkpointer's ticks lag and it was seen at 1:3.8. Without restarts it is 1:1.
    expect(bounded, `WAL ${bounded} bytes with restarts, ${unbounded} without`).toBeLessThan(unbounded / 2);
  });
});
