import { foldWord } from '../../text/vietnamese.js';
import { STOPWORDS } from '../../text/stopwords.js';

/** Why a model's answer was not used (logged; the official gets the extractive answer instead). */
export type RejectReason =
  | 'empty'
  | 'too_long'
  | 'too_short'
  | 'model_abstained'
  | 'prompt_leak'
  | 'injection_echo'
  | 'foreign_url'
  | 'markup'
  | 'unknown_citation'
  | 'no_citation'
  | 'uncited_sentences'
  | 'foreign_number'
  | 'unsupported';

/** What the check needs to know about the request. */
export interface OutputCheckContext {
  /** Markers of the passages that were given ([1] … [n]). */
  markers: readonly number[];
  /** Everything the answer may rest on: passage texts and citation labels. */
  evidence: string;
  /** The system prompt sent, to detect an answer that reveals it. */
  systemPrompt: string;
  /** Delimiter nonce of the request; an answer that contains it is echoing the prompt. */
  nonce: string;
  /** Least share of a sentence's content words found in the evidence. Default 0.5. */
  minSupport?: number;
  /** Longest acceptable answer, characters. Default 1200. */
  maxChars?: number;
}

/** The outcome of {@link checkGroundedOutput}. */
export type OutputCheck = { ok: true; text: string; cited: number[] } | { ok: false; reason: RejectReason };

