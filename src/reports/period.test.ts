import { describe, expect, it } from 'vitest';
import { DAY_MS, MAX_PERIOD_DAYS, dayKey, dayStart, daysOf, defaultDates, displayDay, displayTime, periodFromDates } from './period.js';
import { median, percentile, ratio } from './stats.js';
import { questionKey, topicPhrases } from './topics.js';

describe('report periods (Vietnam time, UTC+7)', () => {
  it('starts a day at 00:00 in Vietnam and rejects dates that do not exist', () => {
    expect(dayStart('2026-01-01')).toBe(Date.UTC(2025, 11, 31, 17));
    expect(dayStart('2026-02-29')).toBeNull();
    expect(dayStart('2026-1-1')).toBeNull();
    expect(dayStart('01/01/2026')).toBeNull();
  });

  it('turns inclusive dates into [from, to) and names what is wrong otherwise', () => {
    expect(periodFromDates('2026-01-01', '2026-12-31')).toEqual({ from: Date.UTC(2025, 11, 31, 17), to: Date.UTC(2026, 11, 31, 17) });
    expect(periodFromDates('2026-03-02', '2026-03-01')).toEqual({ problem: 'order' });
    expect(periodFromDates('x', '2026-03-01')).toEqual({ problem: 'format' });
    expect(periodFromDates('2020-01-01', '2026-01-01')).toEqual({ problem: 'tooLong' });
    const longest = periodFromDates('2024-01-01', dayKey(Date.UTC(2024, 0, 1) + (MAX_PERIOD_DAYS - 1) * DAY_MS));
    expect('from' in longest).toBe(true);
  });

  it('names the Vietnam day of an instant, so 23:30 UTC is already the next day', () => {
    expect(dayKey(Date.UTC(2026, 1, 28, 23, 30))).toBe('2026-03-01');
    expect(displayDay('2026-03-01')).toBe('01/03/2026');
    expect(displayTime(Date.UTC(2026, 1, 28, 23, 30))).toBe('01/03/2026 06:30');
  });

  it('lists every day of a period and defaults to the 30 days ending today', () => {
    expect(daysOf(Date.UTC(2026, 1, 26, 17), Date.UTC(2026, 2, 1, 17))).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(daysOf(5, 5)).toEqual([]);
    expect(defaultDates(Date.UTC(2026, 2, 31, 3))).toEqual({ from: '2026-03-02', to: '2026-03-31' });
  });
});

describe('percentile and median', () => {
  it('interpolates between the closest ranks like Excel PERCENTILE.INC', () => {
    expect(percentile([100, 10, 40, 30, 20], 0.9)).toBe(76);
    expect(percentile([10, 40], 0.9)).toBe(37);
    expect(median([10, 40, 90, 120, 1440])).toBe(90);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
    expect([ratio(1, 4), ratio(1, 0)]).toEqual([0.25, null]);
  });
});

describe('questionKey and topicPhrases', () => {
  it('groups wordings that differ only in case, diacritics, punctuation and spacing', () => {
    expect(questionKey('  Thủ tục cấp GIẤY PHÉP  xây dựng ?')).toBe('thu tuc cap giay phep xay dung');
    expect(questionKey('thu tuc cap giay phep xay dung')).toBe('thu tuc cap giay phep xay dung');
    expect(questionKey('Đăng ký hộ kinh doanh…')).toBe('dang ky ho kinh doanh');
  });

  it('keeps two-syllable phrases without function words, within a clause', () => {
    expect(topicPhrases('Hồ sơ một cửa nộp ở đâu?')).toEqual(['hồ sơ', 'cửa nộp']);
    expect(topicPhrases('Giấy phép, hồ sơ')).toEqual(['giấy phép', 'hồ sơ']);
    expect(topicPhrases('Nghị định 118 về thủ tục')).toEqual(['nghị định', 'thủ tục']);
  });
});
