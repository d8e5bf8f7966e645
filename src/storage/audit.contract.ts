/**
 * The behaviour every {@link AuditLog} implementation must show, as a Vitest suite run against real
 * databases by `sqlite/sqlite-store.int.test.ts` and `postgres/pg-store.int.test.ts`. Not part of the
 * public surface (it imports vitest).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog } from '../admin/ports.js';

/** A migrated store on a fresh database; the suite closes it after each test. */
export type AuditTestStore = AuditLog & { close(): Promise<void> };

function entry(id: string, at: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return { id, at, actor: 'web:lan', action: 'document.upload', target: 'nd-30-2020.pdf', ...over };
}

/**
 * Registers the audit log contract for one store. `open` returns a migrated store on an empty database.
 *
 * @example runAuditContract('SqliteStore', () => openStore('sqlite::memory:'));
 */
export function runAuditContract(name: string, open: () => Promise<AuditTestStore>): void {
  describe(`${name} as AuditLog`, () => {
    let store: AuditTestStore;

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('returns an entry as it was recorded, details and Vietnamese text included', async () => {
      const e = entry('a1', 1_700_000_000_123, { target: 'quyết-định.pdf', details: { bytes: 1234, note: 'Nghị định thay thế', nested: { ok: true }, list: [1, 'b'] } });
      await store.recordAudit(e);
      expect(await store.listAudit({})).toEqual([e]);
    });

    it('leaves details out when the entry has none', async () => {
      await store.recordAudit(entry('a1', 1));
      const [got] = await store.listAudit({});
      expect(got).toEqual(entry('a1', 1));
      expect('details' in got, 'no details key when none were recorded').toBe(false);
    });

    it('lists newest first, and entries of the same millisecond newest-recorded first', async () => {
      await store.recordAudit(entry('a1', 10));
      await store.recordAudit(entry('a2', 30));
      await store.recordAudit(entry('a3', 20));
      await store.recordAudit(entry('a4', 30));
      expect((await store.listAudit({})).map((e) => e.id)).toEqual(['a4', 'a2', 'a3', 'a1']);
    });

    it('filters by period (from inclusive, to exclusive), actor and action, and combines them', async () => {
      await store.recordAudit(entry('a1', 10, { actor: 'web:lan', action: 'document.upload' }));
      await store.recordAudit(entry('a2', 20, { actor: 'token', action: 'reindex' }));
      await store.recordAudit(entry('a3', 30, { actor: 'web:lan', action: 'reindex' }));
      await store.recordAudit(entry('a4', 40, { actor: 'web:minh', action: 'document.delete' }));
      const ids = async (f: Parameters<AuditLog['listAudit']>[0]) => (await store.listAudit(f)).map((e) => e.id);
      expect(await ids({ from: 20, to: 40 })).toEqual(['a3', 'a2']);
      expect(await ids({ actor: 'web:lan' })).toEqual(['a3', 'a1']);
      expect(await ids({ action: 'reindex' })).toEqual(['a3', 'a2']);
      expect(await ids({ action: 'reindex', actor: 'token', from: 0, to: 100 })).toEqual(['a2']);
      expect(await ids({ action: 'document' }), 'action matches exactly, not as a prefix').toEqual([]);
    });

    it('returns at most `limit` entries, 100 by default', async () => {
      for (let i = 0; i < 105; i++) await store.recordAudit(entry(`a${i}`, i));
      expect(await store.listAudit({ limit: 3 })).toHaveLength(3);
      expect((await store.listAudit({ limit: 3 }))[0].id).toBe('a104');
      expect(await store.listAudit({})).toHaveLength(100);
    });

    it('stores an entry once when the same id is recorded twice (a retried write)', async () => {
      await store.recordAudit(entry('a1', 1));
      await store.recordAudit(entry('a1', 1));
      expect(await store.listAudit({})).toHaveLength(1);
    });
  });
}
