/**
 * The answer layout every channel shows, as data: what an official reads and in which order. Channels
 * (Telegram HTML, Zalo plain text, web chat JSON) and the stored plain-text record only format it, so the
 * rules live here once:
 *
 * 1. the direct answer (`lead`), or the short message of an abstention or chat reply;
 * 2. validity warnings (not under a validity answer, which states them itself), then the parts of a
 *    multi-part question the documents do not cover;
 * 3. at most {@link MAX_QUOTES} quotes, each with the marker of its source;
 * 4. short sources: số hiệu, Điều/Khoản (for a team-written summary: "tóm lược – Điều … (văn bản gốc)"),
 *    the article's name, validity, and a link when the document has one.
 *
 * An abstention shows only its best source, under "Có thể liên quan:" (clipped to
 * {@link ABSTAIN_SOURCE_WORDS} words, so the whole reply stays under 80 words), and no quote. A chat reply shows
 * its message alone. Confidence and timing are never part of the layout (officials do not see them).
 */
import { docLabel } from '../answer/index.js';
import type { Answer, Citation } from '../answer/index.js';
import { msg } from '../common/messages-vi.js';

/** Most quotes shown under an answer. */
export const MAX_QUOTES = 2;

/** One source as officials read it. */
export interface LayoutSource {
  /** Marker the quotes refer to ("[1]"). */
  marker: number;
  /** "Nghị định 118/2025/NĐ-CP" (the title when the document has no number). */
  doc: string;
  /**
   * Where in the document: "Khoản 2 Điều 5"; for a summary "tóm lược – Điều 17, Điều 18 (văn bản gốc)",
   * or "tóm lược" when the official article is not known. May be empty.
   */
  where: string;
  /** The article's name without its number ("Nguyên tắc thực hiện"); may be empty. */
  articleName: string;
  /** "còn hiệu lực", "đã bị thay thế bởi 118/2025/NĐ-CP". */
  status: string;
  /** True when the document is in force (fully or partly). */
  current: boolean;
  /** True when the cited text is a team-written summary, not the official text. */
  summary: boolean;
  /** Full title of the document (for pages with room for it). */
  docTitle: string;
  /** Link to the official text; only absolute http(s) URLs are kept. */
  url?: string;
}

/** A quote from a cited passage. */
export interface LayoutQuote {
  marker: number;
  text: string;
}

/** An {@link Answer} laid out for officials. */
export interface AnswerLayout {
  kind: Answer['kind'];
  /** The direct answer, or the message of an abstention or chat reply. */
  lead: string;
  /** Where a curated answer comes from ("Hỏi đáp đã được kiểm duyệt"), for FAQ answers only. */
  sourceLabel?: string;
  notices: string[];
  /** "Phần chưa có căn cứ để trả lời: …", when some parts of the question are not covered. */
  uncovered?: string;
  quotes: LayoutQuote[];
  /** "Nguồn:" over an answer's sources, "Có thể liên quan:" over an abstention's best source. */
  sourcesHeading: string;
  sources: LayoutSource[];
}

/**
 * Lays out an answer for officials (see the module comment for the rules).
 *
 * @example
 * const l = layoutAnswer(answer);
 * [l.lead, ...l.notices, ...l.quotes.map((q) => `[${q.marker}] ${q.text}`), l.sourcesHeading, ...l.sources.map(sourceLine)]
 */
export function layoutAnswer(a: Answer): AnswerLayout {
  if (a.kind === 'chat') {
    return { kind: a.kind, lead: a.message.trim(), notices: [], quotes: [], sourcesHeading: '', sources: [] };
  }
  if (a.kind === 'escalate') {
    // "Nothing related found" offers no source: what search found then is for staff only.
    const best = a.reason === 'no_match' ? [] : a.citations.slice(0, 1).map(shortSource);
    return { kind: a.kind, lead: a.message.trim(), notices: [], quotes: [], sourcesHeading: msg('layout.related'), sources: best };
  }
  const cited = new Set(a.citations.map((c) => c.marker));
  const quotes = a.passages
    .filter((p) => p.text.trim() && cited.has(p.marker))
    .slice(0, MAX_QUOTES)
    .map((p) => ({ marker: p.marker, text: p.text.trim() }));
  const layout: AnswerLayout = {
    kind: a.kind,
    lead: a.lead.trim(),
    // A validity answer states the validity itself; its notice would say the same thing again.
    notices: a.source === 'status' ? [] : a.notices.map((n) => n.trim()).filter(Boolean),
    quotes,
    sourcesHeading: msg('layout.sources'),
    sources: a.citations.map(layoutSource),
  };
  if (a.source === 'faq') layout.sourceLabel = msg(a.faqOrigin === 'staff' ? 'answer.source.staff' : 'answer.source.faq');
  const parts = (a.uncoveredParts ?? []).map((p) => p.trim()).filter(Boolean);
  if (parts.length) layout.uncovered = msg('layout.uncovered', { parts: parts.map((p) => `“${p}”`).join(', ') });
  return layout;
}

