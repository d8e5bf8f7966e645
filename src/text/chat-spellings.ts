/**
 * The tables of {@link normalizeQuestion}: politeness fillers and chat spellings officials use in Zalo and
 * Telegram (`shared/docs/officials-typing.md`). Field abbreviations (CCHC, TTHC, VB, CV, NĐ…) are not
 * here: they live in `knowledge/glossary.yaml`, the one admin-editable source.
 *
 * Every rule has a name so it can be measured, and switched off, on its own.
 */

/** Names of the normaliser's rules. */
export type NormalizerRule =
  | 'emoji'
  | 'repeats'
  | 'units'
  | 'markup'
  | 'pasted'
  | 'openers'
  | 'closers'
  | 'pronouns'
  | 'negation'
  | 'duoc'
  | 'nguoi'
  | 'nhu-the-nao'
  | 'truoc'
  | 'voi'
  | 'gi'
  | 'bao-nhieu'
  | 'roi'
  | 'co-quan'
  | 'ho-so'
  | 'thoi-gian'
  | 'sua-doi'
  | 'thanh-pho'
  | 'uy-ban'
  | 'mot-cua'
  | 'dieu-khoan'
  | 'definition-of';

/** Every rule, in the order they apply. */
export const NORMALIZER_RULES: readonly NormalizerRule[] = [
  'emoji',
  'repeats',
  'units',
  'markup',
  'pasted',
  'openers',
  'closers',
  'pronouns',
  'negation',
  'duoc',
  'nguoi',
  'nhu-the-nao',
  'truoc',
  'voi',
  'gi',
  'bao-nhieu',
  'roi',
  'co-quan',
  'ho-so',
  'thoi-gian',
  'sua-doi',
  'thanh-pho',
  'uy-ban',
  'mot-cua',
  'dieu-khoan',
  // Last: reads the question the other rules have cleaned.
  'definition-of',
];

/**
 * Phrases that open a message and carry no content ("cho em hỏi", "anh chị ơi"). Written with
 * diacritics; a token typed without diacritics matches the folded pattern, one typed with diacritics
 * must match exactly (so "hội" never passes for "hỏi").
 */
export const OPENERS: readonly string[] = [
  'cho em hỏi chút',
  'cho em hỏi xíu',
  'cho em hỏi',
  'cho e hỏi',
  'cho mình hỏi',
  'cho tôi hỏi',
  'cho anh hỏi',
  'cho chị hỏi',
  'cho hỏi',
  'cho em xin hỏi',
  'em xin hỏi',
  'xin hỏi',
  'em hỏi chút',
  'em hỏi xíu',
  'em hỏi',
  'e hỏi',
  'em muốn hỏi',
  'e muốn hỏi',
  'mình muốn hỏi',
  'tôi muốn hỏi',
  'em cần hỏi',
  'anh chị ơi',
  'anh chị cho em hỏi',
  'a chị ơi',
  'anh ơi',
  'chị ơi',
  'a ơi',
  'c ơi',
  'em ơi',
  'bạn ơi',
  'ad ơi',
  'admin ơi',
  'bot ơi',
  'trợ lý ơi',
  'mọi người ơi',
  'mn ơi',
  'mng ơi',
  'ac ơi',
  // A bare addressee opening the message ("mn cho hỏi…", "ad cho e hỏi"): the opener after it goes next.
  'mn',
  'mng',
  'ad',
  'admin',
  'nhờ anh chị tư vấn',
  'nhờ anh chị giải đáp',
  'nhờ mọi người tư vấn',
  'giúp em với',
  'dạ',
  'chào anh chị',
  'chào bot',
  'xin chào',
  'chào',
];

/**
 * Phrases that close a message and carry no content ("ạ", "nhé", "em cảm ơn"). Removed from the end,
 * repeatedly. `strict` phrases match only when typed with their diacritics ("thế", not "the" = "thẻ").
 */
export const CLOSERS: ReadonlyArray<{ phrase: string; strict?: boolean }> = [
  { phrase: 'em cảm ơn nhiều' },
  { phrase: 'em cảm ơn' },
  { phrase: 'e cảm ơn' },
  { phrase: 'mình cảm ơn' },
  { phrase: 'xin cảm ơn' },
  { phrase: 'cảm ơn nhiều' },
  { phrase: 'cảm ơn' },
  { phrase: 'cám ơn' },
  { phrase: 'thank you' },
  { phrase: 'thanks' },
  { phrase: 'thank' },
  { phrase: 'tks' },
  { phrase: 'thanks you' },
  { phrase: 'giúp em với' },
  { phrase: 'giúp e với' },
  { phrase: 'giúp mình với' },
  { phrase: 'giúp với' },
  { phrase: 'mọi người' },
  { phrase: 'anh chị' },
  { phrase: 'mn' },
  { phrase: 'mng' },
  { phrase: 'ad' },
  { phrase: 'admin' },
  { phrase: 'ạ' },
  { phrase: 'nhé' },
  { phrase: 'nhá', strict: true },
  { phrase: 'nha' },
  { phrase: 'ah' },
  { phrase: 'ak' },
  { phrase: 'hả', strict: true },
  { phrase: 'nhỉ', strict: true },
  { phrase: 'vậy' },
  { phrase: 'thế', strict: true },
  { phrase: 'z' },
  { phrase: 'v' },
  { phrase: 'đấy', strict: true },
  { phrase: 'thôi', strict: true },
  { phrase: 'xíu', strict: true },
  { phrase: 'chút', strict: true },
];

