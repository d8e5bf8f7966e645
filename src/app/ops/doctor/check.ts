/**
 * One line of `cchc doctor`: what was checked, how it went, and how to fix it when it did not.
 */

/** ok: fine; warn: works but deserves attention; fail: something is broken; skip: not applicable here. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** The result of one check. */
export interface CheckResult {
  /** Short English title, e.g. "Telegram webhook". */
  title: string;
  status: CheckStatus;
  /** What was found, one line. */
  detail: string;
  /** What to do about it (warn and fail). */
  fix?: string;
}

/** Builders for results, so checks read as sentences. */
export const ok = (title: string, detail: string): CheckResult => ({ title, status: 'ok', detail });
export const warn = (title: string, detail: string, fix: string): CheckResult => ({ title, status: 'warn', detail, fix });
export const fail = (title: string, detail: string, fix: string): CheckResult => ({ title, status: 'fail', detail, fix });
export const skip = (title: string, detail: string): CheckResult => ({ title, status: 'skip', detail });