/** Most words of the one source line under an abstention ("Có thể liên quan"), link excluded. */
export const ABSTAIN_SOURCE_WORDS = 25;

/**
 * The source under an abstention, short enough that the whole reply (reason, this line, the offer to pass
 * the question on and its choice) stays under 80 words: a summary is located by its article ("tóm lược –
 * Điều 40 (văn bản gốc)") rather than the full list of official provisions, and the article name, then
 * the location, are clipped to fit {@link ABSTAIN_SOURCE_WORDS}.
 */
function shortSource(c: Citation): LayoutSource {
  const s = layoutSource(c);
  if (s.summary && c.path.trim() && !/^phần\s/u.test(c.path.trim())) s.where = msg('layout.summaryOf', { ref: c.path.trim() });
  const fixed = countWords(sourceLine({ ...s, articleName: '' }));
  s.articleName = clipWords(s.articleName, Math.max(0, ABSTAIN_SOURCE_WORDS - fixed));
  const over = countWords(sourceLine(s)) - ABSTAIN_SOURCE_WORDS;
  if (over > 0) s.where = clipWords(s.where, Math.max(1, countWords(s.where) - over));
  return s;
}

function countWords(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The first `max` words of `text`, with "…" when some were left out ("" when none fit). */
function clipWords(text: string, max: number): string {
  const words = text.split(/\s+/u).filter(Boolean);
  if (words.length <= max) return text;
  return max > 0 ? `${words.slice(0, max).join(' ').replace(/[,;:(]$/u, '')}…` : '';
}

/** One citation as officials read it. */
export function layoutSource(c: Citation): LayoutSource {
  const by = c.replacedBy ? msg('answer.notice.by', { replacedBy: c.replacedBy }) : '';
  const source: LayoutSource = {
    marker: c.marker,
    doc: docLabel({ number: c.docNumber, title: c.docTitle, status: c.status }),
    where: whereOf(c),
    articleName: articleName(c.articleTitle),
    status: c.statusLabel ? `${c.statusLabel}${by}` : '',
    current: c.current,
    summary: Boolean(c.summary),
    docTitle: c.docTitle,
  };
  const url = safeUrl(c.url);
  if (url) source.url = url;
  return source;
}

/**
 * "[1] Nghị định 118/2025/NĐ-CP, Khoản 2 Điều 5 – Nguyên tắc thực hiện (còn hiệu lực)": a source on one
 * line, without its link (channels place links their own way).
 */
export function sourceLine(s: LayoutSource): string {
  const p = sourceLineParts(s);
  return p.marker + p.doc + p.rest;
}

/**
 * {@link sourceLine} in three parts, so a channel can link the document part: `marker` ("[1] "), `doc`
 * ("Nghị định 118/2025/NĐ-CP") and `rest` (", Khoản 2 Điều 5 – Nguyên tắc thực hiện (còn hiệu lực)").
 */
export function sourceLineParts(s: LayoutSource): { marker: string; doc: string; rest: string } {
  const where = s.where ? (s.doc ? `, ${s.where}` : s.where) : '';
  const name = s.articleName ? ` – ${s.articleName}` : '';
  const status = s.status ? ` (${s.status})` : '';
  return { marker: `[${s.marker}] `, doc: s.doc, rest: `${where}${name}${status}` };
}

/**
 * A summary's own article numbers are the team's, not the official text's (knowledge/README.md), so a
 * summary is located by the official article it stands for, or only called a summary.
 */
function whereOf(c: Citation): string {
  if (!c.summary) return c.path.trim();
  const ref = c.officialRef?.trim();
  return ref ? msg('layout.summaryOf', { ref }) : msg('layout.summary');
}

/**
 * "Điều 5. Nguyên tắc thực hiện" → "Nguyên tắc thực hiện"; an unnumbered summary section "Tóm lược: Hồ sơ
 * điện tử" → "Hồ sơ điện tử" (the source already says "tóm lược"); a title without a number is kept.
 */
export function articleName(title: string): string {
  return title
    .trim()
    .replace(/^(Phần|Chương|Mục|Điều|Khoản|Điểm)\s+(\d+[a-zđ]?|[IVXLCDM]+|[a-zđ])(?=[.:\s]|$)[.:]?\s*/u, '')
    .replace(/^(tóm lược|tom luoc)\s*:\s*/iu, '')
    .trim();
}

/** The URL when it is an absolute http(s) URL, else undefined (a `javascript:` link never reaches a page). */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
