import { describe, expect, it } from 'vitest';
import { MIGRATIONS, checkMigrations, pendingMigrations } from './migrations.js';

describe('MIGRATIONS', () => {
  it('is well formed (ids strictly increasing, both dialects present)', () => {
    expect(checkMigrations(), 'help: append new migrations with the next id and SQL for both dialects').toEqual([]);
  });

  it('reports an id that does not increase', () => {
    const bad = [...MIGRATIONS, { id: 1, name: 'again', sqlite: 'SELECT 1', postgres: 'SELECT 1' }];
    expect(checkMigrations(bad).join('\n')).toMatch(/id must be greater than/);
  });
});

describe('pendingMigrations', () => {
  const list = [
    { id: 3, name: 'c', sqlite: 'x', postgres: 'x' },
    { id: 1, name: 'a', sqlite: 'x', postgres: 'x' },
    { id: 2, name: 'b', sqlite: 'x', postgres: 'x' },
  ];

  it('returns the unapplied migrations in id order', () => {
    expect(pendingMigrations([2], list).map((m) => m.id)).toEqual([1, 3]);
  });

  it('returns nothing when all are applied, ignoring unknown applied ids', () => {
    expect(pendingMigrations([1, 2, 3, 99], list)).toEqual([]);
  });
});
