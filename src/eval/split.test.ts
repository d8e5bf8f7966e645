import { describe, it, expect } from 'vitest';
import { officialSplit, splitOf } from './split.js';

describe('splitOf', () => {
  it('puts about a third of the ids on the checking side, the same side every time', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `lodo:q-${i}`);
    const check = ids.filter((id) => splitOf(id) === 'check').length / ids.length;
    expect(check).toBeGreaterThan(0.28);
    expect(check).toBeLessThan(0.39);
    expect(ids.map(splitOf)).toEqual(ids.map(splitOf));
  });

  it('splits official rows by "official:<id>", as the fitting script keys them', () => {
    for (const id of ['off-001', 'nt-017', 'ot-073']) expect(officialSplit(id)).toBe(splitOf(`official:${id}`));
  });
});
