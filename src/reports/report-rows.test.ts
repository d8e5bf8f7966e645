import { describe, expect, it } from 'vitest';
import { reportQuestionFromRaw } from './report-rows.js';
import type { RawReportQuestion } from './report-rows.js';

const raw = (over: Partial<RawReportQuestion>): RawReportQuestion => ({
  id: 'q1', channel: 'zalo', userId: 'u1', unitId: null, text: 'NĐ 61 còn hiệu lực không?', answered: 1, source: 'search',
  confidence: '0.9', citations: '[]', createdAt: '1700000000000', feedback: null, ticketId: null, ...over,
});

describe('reportQuestionFromRaw', () => {
  it('keeps the status source of a validity answer (it was answered automatically)', () => {
    expect(reportQuestionFromRaw(raw({ source: 'status' })).source).toBe('status');
    expect(reportQuestionFromRaw(raw({ source: 'weird' })).source).toBe('none');
  });

  it('flags chat messages only', () => {
    expect(reportQuestionFromRaw(raw({ replyKind: 'chat', answered: 0, source: 'none' })).chat).toBe(true);
    expect(reportQuestionFromRaw(raw({ replyKind: 'escalate', answered: 0, source: 'none' })).chat).toBeUndefined();
    expect(reportQuestionFromRaw(raw({})).chat).toBeUndefined();
  });
});
