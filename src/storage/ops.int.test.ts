import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { runOpsContract } from './ops.contract.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { PgStore } from './postgres/pg-store.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-ops-'));
let counter = 0;
const TEST_URL = 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Pool({ connectionString: TEST_URL, max: 1 });
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await admin.end();
});

runOpsContract('SqliteStore', async () => {
  const store = new SqliteStore({ path: join(root, `ops-${++counter}.db`) });
  return { store, cleanup: () => store.close() };
});

runOpsContract('PgStore', async () => {
  const schema = `t_ops_${randomBytes(4).toString('hex')}`;
  const store = new PgStore({ connectionString: TEST_URL, schema });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
});
