/**
 * Definition questions ("thủ tục hành chính là gì", "thế nào là cơ chế một cửa", "khái niệm vị trí việc
 * làm") and the passages that define the asked term. A passage defines a term when one of its lines
 * opens with it, followed by "là", "được hiểu là", "gồm" or a colon ("1. Thủ tục hành chính là …",
 * "“Bộ phận Một cửa” là …", "Cơ chế một cửa: …"): the form of definitions articles ("Giải thích từ
 * ngữ") in Vietnamese legal texts. The retriever ranks such a passage above one that merely uses the
 * term (Luật Ban hành văn bản quy phạm pháp luật 2025 keeps this form for "Giải thích từ ngữ").
 * Rules over folded (diacritic-free) text, so a question typed without diacritics is read the same way.
 */
import { foldDiacritics } from '../text/vietnamese.js';

/**
 * Cues after the asked term ("X là gì", "X được hiểu thế nào", "X có chức năng / vai trò gì": the passage
 * that says what X is says what it is for), on folded text; "X như thế nào" alone asks how, not what X is.
 */
const CUE_AFTER = /^(.+?)\s+(?:(?:duoc hieu|hieu|nghia)\s+)?(?:la gi|la cai gi|la j|la sao|nghia la gi|la the nao|la nhu the nao)(?:\s|$)|^(.+?)\s+(?:duoc hieu|hieu)\s+(?:the nao|nhu the nao)(?:\s|$)|^(.+?)\s+(?:co|lam|giu)\s+(?:chuc nang|vai tro|nhiem vu|chuc nang nhiem vu)\s+(?:gi|j|nhu the nao|the nao)(?:\s|$)/u;
/** Cues before the asked term ("thế nào là X", "khái niệm X", "định nghĩa X"). */
const CUE_BEFORE = /(?:^|\s)(?:the nao la|nhu the nao la|khai niem(?: ve| cua)?|dinh nghia(?: ve| cua)?|giai thich)\s+(.+)$/u;
/** A quoted span ("…", “…”, ‘…’, '…') of a question: the term it asks about when it names one. */
const QUOTED = /["“‘']([^"“”‘’']{2,80})["”’']/gu;
/** A line's defined term: the words before "là", "được hiểu là", "gồm" or a colon near the start. */
const DEFINITION_HEAD = /^([^:;.]{1,100}?)(?:\s(?:la|duoc hieu la|gom|bao gom)\s|\s?:\s)/u;

