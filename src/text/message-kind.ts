/**
 * Messages that are not questions, recognised from their text alone: junk (nothing to read: one
 * character, digits, markup, a link, a placeholder, keyboard mash, text that is not Vietnamese) and
 * social talk (greetings, thanks, "ok", goodbyes, remarks about the bot, "bạn là ai").
 *
 * Both lists aim at precision: a real question must never be taken for chat. Anything not recognised
 * here goes to search, where a question outside what the bot covers is told apart by its words.
 */
import { foldDiacritics } from './vietnamese.js';

/** What a message is when it is not a question. */
export type MessageKind = 'junk' | 'social';

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu;
const MARKUP = /<\/?[a-z][^<>]*>|&[a-z]+;|&#\d+;/gi;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const PLACEHOLDER = /\[[^\]]{0,40}\]|\{\{[^}]{0,40}\}\}/g;
const WORDS = /[\p{L}\p{N}]+/gu;
/** Words typed to try a system out, never a question. */
const TEST_WORDS = new Set(['test', 'testing', 'null', 'undefined', 'nan', 'asdf', 'qwerty', 'abc', 'xyz']);
/**
 * A plausible Vietnamese syllable once folded: optional onset, one to three vowels, optional coda.
 * Used only to tell Vietnamese text from keyboard mash and foreign text.
 */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

/**
 * Social phrases, folded (no diacritics). A message is social when nothing is left after removing these
 * and the {@link SOCIAL_FILLERS}. Grouped: greetings, thanks, acknowledgement, goodbyes and wishes,
 * remarks about the bot or its answers, questions about the bot itself.
 */
const SOCIAL_PHRASES: readonly string[] = [
  // greetings
  'xin chao', 'chao', 'hello', 'helo', 'hi', 'alo', 'chao buoi sang', 'chao buoi trua', 'chao buoi chieu', 'chao buoi toi',
  // a call for attention with nothing else ("mn ơi", "bot ơi", "ad ơi"): the addressee is a filler
  'oi',
  // thanks
  'cam on', 'cam ta', 'thank you', 'thanks you', 'thanks', 'thank', 'tks', 'thx', 'ty',
  // acknowledgement
  'ok', 'oke', 'okie', 'okay', 'okela', 'vang', 'u', 'uh', 'uhm', 'um', 'hieu roi', 'ro roi', 'duoc roi', 'biet roi', 'nhe', 'nha',
  // goodbyes and wishes
  'tam biet', 'bye', 'bye bye', 'hen gap lai', 'chuc ngu ngon', 'chuc mung nam moi', 'cuoi tuan vui ve', 'vui ve', 'chuc suc khoe',
  // remarks about the bot or the answers
  'hay qua', 'hay', 'gioi qua', 'gioi the', 'gioi', 'tuyet', 'tuyet voi', 'nhanh ghe', 'nhanh the', 'nhanh qua', 'kem qua', 'kem', 'ngu qua',
  'tra loi sai', 'tra loi sai roi', 'sai roi', 'sai', 'khong dung', 'khong lien quan',
  'haha', 'hihi', 'hehe', 'kaka',
  // questions about the bot itself
  'ban la ai', 'bot la ai', 'ban ten gi', 'ten gi', 'ban lam duoc gi', 'lam duoc nhung gi', 'lam duoc gi', 'co ai truc khong', 'co ai khong', 'co ai truc ko',
];

/** Words that may surround social phrases: addressees, pronouns, particles. */
const SOCIAL_FILLERS = new Set(
  'a ah ak da nhe nha nhieu lam qua oi ad admin bot tro ly mn mng moi nguoi ca nha anh chi em e minh ban toi vay nhi roi da vay ha the'.split(' '),
);

const SOCIAL_WORDS = SOCIAL_PHRASES.map((p) => p.split(' ')).sort((a, b) => b.length - a.length);

/**
 * Recognises junk and social messages; undefined for anything that may be a question.
 *
 * @example classifyMessage('<img src=x onerror=alert(1)>') // 'junk'
 * @example classifyMessage('e cảm ơn ạ 🙏') // 'social'
 * @example classifyMessage('cảm ơn, cho em hỏi thủ tục một cửa') // undefined
 */
export function classifyMessage(text: string): MessageKind | undefined {
  const hadMarkup = MARKUP.test(text);
  MARKUP.lastIndex = 0;
  const stripped = text.normalize('NFC').replace(MARKUP, ' ').replace(URL, ' ').replace(PLACEHOLDER, ' ').replace(EMOJI, ' ');
  const words = [...stripped.matchAll(WORDS)].map((m) => m[0]);
  const letterWords = words.filter((w) => /\p{L}/u.test(w));
  if (!letterWords.length) return 'junk';
  const folded = words.map((w) => foldDiacritics(w.toLowerCase()));
  if (isJunk(words, letterWords, folded, hadMarkup)) return 'junk';
  return isSocial(folded) ? 'social' : undefined;
}

function isJunk(words: string[], letterWords: string[], folded: string[], hadMarkup: boolean): boolean {
  if (words.length === 1) {
    const w = folded[0];
    if (w.length === 1) return true;
    if (/^(\p{L})\1+$/u.test(w)) return true;
    if (TEST_WORDS.has(w)) return true;
    if (w.length >= 8 && !SYLLABLE.test(w) && letterWords[0] !== letterWords[0].toUpperCase()) return true;
  }
  if (hadMarkup && words.length <= 2 && folded.every((w) => TEST_WORDS.has(w) || w.length <= 2)) return true;
  // Text that is not Vietnamese (keyboard mash, lorem ipsum, code): few plausible syllables and no
  // capitalised abbreviation (CCHC, PAR INDEX) that would make it a question.
  const lower = letterWords.filter((w) => w !== w.toUpperCase() || w.length === 1);
  if (lower.length >= 3 && lower.length === letterWords.length) {
    const vietnamese = lower.filter((w) => SYLLABLE.test(foldDiacritics(w.toLowerCase()).replace(/đ/g, 'd'))).length;
    if (vietnamese / lower.length < 0.25) return true;
  }
  return false;
}

function isSocial(folded: string[]): boolean {
  if (folded.length > 16) return false;
  const rest = [...folded];
  let removedPhrase = false;
  for (let i = 0; i < rest.length; ) {
    const hit = SOCIAL_WORDS.find((p) => p.every((w, k) => rest[i + k] === w));
    if (hit) {
      rest.splice(i, hit.length);
      removedPhrase = true;
      continue;
    }
    i += 1;
  }
  return removedPhrase && rest.every((w) => SOCIAL_FILLERS.has(w));
}