const MARKER = /\[([^[\]\n]{1,24})\]/g;
const CLEAN_MARKER = /^\s*\d+(?:\s*(?:[,;–-]|và)\s*\d+)*\s*$/u;
const URL = /\b(?:https?:\/\/|www\.)[^\s)\]>"']+/giu;
const MARKUP = [/<\/?[a-z][^>\n]*>/giu, /!?\[[^\]\n]*\]\([^)\n]*\)/gu, /```/gu, /^\s{0,3}#{1,6}\s/gmu, /^\s*\|.*\|\s*$/gmu];
const ABSTAIN = /\b(?:khong|chua)\s+(?:co\s+)?du\s+can\s+cu\b/u;
/** Instructions an injected passage or question typically carries; an answer repeating them obeyed one. */
const INJECTION = [
  /\bbo\s+qua\s+(?:moi|tat\s+ca|cac|nhung)?\s*(?:huong\s+dan|chi\s+dan|quy\s+tac|yeu\s+cau|lenh)\b/u,
  /\bignore\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier)\b/u,
  /\bsystem\s+prompt\b|\bdeveloper\s+message\b/u,
  /\b(?:loi\s+nhac|chi\s+dan|huong\s+dan|quy\s+tac)\s+he\s+thong\b/u,
  /\b(?:het_)?(?:tai_lieu|cau_hoi)_/u,
];
/**
 * Words of a system-prompt run that, found in the answer in the same order (and not in the passages),
 * mean the prompt leaked.
 */
const LEAK_SHINGLE = 7;

/**
 * Checks a chat model's answer before it may replace the extractive one, and returns the cleaned text and
 * the markers it cites.
 *
 * Rejected: an empty, over-long or one-phrase answer; the model's own "không đủ căn cứ"; an answer that
 * reveals the system prompt or repeats injected instructions; URLs or markup not found in the passages;
 * a marker that is not one of the given passages, or no marker at all; fewer than half the sentences
 * carrying a marker; numbers (days, amounts, article numbers) that appear in no passage or citation; and
 * a sentence most of whose content words appear in no passage. These are cheap lexical heuristics: they
 * catch inventions and obeyed injections, not every subtle misreading, so the passages stay on screen.
 */
export function checkGroundedOutput(raw: string, ctx: OutputCheckContext): OutputCheck {
  const minSupport = ctx.minSupport ?? 0.5;
  const text = clean(raw);
  if (!text) return { ok: false, reason: 'empty' };
  if (text.length > (ctx.maxChars ?? 1200)) return { ok: false, reason: 'too_long' };
  const folded = fold(text);
  if (ABSTAIN.test(folded)) return { ok: false, reason: 'model_abstained' };
  if (text.includes(ctx.nonce) || leaksPrompt(folded, ctx.systemPrompt, ctx.evidence)) return { ok: false, reason: 'prompt_leak' };
  if (INJECTION.some((re) => re.test(folded))) return { ok: false, reason: 'injection_echo' };
  if ((text.match(URL) ?? []).some((u) => !ctx.evidence.includes(u.replace(/[.,;:]+$/u, '')))) return { ok: false, reason: 'foreign_url' };
  if (MARKUP.some((re) => (text.match(re) ?? []).some((m) => !ctx.evidence.includes(m)))) return { ok: false, reason: 'markup' };

  const allowed = new Set(ctx.markers);
  const cited = new Set<number>();
  for (const m of text.matchAll(MARKER)) {
    const inside = m[1];
    if (!/^\s*\d/u.test(inside)) continue; // "[Điều 5]" is text, not a marker
    if (!CLEAN_MARKER.test(inside)) return { ok: false, reason: 'unknown_citation' };
    for (const n of inside.match(/\d+/gu) ?? []) {
      if (!allowed.has(Number(n))) return { ok: false, reason: 'unknown_citation' };
      cited.add(Number(n));
    }
  }
  if (!cited.size) return { ok: false, reason: 'no_citation' };

  const sentences = splitSentences(text).filter((s) => words(stripMarkers(s)).length >= 4);
  if (!sentences.length) return { ok: false, reason: 'too_short' };
  const withMarker = sentences.filter((s) => /\[\s*\d/u.test(s)).length;
  if (withMarker * 2 < sentences.length) return { ok: false, reason: 'uncited_sentences' };

  const evidenceNumbers = new Set(numbers(ctx.evidence));
  if (numbers(stripMarkers(text)).some((n) => !evidenceNumbers.has(n))) return { ok: false, reason: 'foreign_number' };

  const evidenceWords = new Set(words(ctx.evidence).map(foldWord));
  for (const s of sentences) {
    const content = words(stripMarkers(s)).filter((w) => !STOPWORDS.has(w));
    if (!content.length) continue;
    const found = content.filter((w) => evidenceWords.has(foldWord(w))).length;
    if (found / content.length < minSupport) return { ok: false, reason: 'unsupported' };
  }
  return { ok: true, text, cited: [...cited].sort((a, b) => a - b) };
}

/**
 * NFC, trimmed, CRLF → LF, at most one blank line, and Markdown emphasis (`**`, `__`) dropped: models add
 * it out of habit and the channels show plain text, so it is noise rather than a reason to reject.
 */
function clean(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\*\*|__/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Lower-case, diacritics folded, whitespace collapsed: the form the phrase patterns are written in. */
function fold(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/\s+/g, ' ');
}

/** Lower-case words (letters and digits) of a text. */
function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function stripMarkers(s: string): string {
  return s.replace(/\[\s*\d[^\]]*\]/gu, ' ');
}

/** Digit runs, with thousands separators and decimal commas kept ("1.000.000", "2,5"). */
function numbers(s: string): string[] {
  return (s.match(/\d+(?:[.,]\d+)*/gu) ?? []).map((n) => n.replace(/[.,]$/u, ''));
}

/**
 * Sentences at ". ", "! ", "? ", "; " and line breaks. Markers written after the full stop ("… hồ sơ. [1]")
 * are moved before it first, so they stay with the sentence they cite.
 */
function splitSentences(text: string): string[] {
  const moved = text.replace(/([.!?;…])((?:\s*\[\s*\d[^\]]*\])+)/gu, '$2$1');
  return moved
    .split(/(?<=[.!?;…])\s+|\n+/u)
    .map((s) => s.replace(/^\s*(?:[-•*+]|\d+[.)])\s+/u, '').trim())
    .filter(Boolean);
}

/**
 * True when `LEAK_SHINGLE` consecutive words of the system prompt appear in the answer in order, unless
 * the passages hold them too ("cán bộ, công chức, viên chức" is in the prompt and in many passages).
 */
function leaksPrompt(foldedAnswer: string, systemPrompt: string, evidence: string): boolean {
  const answer = ` ${words(foldedAnswer).join(' ')} `;
  const source = ` ${words(fold(evidence)).join(' ')} `;
  const prompt = words(fold(systemPrompt));
  for (let i = 0; i + LEAK_SHINGLE <= prompt.length; i++) {
    const shingle = ` ${prompt.slice(i, i + LEAK_SHINGLE).join(' ')} `;
    if (answer.includes(shingle) && !source.includes(shingle)) return true;
  }
  return false;
}
