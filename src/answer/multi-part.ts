/**
 * Multi-part questions ("danh mục hồ sơ do ai phê duyệt, ban hành lúc nào"; "1) … 2) …"; "…? …?"): the
 * question is split into parts, each part is searched on its own, the covered parts are answered and the
 * uncovered ones are named (`Answer.uncoveredParts`, shown as "Phần chưa có căn cứ để trả lời: …").
 *
 * Conservative by design: a question splits only where both sides read as questions of their own, into at
 * most {@link MAX_PARTS} parts; when the whole question is answered, that answer stays and only the parts
 * that neither their own search nor the answer's text covers are named; when it is not, the covered parts
 * are answered only if their own search is confident. The search and compose functions come from the
 * caller (the conversation core passes its own), so this module holds no index or model.
 */
import { FOLDED_STOPWORDS } from '../text/stopwords.js';
import { foldWord } from '../text/vietnamese.js';
import type { SearchResult } from '../search/types.js';
import { foldText } from '../text/question-facts.js';
import type { Answer, AnswerReply, Citation, Passage } from './types.js';

/** Most parts a question is split into; a question with more is answered as a whole. */
export const MAX_PARTS = 3;

/**
 * The whole question's passages that a part answered on its own may come from: its first two. A part alone
 * loses the question's subject, and a passage the whole ranks lower shares the part's words, not the question
 * ("…, phó giám đốc sở thì giới hạn ra sao" of a question on the senior-expert grade answered from the clause
 * making a centre's deputy director equal to a department's). With five, 4 of the 17 answers the probes and the
 * official set got this way came only from a passage ranked third to fifth: three were wrong, one right.
 */
const CONTEXT_HITS = 2;

/** A part longer than this (words) means the message is a pasted text, which is not split. */
const MAX_PART_WORDS = 25;

/** What {@link answerByParts} needs from its caller: the bot's own search and answer decision. */
export interface PartsPath {
  search(text: string): SearchResult | Promise<SearchResult>;
  compose(result: SearchResult): Answer | Promise<Answer>;
  /** The composer's answer-or-abstain rule, without composing (no model call). */
  wouldAnswer(result: SearchResult): boolean;
}

const WORDS = /[\p{L}\p{N}]+/gu;
/** Words and phrases (folded) that make a clause a question of its own. */
const QUESTION_MARK = /(^| )(gi|j|nao|bao nhieu|bn|bao lau|khong|ko|k|khum|chua|ai|dau|may|sao|ntn|the nao|khi nao|luc nao|bao gio|hay khong|phai khong|duoc khong|dc ko|dc k)( |$)/u;
/** Where a question may hold several: sentence ends, semicolons, line breaks, numbered or lettered parts. */
const HARD_SPLIT = /\?+\s*|;\s+|\n+|(?:^|\s)(?:\d{1,2}[.)]|[a-d]\))\s+/u;
/** Where two clauses may be joined: ", còn", ", và", ", ", " và ", " còn ". */
const SOFT_SPLIT = /\s*,\s*(?:còn|con|và|va)?\s+|\s+(?:và|va|còn|con)\s+/u;

/**
 * The parts of a question, as the official typed them; [] when it is one question (or too many to split
 * safely). Clauses joined by "," / "và" / "còn" split only when each reads as a question of its own
 * (has a question word) and has at least two content words.
 *
 * @example
 * splitQuestion('danh muc ho so do ai phe duyet, ban hanh luc nao'); // ['danh muc ho so do ai phe duyet', 'ban hanh luc nao']
 */
export function splitQuestion(text: string): string[] {
  const hard = text.split(HARD_SPLIT).map((p) => p?.trim()).filter((p): p is string => Boolean(p) && contentWords(p) >= 2);
  const parts = hard.flatMap(softSplit);
  // A pasted paragraph with a question at the end is one question, not several.
  const short = parts.every((p) => (p.match(WORDS) ?? []).length <= MAX_PART_WORDS);
  return parts.length >= 2 && parts.length <= MAX_PARTS && short ? parts : [];
}

function softSplit(clause: string): string[] {
  const pieces = clause.split(SOFT_SPLIT).map((p) => p.trim()).filter(Boolean);
  if (pieces.length < 2) return [clause];
  const questions = pieces.every((p) => QUESTION_MARK.test(` ${foldText(p)} `) && contentWords(p) >= 2);
  return questions ? pieces : [clause];
}

