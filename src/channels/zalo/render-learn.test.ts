import { describe, it, expect } from 'vitest';
import { renderZalo } from './render.js';

describe('renderZalo with learning choices', () => {
  it('lists course steps as numbers to type', () => {
    const [text] = renderZalo({ text: 'Bài 1', choices: [{ action: 'learn', label: '▶️ Tiếp', value: 'n:c', number: 1 }] });
    expect(text).toBe('Bài 1\n\nTrả lời bằng số tương ứng:\n1. Tiếp');
  });

  it('adds no list under a quiz question, whose options are already numbered in the text', () => {
    const [text] = renderZalo({ text: 'Câu 1\n\n1. A\n2. B\n3. C', choices: ['1', '2', '3'].map((l, i) => ({ action: 'learn' as const, label: l, value: `a:c:q:${i}`, number: i + 1 })) });
    expect(text).toBe('Câu 1\n\n1. A\n2. B\n3. C');
  });
});
