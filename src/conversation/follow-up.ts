import { foldDiacritics } from '../text/vietnamese.js';

/** How long after an answer a short question is still read as a follow-up. */
export const FOLLOW_UP_WINDOW_MS = 15 * 60_000;

const CUES = /^(con|the con|vay con|vay thi|neu|truong hop|con neu|con ve|the thi)\b|\bthi (sao|the nao|nhu the nao|ra sao)\s*\??$/;

/**
 * Decides whether a message continues the previous question ("còn điều kiện thì sao?", "thế còn cấp
 * xã?"): short, and either opening with a continuation word or closing with a bare "thì sao?". Such a
 * message is searched together with the previous question so it keeps its topic.
 */
export function isFollowUp(text: string, previousAt: number | undefined, now: number): boolean {
  if (previousAt === undefined || now - previousAt > FOLLOW_UP_WINDOW_MS) return false;
  const folded = foldDiacritics(text.toLowerCase()).replace(/[^\p{L}\p{N}?\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  const words = folded.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 7) return false;
  return CUES.test(folded);
}