/** Syllables that only shape a question ("bao lâu", "khi nào", "được không"), folded. */
const SHAPING = new Set('bao nhieu lau nao khi luc the sao ntn j gi ko k khum khong chua ai dau may bn dc duoc phai hay trong'.split(' '));

function contentOf(text: string): string[] {
  return (text.toLowerCase().match(WORDS) ?? []).map(foldWord).filter((w) => w.length > 1 && !FOLDED_STOPWORDS.has(w) && !SHAPING.has(w));
}

function contentWords(text: string): number {
  return contentOf(text).length;
}

/**
 * Answers a question part by part when it has several (see the module comment); otherwise returns the
 * answer to the whole question unchanged. `whole` is the search result of the whole question.
 */
export async function answerByParts(text: string, whole: SearchResult, path: PartsPath): Promise<Answer> {
  const answer = await path.compose(whole);
  // What became of a unit ("kon tum cũ nhập vào đâu, tên tỉnh mới là gì") is answered whole by its clause:
  // a part without the unit's name ("tên tỉnh mới là gì") finds nothing on its own but is answered.
  if (whole.intent?.kind === 'merger') return answer;
  const splittable = answer.kind === 'answer' ? answer.source === 'search' || answer.source === 'faq' : answer.kind === 'escalate' && (answer.reason === 'low_confidence' || answer.reason === 'no_match');
  if (!splittable) return answer;
  const parts = splitQuestion(text);
  if (!parts.length) return answer;
  const results = await Promise.all(parts.map((p) => path.search(p)));
  const confident = results.map((r) => path.wouldAnswer(r));
  if (answer.kind === 'answer') {
    const said = new Set(answerWords(answer));
    const cited = new Set(answer.citations.map((c) => c.chunkId));
    // A part is named only when its own search is not confident, its best passage is not one the answer
    // cites, and the answer's text does not hold its words.
    const uncovered = parts.filter((p, i) => !confident[i] && !cited.has(results[i].hits[0]?.chunk.id ?? '') && !mentions(said, p));
    return uncovered.length && uncovered.length < parts.length ? { ...answer, uncoveredParts: uncovered } : answer;
  }
  // A part answered on its own must be answered from a passage the whole question found: a short part
  // loses its subject ("…, bị xử lý thế nào" alone finds a clause on lost dossiers at 0.90; "số trang đặt ở
  // đâu" one on where the one-stop office is sited; "tổng điểm tối đa bn" of PAR INDEX a civil servant's
  // score in another article of a document found), and only the whole question says what it is about.
  const wholePassages = new Set(whole.hits.slice(0, CONTEXT_HITS).map((h) => h.chunk.id));
  const answerable = confident.map((c, i) => c && (results[i].intent !== undefined || wholePassages.has(results[i].hits[0]?.chunk.id ?? '')));
  if (!answerable.some(Boolean)) return answer;
  const answers: AnswerReply[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (!answerable[i]) continue;
    const a = await path.compose(results[i]);
    if (a.kind === 'answer') answers.push(a);
  }
  if (!answers.length) return answer;
  return { ...merge(answers), uncoveredParts: parts.filter((_, i) => !answerable[i]) };
}

/** Folded content words of an answer's lead and quotes. */
function answerWords(a: AnswerReply): string[] {
  const text = [a.lead, ...a.passages.map((p) => p.text)].join(' ');
  return (text.toLowerCase().match(WORDS) ?? []).map(foldWord);
}

/**
 * True when the answer's text holds at least half the content words of the part: the answer then likely
 * speaks to it (a part's own search is weak when it leaves out the subject: "…, ban hành lúc nào").
 */
function mentions(said: ReadonlySet<string>, part: string): boolean {
  const words = contentOf(part);
  return words.length > 0 && words.filter((w) => said.has(w)).length * 2 >= words.length;
}

/** The answers of several parts as one: leads in order, sources renumbered, validity notices once each. */
function merge(answers: AnswerReply[]): AnswerReply {
  const citations: Citation[] = [];
  const passages: Passage[] = [];
  for (const a of answers) {
    const offset = citations.length;
    citations.push(...a.citations.map((c) => ({ ...c, marker: c.marker + offset })));
    passages.push(...a.passages.map((p) => ({ ...p, marker: p.marker + offset })));
  }
  return {
    ...answers[0],
    source: answers.every((a) => a.source === 'faq') ? 'faq' : 'search',
    lead: answers.map((a) => a.lead).join('\n\n'),
    passages,
    citations,
    notices: [...new Set(answers.flatMap((a) => a.notices))],
    confidence: Math.min(...answers.map((a) => a.confidence)),
  };
}
