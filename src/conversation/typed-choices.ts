import { foldDiacritics } from '../text/vietnamese.js';
import type { ReplyAction, ReplyChoice } from './types.js';

/** A typed choice number: "1", " 2. ", "3)". */
export const TYPED_NUMBER_RE = /^\s*(\d{1,2})\s*[.)]?\s*$/;

/**
 * The feedback or escalation an official typed in words: "hữu ích" → helpful, "chưa đúng" → unhelpful,
 * "hỏi cán bộ" / "chuyển cán bộ" → escalate; null for anything else, so real questions are never swallowed.
 */
export function typedWordChoice(text: string): ReplyAction | null {
  const t = fold(text);
  if (/^(huu ich|co ich|dung roi|cam on)$/.test(t)) return 'helpful';
  if (/^(chua dung|sai|khong dung|chua chinh xac|khong huu ich)$/.test(t)) return 'unhelpful';
  if (/^((toi muon |cho toi |xin )?(hoi|chuyen|gui|gap) (cho )?can bo( phu trach)?|hoi nguoi that|chuyen cau hoi( cho can bo)?)$/.test(t)) return 'escalate';
  return null;
}

/**
 * Understands a short typed reply to the choices offered with the last answer: the number printed next to
 * a choice (on platforms without buttons, `allowNumbers`), or its words. A word reply counts only when
 * its action was offered ("cảm ơn" after an abstention is a thank-you, not a vote), except "hỏi cán bộ",
 * which always asks for staff. Returns null for anything else.
 *
 * @example typedChoice('1', [{ action: 'escalate', label: '…', number: 1 }], true) // 'escalate'
 */
export function typedChoice(text: string, offered: readonly ReplyChoice[], allowNumbers: boolean): ReplyAction | null {
  const n = TYPED_NUMBER_RE.exec(text);
  if (n) {
    if (!allowNumbers) return null;
    const picked = offered.find((c) => c.number === Number(n[1]));
    return picked && picked.action !== 'unit' && picked.action !== 'learn' ? picked.action : null;
  }
  const word = typedWordChoice(text);
  if (word === 'escalate') return word;
  return word && offered.some((c) => c.action === word) ? word : null;
}

/** A typed unit pick: "0" (skip) or a 1-based number within `count`; null otherwise. */
export function typedUnitChoice(text: string, count: number): number | 'skip' | null {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t)) {
    return /^(bo qua|skip)$/.test(fold(t)) ? 'skip' : null;
  }
  const n = Number(t);
  if (n === 0) return 'skip';
  return n >= 1 && n <= count ? n : null;
}

/** Lower case, diacritics folded, closing punctuation and extra spaces dropped. */
function fold(text: string): string {
  return foldDiacritics(text.trim().toLowerCase()).replace(/[.!?…]+$/, '').replace(/\s+/g, ' ').trim();
}