/** One chat spelling: what it stands for, and the rule that owns it. */
export interface ChatSpelling {
  rule: NormalizerRule;
  meaning: string;
}

/**
 * Whole-token chat spellings, keyed by the lower-case token as typed. Ambiguous ones have a guard in
 * the normaliser: single letters are never touched after "điểm"/"khoản" or before ")" ("điểm k",
 * "k)"), "đk" is "được" only next to "có"/"không"/at the end (else "điều kiện"), pronouns ("e", "a",
 * "c") are dropped only where they cannot be a list letter.
 */
export const CHAT_SPELLINGS: ReadonlyMap<string, ChatSpelling> = new Map<string, ChatSpelling>([
  ...['ko', 'k', 'kh', 'khg', 'kg', 'hok', 'hông', 'khum', 'hem', 'khôg', 'khog'].map((t): [string, ChatSpelling] => [t, { rule: 'negation', meaning: 'không' }]),
  ...['đc', 'dc', 'đươc', 'dduoc', 'đựơc'].map((t): [string, ChatSpelling] => [t, { rule: 'duoc', meaning: 'được' }]),
  ['ng', { rule: 'nguoi', meaning: 'người' }],
  ['ngta', { rule: 'nguoi', meaning: 'người ta' }],
  ['ntn', { rule: 'nhu-the-nao', meaning: 'như thế nào' }],
  ['nthe', { rule: 'nhu-the-nao', meaning: 'như thế' }],
  ['trc', { rule: 'truoc', meaning: 'trước' }],
  ['trk', { rule: 'truoc', meaning: 'trước' }],
  ['vs', { rule: 'voi', meaning: 'với' }],
  ['j', { rule: 'gi', meaning: 'gì' }],
  ['bn', { rule: 'bao-nhieu', meaning: 'bao nhiêu' }],
  ['bnh', { rule: 'bao-nhieu', meaning: 'bao nhiêu' }],
  ['r', { rule: 'roi', meaning: 'rồi' }],
  ['rùi', { rule: 'roi', meaning: 'rồi' }],
  ['cq', { rule: 'co-quan', meaning: 'cơ quan' }],
  ['cqcm', { rule: 'co-quan', meaning: 'cơ quan chuyên môn' }],
  ['hs', { rule: 'ho-so', meaning: 'hồ sơ' }],
  ['tg', { rule: 'thoi-gian', meaning: 'thời gian' }],
  ['sđbs', { rule: 'sua-doi', meaning: 'sửa đổi, bổ sung' }],
  ['sdbs', { rule: 'sua-doi', meaning: 'sửa đổi, bổ sung' }],
  ['sđ', { rule: 'sua-doi', meaning: 'sửa đổi' }],
  ['bs', { rule: 'sua-doi', meaning: 'bổ sung' }],
  ['tp', { rule: 'thanh-pho', meaning: 'thành phố' }],
  ['ub', { rule: 'uy-ban', meaning: 'ủy ban' }],
]);

/** "đk"/"dk": "được" or "điều kiện" depending on the neighbours. */
export const DK_SPELLINGS: ReadonlySet<string> = new Set(['đk', 'dk']);

/**
 * Whole-word pronouns for the asker ("em làm báo cáo…", "bên em giải quyết…"): dropped when they open the
 * message or follow a word for the asker's unit ({@link ASKER_UNITS}), where they can only mean the asker.
 */
export const ASKER_PRONOUNS: ReadonlySet<string> = new Set(['em', 'mình', 'tôi', 'tui']);

/** Folded words for the asker's side or unit that a possessive pronoun follows ("bên em", "phòng mình"). */
export const ASKER_UNITS: ReadonlySet<string> = new Set(['ben', 'phong', 'don vi', 'co quan', 'so', 'xa', 'phuong']);

/** Pronouns officials put in questions ("e muốn hỏi", "a ơi"); they carry nothing for search. */
export const PRONOUN_LETTERS: ReadonlySet<string> = new Set(['e', 'a', 'c']);
