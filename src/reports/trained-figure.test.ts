import { describe, it, expect } from 'vitest';
import { trainedFigure, trainedTables, trainedTarget, yearPeriod } from './trained-figure.js';
import type { RosterEntry } from '../training/index.js';

const e = (id: string, unitId: string): RosterEntry => ({ id, name: `Cán bộ ${id}`, unitId, position: 'Chuyên viên', phone: null, email: `${id}@x.vn`, linkCode: null });
const roster = [e('a1', 'so-noi-vu'), e('a2', 'so-noi-vu'), e('a3', 'so-noi-vu'), e('a4', 'so-noi-vu'), e('b1', 'ubnd-xa-a')];
const units = [{ id: 'so-noi-vu', name: 'Sở Nội vụ' }, { id: 'ubnd-xa-a', name: 'UBND xã A' }, { id: 'so-tu-phap', name: 'Sở Tư pháp' }];
const link = (rosterId: string) => ({ rosterId, channel: 'zalo' as const, userId: `u-${rosterId}`, linkedAt: 0 });

describe('trainedFigure', () => {
  it('counts rostered officials with at least one completed course per unit and for the province, against the year target', () => {
    const f = trainedFigure({
      year: 2025, roster, units, unlinkedCompletions: 2,
      links: [link('a1'), link('a2'), link('a3'), link('b1')],
      completions: [{ rosterId: 'a1', courseIds: ['mot-cua', 'van-thu'] }, { rosterId: 'b1', courseIds: ['van-thu'] }],
      started: new Set(['a1', 'a2', 'b1']),
    });
    expect(f.target).toBe(85);
    expect(f.units.map((r) => [r.unitName, r.rostered, r.linked, r.trained, r.share, r.meets, r.notStarted])).toEqual([
      ['Sở Nội vụ', 4, 3, 1, 25, false, 2],
      ['UBND xã A', 1, 1, 1, 100, true, 0],
    ]);
    expect(f.province).toMatchObject({ rostered: 5, trained: 2, share: 40, meets: false });
    expect(f.officials.map((o) => o.status)).toEqual(['done', 'learning', 'notStarted', 'unlinked', 'done']);
    const [byUnit, people] = trainedTables(f, (id) => (id === 'mot-cua' ? 'Một cửa' : 'Văn thư'));
    expect(byUnit.title).toBe('Cán bộ được bồi dưỡng năm 2025');
    expect(byUnit.rows.at(-2)).toEqual(['Toàn tỉnh', 5, 4, 2, 40, 85, 'Chưa đạt', 2]);
    expect(byUnit.rows.at(-1)?.[3]).toBe(2);
    expect(people.rows[0]).toEqual(['Sở Nội vụ', 'Cán bộ a1', 'Chuyên viên', 'Đã hoàn thành', 'Một cửa; Văn thư']);
  });

  it('needs more than the target: exactly 85% does not meet it', () => {
    const many = Array.from({ length: 20 }, (_x, i) => e(`p${i}`, 'so-noi-vu'));
    const f = trainedFigure({ year: 2026, roster: many, units, unlinkedCompletions: 0, links: [], started: new Set(),
      completions: many.slice(0, 17).map((x) => ({ rosterId: x.id, courseIds: ['mot-cua'] })) });
    expect(f.province).toMatchObject({ share: 85, meets: false });
  });

  it('uses 85% up to 2029 and 95% from 2030, over calendar years in Vietnam time', () => {
    expect([2025, 2029, 2030, 2031].map(trainedTarget)).toEqual([85, 85, 95, 95]);
    expect(yearPeriod(2026)).toEqual({ from: Date.UTC(2025, 11, 31, 17), to: Date.UTC(2026, 11, 31, 17) });
  });
});
