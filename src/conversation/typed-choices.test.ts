import { describe, expect, it } from 'vitest';
import { choicesFor } from './reply-choices.js';
import { typedChoice, typedUnitChoice, typedWordChoice } from './typed-choices.js';

const underAnswer = choicesFor({ id: 'q1', answered: true, replyKind: 'answer' });
const underAbstention = choicesFor({ id: 'q2', answered: false, replyKind: 'escalate', replyReason: 'low_confidence' });

describe('typedChoice', () => {
  it.each([
    ['1', underAnswer, 'helpful'],
    [' 2. ', underAnswer, 'unhelpful'],
    ['3)', underAnswer, 'escalate'],
    ['1', underAbstention, 'escalate'],
    ['2', underAbstention, null],
    ['3', underAbstention, null],
    ['4', underAnswer, null],
    ['1 thủ tục', underAnswer, null],
  ] as const)('reads %j by the numbers offered', (text, offered, expected) => {
    expect(typedChoice(text, offered, true)).toBe(expected);
  });

  it('ignores numbers where the channel has buttons', () => {
    expect(typedChoice('1', underAbstention, false)).toBeNull();
  });

  it('takes words only for the actions offered, except asking for staff', () => {
    expect(typedChoice('Hữu ích!', underAnswer, false)).toBe('helpful');
    expect(typedChoice('cảm ơn', underAbstention, true), 'thanks after an abstention is not a vote').toBeNull();
    expect(typedChoice('chuyển cán bộ', underAbstention, false)).toBe('escalate');
    expect(typedChoice('hoi can bo', [], false)).toBe('escalate');
  });
});

describe('typedWordChoice', () => {
  it.each([
    ['Hỏi cán bộ', 'escalate'],
    ['tôi muốn hỏi cán bộ phụ trách', 'escalate'],
    ['chuyển câu hỏi cho cán bộ', 'escalate'],
    ['chưa đúng', 'unhelpful'],
    ['cán bộ một cửa là ai', null],
    ['hỏi cán bộ về thủ tục đất đai', null],
  ] as const)('%j → %s', (text, expected) => {
    expect(typedWordChoice(text)).toBe(expected);
  });
});

describe('typedUnitChoice', () => {
  it('reads a unit number, 0 or "bỏ qua" as skip, and nothing else', () => {
    expect(typedUnitChoice('2', 3)).toBe(2);
    expect(typedUnitChoice('0', 3)).toBe('skip');
    expect(typedUnitChoice('Bỏ qua', 3)).toBe('skip');
    expect(typedUnitChoice('4', 3)).toBeNull();
  });
});

describe('choicesFor', () => {
  it('offers nothing under a chat reply or an empty question', () => {
    expect(choicesFor({ id: 'c', answered: false, replyKind: 'chat' })).toEqual([]);
    expect(choicesFor({ id: 'e', answered: false, replyKind: 'escalate', replyReason: 'empty_query' })).toEqual([]);
  });

  it('treats a record without a reply kind by whether it was answered', () => {
    expect(choicesFor({ id: 'old', answered: false }).map((c) => c.action)).toEqual(['escalate']);
  });
});
