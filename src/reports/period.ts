/**
 * Calendar days in Vietnam time for the reports: parsing the period picker's dates, naming the day an
 * instant falls on, and listing the days of a period for the daily series.
 *
 * Vietnam keeps UTC+7 all year (no daylight saving since 1975), so a fixed offset is exact and the
 * reports do not depend on the server's time zone.
 */

/** UTC+7 in milliseconds. */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest period a report covers (three years), to keep the daily series and the page small. */
export const MAX_PERIOD_DAYS = 1096;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start (00:00 Vietnam time) of the day `yyyy-mm-dd`, or null when it is not a real date. */
export function dayStart(date: string): number | null {
  const m = DATE_RE.exec(date.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (y < 2000 || y > 2999 || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return utc - VIETNAM_OFFSET_MS;
}

/** The Vietnam-time day an instant falls on, as `yyyy-mm-dd`. */
export function dayKey(epochMs: number): string {
  return new Date(epochMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** `yyyy-mm-dd` as Vietnamese readers write it: `dd/mm/yyyy`. */
export function displayDay(key: string): string {
  const m = DATE_RE.exec(key);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : key;
}

/** An instant as `dd/mm/yyyy hh:mm` in Vietnam time. */
export function displayTime(epochMs: number): string {
  const iso = new Date(epochMs + VIETNAM_OFFSET_MS).toISOString();
  return `${displayDay(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** Every day of [from, to) in order, as `yyyy-mm-dd` (the day of `from` through the day of `to - 1`). */
export function daysOf(from: number, to: number): string[] {
  const days: string[] = [];
  if (to <= from) return days;
  const last = dayKey(to - 1);
  for (let t = dayStart(dayKey(from)) ?? from; ; t += DAY_MS) {
    const key = dayKey(t);
    days.push(key);
    if (key >= last || days.length > MAX_PERIOD_DAYS + 1) break;
  }
  return days;
}

/** Why a pair of dates is not a period. */
export type PeriodDateProblem = 'format' | 'order' | 'tooLong';

/**
 * The period [00:00 of `from`, 00:00 of the day after `to`) for two inclusive `yyyy-mm-dd` dates in
 * Vietnam time, or the problem: not a date, `to` before `from`, or longer than {@link MAX_PERIOD_DAYS}.
 *
 * @example
 * periodFromDates('2026-01-01', '2026-12-31') // { from: Date.UTC(2025, 11, 31, 17), to: Date.UTC(2026, 11, 31, 17) }
 */
export function periodFromDates(from: string, to: string): { from: number; to: number } | { problem: PeriodDateProblem } {
  const start = dayStart(from);
  const last = dayStart(to);
  if (start === null || last === null) return { problem: 'format' };
  if (last < start) return { problem: 'order' };
  const end = last + DAY_MS;
  if ((end - start) / DAY_MS > MAX_PERIOD_DAYS) return { problem: 'tooLong' };
  return { from: start, to: end };
}

/** The default period picker values: the 30 days ending today (Vietnam time). */
export function defaultDates(now: number): { from: string; to: string } {
  return { from: dayKey(now - 29 * DAY_MS), to: dayKey(now) };
}
