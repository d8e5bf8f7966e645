import { describe, it, expect } from 'vitest';
import { FaqSync } from './faq-sync.js';
import type { FaqEntry } from '../ingest/faq-file.js';
import { silentLogger } from '../common/logger.js';

const entry = (id: string, answer: string): FaqEntry => ({ id, question: `Câu hỏi ${id}?`, variants: [], answer, source: { number: '118/2025/NĐ-CP', article: 'Điều 17' }, origin: 'staff' });

describe('FaqSync', () => {
  it('adds approved Q&As it has not seen, again when their text changes, and never twice otherwise', async () => {
    let rows = [entry('staff-1', 'Trả lời 1.')];
    const added: string[] = [];
    const sync = new FaqSync({ approved: async () => rows, addFaq: (e) => added.push(`${e.id}:${e.answer}`), logger: silentLogger });
    expect(await sync.syncOnce()).toBe(1);
    expect(await sync.syncOnce()).toBe(0);
    rows = [entry('staff-1', 'Trả lời 1 (sửa).'), entry('staff-2', 'Trả lời 2.')];
    expect(await sync.syncOnce()).toBe(2);
    expect(added).toEqual(['staff-1:Trả lời 1.', 'staff-1:Trả lời 1 (sửa).', 'staff-2:Trả lời 2.']);
  });

  it('keeps polling after a failed read (database briefly down)', async () => {
    let fail = true;
    const added: string[] = [];
    const sync = new FaqSync({ approved: async () => { if (fail) throw new Error('connection refused'); return [entry('staff-9', 'x')]; }, addFaq: (e) => added.push(e.id), logger: silentLogger });
    await expect(sync.syncOnce()).rejects.toThrow('connection refused');
    fail = false;
    sync.start(10);
    await new Promise((r) => setTimeout(r, 60));
    sync.stop();
    expect(added).toEqual(['staff-9']);
  });
});
