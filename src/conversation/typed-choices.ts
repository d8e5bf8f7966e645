import { foldDiacritics } from '../text/vietnamese.js';
import type { ReplyAction } from './types.js';

/**
 * Understands the short typed replies that stand in for buttons on channels without them (Zalo):
 * "1" / "hữu ích" → helpful, "2" / "chưa đúng" → unhelpful, "3" / "hỏi cán bộ" → escalate. The numbers
 * follow the order of the answer choices (helpful, unhelpful, escalate), the same order the Zalo renderer
 * lists them in. Returns null for anything else, so real questions are never swallowed.
 */
export function typedAnswerChoice(text: string, allowNumbers: boolean): ReplyAction | null {
  const t = foldDiacritics(text.trim().toLowerCase()).replace(/[.!?]+$/, '').replace(/\s+/g, ' ');
  if (allowNumbers) {
    if (t === '1') return 'helpful';
    if (t === '2') return 'unhelpful';
    if (t === '3') return 'escalate';
  }
  if (/^(huu ich|co ich|dung roi|cam on)$/.test(t)) return 'helpful';
  if (/^(chua dung|sai|khong dung|chua chinh xac|khong huu ich)$/.test(t)) return 'unhelpful';
  if (/^(hoi can bo|chuyen can bo|gap can bo|hoi nguoi that|toi muon hoi can bo)$/.test(t)) return 'escalate';
  return null;
}

/** A typed unit pick: "0" (skip) or a 1-based number within `count`; null otherwise. */
export function typedUnitChoice(text: string, count: number): number | 'skip' | null {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t)) {
    return /^(bo qua|bỏ qua|skip)$/i.test(foldDiacritics(t.toLowerCase())) ? 'skip' : null;
  }
  const n = Number(t);
  if (n === 0) return 'skip';
  return n >= 1 && n <= count ? n : null;
}
