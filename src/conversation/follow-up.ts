import { foldDiacritics } from '../text/vietnamese.js';

/** How long after an answer a short question is still read as a follow-up. */
export const FOLLOW_UP_WINDOW_MS = 15 * 60_000;

/** Most words a follow-up has: longer messages carry their own topic. */
export const FOLLOW_UP_MAX_WORDS = 15;

/**
 * Continuation cues, on the folded text: an opening "còn / thế / vậy / nếu / trường hợp" ("thế còn cấp
 * xã?", "vậy mỗi cấp gồm những cơ quan nào"; not "thế nào là …", which asks a question of its own), a
 * closing "thì sao / thì thế nào", or a word pointing back at what was just discussed: "nó", "văn bản
 * đó", "nghị định này", "quy định trên".
 */
const OPENING = /^(con|the|vay|neu|truong hop|the thi|vay thi)\b(?! nao la\b)(?! nao\s*\??$)/;
const CLOSING = /\bthi (sao|the nao|nhu the nao|ra sao)( a| nhi| nhe| vay)?\s*\??$/;
const POINTER = /\bno\b|\b(van ban|vb|nghi dinh|nd|luat|thong tu|quyet dinh|qd|dieu|khoan|quy dinh|thu tuc|cai) (do|nay|tren|kia)\b/;

/**
 * Decides whether a message continues the previous question ("còn điều kiện thì sao?", "thế bây giờ nó
 * còn hiệu lực không", "vậy thông tư hướng dẫn thì sao"): short, with a continuation cue. Such a message
 * is searched together with the previous question so it keeps its topic.
 */
export function isFollowUp(text: string, previousAt: number | undefined, now: number): boolean {
  if (previousAt === undefined || now - previousAt > FOLLOW_UP_WINDOW_MS) return false;
  const folded = foldDiacritics(text.toLowerCase()).replace(/[^\p{L}\p{N}?\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  const words = folded.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > FOLLOW_UP_MAX_WORDS) return false;
  return OPENING.test(folded) || CLOSING.test(folded) || POINTER.test(folded);
}
