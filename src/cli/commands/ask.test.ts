import { describe, expect, it } from 'vitest';
import { abstention, searchAnswer } from '../../../test/support/answers.js';
import { askOutput } from './ask.js';

describe('ask output', () => {
  it('prints the answer as officials read it, without confidence or timing', () => {
    const text = askOutput(searchAnswer({ confidence: 0.4321 }), { confidence: 0.4321, ms: 137.25 }, false);
    expect(text.startsWith(searchAnswer().lead), 'the direct answer comes first').toBe(true);
    expect(text).toContain('Nguồn:\n[1] Nghị định 118/2025/NĐ-CP, Khoản 2 Điều 5');
    expect(text, 'officials never see the confidence').not.toMatch(/0[.,]43|Độ tin cậy/u);
    expect(text, 'nor the search time').not.toMatch(/137|ms\b/u);
    expect(askOutput(abstention(), { confidence: 0.21, ms: 5 }, false)).not.toMatch(/0[.,]21|Độ tin cậy/u);
  });

  it('keeps the confidence and the search time in --json', () => {
    const parsed = JSON.parse(askOutput(searchAnswer({ confidence: 0.4321 }), { confidence: 0.4321, ms: 137.25 }, true)) as Record<string, unknown>;
    expect(parsed).toMatchObject({ confidence: 0.4321, ms: 137.25, answer: { kind: 'answer', source: 'search', confidence: 0.4321 } });
  });
});
