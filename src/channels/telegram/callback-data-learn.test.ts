import { describe, it, expect } from 'vitest';
import { decodeCallbackData, encodeCallbackData } from './callback-data.js';
import { inlineKeyboard } from './render.js';

describe('learning buttons', () => {
  it('round-trips a quiz answer (whose value contains ":") through callback_data', () => {
    const data = encodeCallbackData({ action: 'learn', value: 'a:kiem-soat-tthc:ks-c01:3' });
    expect(data).toBe('ln:a:kiem-soat-tthc:ks-c01:3');
    expect(decodeCallbackData(data)).toEqual({ type: 'learn', value: 'a:kiem-soat-tthc:ks-c01:3' });
    expect(decodeCallbackData('ln:')).toBeNull();
  });

  it('puts the numbered quiz options on one row and longer choices on their own rows', () => {
    const kb = inlineKeyboard([
      { action: 'learn', label: '1', value: 'a:c:q:0' },
      { action: 'learn', label: '2', value: 'a:c:q:1' },
      { action: 'learn', label: '📚 Danh sách chuyên đề', value: 'm' },
    ]);
    expect(kb.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['1', '2'], ['📚 Danh sách chuyên đề']]);
  });
});