function words(text: string): string[] {
  return foldDiacritics(text.toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The term a definition question asks about, as folded words; undefined when the question asks for no
 * definition. A question with several parts ("…là gì, ai làm") is read up to its first cue.
 */
export function askedTerm(question: string): string[] | undefined {
  const f = words(question).join(' ');
  const m = CUE_BEFORE.exec(f) ?? CUE_AFTER.exec(f);
  let read = m?.[1] ?? m?.[2] ?? m?.[3];
  if (!read) return undefined;
  if (SOURCE_PREFIX.test(read)) {
    // "Theo Bộ luật Dân sự “tài sản” được hiểu thế nào", "theo nđ 118 thì bộ phận một cửa là gì": the
    // question names its source first; the term is the quoted span that ends it, or what follows "thì".
    const quoted = quotedEnding(question, read.split(' '));
    if (quoted) return quoted;
    const after = read.split(/\s+thi\s+/u);
    if (after.length > 1) read = after[after.length - 1];
  }
  const out = read.split(/\s+(?:la gi|la|thi)\s+/u)[0].split(' ').filter(Boolean);
  return out.length ? out : undefined;
}

/**
 * The cues that ask what a term is ("là gì", "nghĩa là gì", "thế nào là", "khái niệm", "định nghĩa", "được
 * hiểu"), on folded text: not "giải thích lý do" in a pasted paragraph, nor "có chức năng gì".
 */
const ASKS_WHAT_IT_IS = /\b(?:la gi|la j|la cai gi|nghia la gi|la the nao|la nhu the nao|the nao la|nhu the nao la|khai niem|dinh nghia|duoc hieu)\b/u;

/** A question that opens by naming its source ("theo Luật …", "theo nđ 118 …"). */
const SOURCE_PREFIX = /^theo\s/u;

/** The question's one quoted span when the text the cues read ends with it; else undefined. */
function quotedEnding(question: string, read: readonly string[]): string[] | undefined {
  const spans = [...question.matchAll(QUOTED)].map((q) => words(q[1])).filter((w) => w.length > 0 && w.length <= 8);
  if (spans.length !== 1 || spans[0].length >= read.length) return undefined;
  const q = spans[0];
  const from = read.length - q.length;
  return q.every((w, j) => read[from + j] === w) ? q : undefined;
}

/**
 * Whether a passage defines the asked term: one of its lines or sentences opens with a defined term that
 * is the asked term or its beginning (two words or more, half of the asked term or more). Vietnamese noun phrases put their head first,
 * so "vị trí việc làm" answers "vị trí việc làm hiểu đơn giản là gì", while "thủ tục hành chính" does not
 * answer "tài khoản thực hiện thủ tục hành chính là gì" and "cán bộ" does not answer "cán bộ công chức cấp xã là gì".
 */
export function definesTerm(text: string, term: readonly string[]): boolean {
  const forms = termForms(term);
  for (const head of definitionHeads(text)) {
    for (const form of forms) {
      if (head.length > form.length || head.length * 2 < form.length || (head.length < 2 && head.length !== form.length)) continue;
      if (head.every((w, i) => w === form[i])) return true;
    }
  }
  return false;
}

/**
 * Whether a passage has a line defining exactly the asked term, or what it names without the words around it
 * ({@link termForms}): "biệt phái là …" for "biệt phái là gì", not "hồ sơ là …" for "hồ sơ điện tử là gì".
 */
export function definesExactly(text: string, term: readonly string[]): boolean {
  const forms = termForms(term);
  return definitionHeads(text).some((head) => forms.some((form) => head.length === form.length && head.every((w, i) => w === form[i])));
}

/**
 * The asked term and what it names without the words officials put around it: the setting after a preposition
 * ("hồ sơ điện tử trong giải quyết TTHC", "hồ sơ điện tử khi làm tthc": "hồ sơ điện tử"), and a leading word for
 * the kind of thing ("văn bản bản sao lục", "khái niệm vị trí việc làm": "bản sao lục", "vị trí việc làm").
 * Each form keeps two words or more.
 */
function termForms(term: readonly string[]): ReadonlyArray<readonly string[]> {
  const forms: Array<readonly string[]> = [term];
  const at = term.findIndex((w, i) => i >= 2 && SETTING.has(w));
  if (at >= 2) forms.push(term.slice(0, at));
  for (const kind of KIND_WORDS) {
    if (term.length >= kind.length + 2 && kind.every((w, i) => term[i] === w)) forms.push(...termForms(term.slice(kind.length)));
  }
  return forms;
}

/** Prepositions that open the setting of a term rather than continue it (folded). */
const SETTING = new Set(['trong', 'khi', 'tai', 'o', 'theo', 'doi', 'tren']);

/** Words naming the kind of thing before the term itself (folded). */
const KIND_WORDS: ReadonlyArray<readonly string[]> = [['van', 'ban'], ['khai', 'niem'], ['thuat', 'ngu'], ['cum', 'tu']];

/**
 * "X với Y khác nhau thế nào", "phân biệt X và Y": two terms whose difference is asked, folded; undefined for
 * any other question. Each term keeps two to eight words.
 */
export function contrastedTerms(question: string): [string[], string[]] | undefined {
  for (const part of question.split(' . ').reverse()) {
    const f = ` ${foldDiacritics(part.toLowerCase()).replace(/[^a-z0-9\s]+/gu, ' ').replace(/\s+/gu, ' ').trim()} `;
    const m = CONTRAST_AFTER.exec(f) ?? CONTRAST_BEFORE.exec(f);
    if (!m) continue;
    const terms = [m[1], m[2]].map((t) => t.trim().split(' ').filter(Boolean));
    if (terms.every((t) => t.length >= 2 && t.length <= 8)) return [terms[0], terms[1]];
  }
  return undefined;
}

// Each term is two to eight words (bounded, so a pasted paragraph is read in linear time).
const TERM = '((?:[a-z0-9]+ ){1,7}?[a-z0-9]+)';
const CONTRAST_AFTER = new RegExp(` ${TERM} (?:voi|va|vs|so voi) ${TERM} (?:khac nhau|khac gi|co gi khac)(?= |$)`, 'u');
const CONTRAST_BEFORE = new RegExp(`(?:^| )phan biet ${TERM} (?:voi|va|vs) ${TERM}(?= (?:the nao|nhu the nao|ntn|ra sao|a|nhe|voi)(?: |$)| ?$)`, 'u');

/** Defined terms of passages already read (bounded): a definition question reads the same fifty candidates again and again. */
const headsCache = new Map<string, ReadonlyArray<readonly string[]>>();

/** The folded defined term that opens each line or sentence of `text` ({@link DEFINITION_HEAD}), where one does. */
function definitionHeads(text: string): ReadonlyArray<readonly string[]> {
  let heads = headsCache.get(text);
  if (heads) return heads;
  const found: string[][] = [];
  for (const sentence of text.split(/\n|(?<=[.;])\s+/u)) {
    const plain = foldDiacritics(sentence.toLowerCase())
      .replace(/^\s*(?:\d{1,3}[a-z]?\.|[a-zđ]\))\s*/u, '')
      .replace(/[“”"'‘’()]/gu, '')
      .trim();
    const head = DEFINITION_HEAD.exec(plain)?.[1].match(/[\p{L}\p{N}]+/gu);
    if (head) found.push(head);
  }
  heads = found;
  if (headsCache.size >= 5_000) headsCache.clear();
  headsCache.set(text, heads);
  return heads;
}

/**
 * Whether the passage is a definitions article ("Giải thích từ ngữ") that defines other terms but not the
 * asked one: "hệ thống thông tin một cửa điện tử là gì" found Điều 3 of Nghị định 118/2025, which defines
 * "Hệ thống thông tin giải quyết thủ tục hành chính" and others, and led with one of them. Only such an
 * article is read this way: elsewhere a passage may say what a thing is without a definition line.
 */
export function glossaryLacks(title: string, text: string, term: readonly string[]): boolean {
  if (!isPlainTerm(term) || !/\bgiai thich tu ngu\b/u.test(foldDiacritics(title.toLowerCase()))) return false;
  return definitionHeads(text).length >= 2 && !definesTerm(text, term);
}

/**
 * Whether the lead chosen for "X là gì" names X only in passing: X stands in it, but no sentence of it opens
 * with X (or its beginning) followed by "là", "được hiểu là", "gồm" or a colon. "lưu trữ lịch sử là gì" led by
 * a penalty clause "… Biên bản thu nộp hồ sơ, tài liệu vào lưu trữ lịch sử", "đóng dấu treo là như thế nào"
 * led by a clause listing where seals go: the bot says it did not find the definition. A lead without the
 * term is left alone: it may say what X is in other words ("lập hồ sơ công việc là gì" led by how a file is
 * opened). Only for a term read cleanly (two to eight words).
 */
export function leadLacksDefinition(sentences: readonly string[], term: readonly string[], question: string): boolean {
  if (!isPlainTerm(term) || !ASKS_WHAT_IT_IS.test(words(question).join(' '))) return false;
  const text = ` ${words(sentences.join(' ')).join(' ')} `;
  return text.includes(` ${term.join(' ')} `) && !definesTerm(sentences.join('\n'), term);
}

/**
 * The asked term as the official wrote it: the words of `written` (the question, or its spelled-out form)
 * whose folded forms are `term`; the folded words when neither holds them in a row.
 */
export function termAsWritten(term: readonly string[], ...written: string[]): string {
  for (const text of written) {
    const tokens = text.match(/[\p{L}\p{N}]+/gu) ?? [];
    const folded = tokens.map((t) => foldDiacritics(t.toLowerCase()));
    for (let i = 0; i + term.length <= folded.length; i++) {
      if (term.every((w, j) => folded[i + j] === w)) return tokens.slice(i, i + term.length).join(' ');
    }
  }
  return term.join(' ');
}

/** Words that a term read from a question of another shape carries ("… được định nghĩa như thế nào theo Luật …"). */
const NOT_IN_TERMS = new Set(['theo', 'duoc', 'nhu', 'the', 'nao', 'la', 'goi', 'dinh', 'nghia', 'gi']);

/** A term read cleanly from "X là gì": two to eight words, none of them a word of the question's own shape. */
function isPlainTerm(term: readonly string[]): boolean {
  return term.length >= 2 && term.length <= 8 && !term.some((w) => NOT_IN_TERMS.has(w));
}
