/**
 * Web chat rendering: turns the core's platform-neutral {@link OutboundReply} into the JSON the chat page
 * shows. Like the other channels, only this step differs by channel (the Onyx `CitationMode` idea): the
 * page receives data in the shared answer layout (conversation/answer-layout.ts), never markup, and
 * renders every string with `textContent`. Confidence and timing are not sent: officials never see them.
 */
import type { Answer } from '../../answer/index.js';
import { layoutAnswer, sourceLineParts } from '../../conversation/index.js';
import type { LayoutSource, OutboundReply, ReplyChoice } from '../../conversation/index.js';
import type { Citation } from '../../answer/index.js';

/** One cited source as the page shows it. */
export interface WebCitation {
  /** 1-based marker the quotes refer to ("[1]"). */
  marker: number;
  /** The whole source line without its marker: "Nghị định 118/2025/NĐ-CP, Khoản 2 Điều 5 – Nguyên tắc thực hiện (còn hiệu lực)". */
  label: string;
  /** "Nghị định 118/2025/NĐ-CP" (the part the page links). */
  doc: string;
  /** "Khoản 2 Điều 5", or for a summary "tóm lược – Điều 17 (văn bản gốc)"; may be empty. */
  where: string;
  /** The article's name without its number ("Nguyên tắc thực hiện"); may be empty. */
  articleName: string;
  /** Full title of the document ("Nghị định về thực hiện cơ chế một cửa…"). */
  title: string;
  /** Machine status (`in_force`, `replaced`, …) for styling. */
  status: Citation['status'];
  /** Vietnamese validity, with the replacement when replaced ("đã bị thay thế bởi 118/2025/NĐ-CP"). */
  statusLabel: string;
  /** True when the document is in force (fully or partly). */
  current: boolean;
  /** True when the cited text is a team-written summary (tóm lược), not the official text. */
  summary: boolean;
  /** Link to the official text; only `http:` or `https:` URLs are passed on. */
  url?: string;
}

/** A reply with an answer, an abstention or a chat message, as the page shows it. */
export interface WebAnswer {
  /** `answer`, `escalate` (the bot did not answer) or `chat` (greeting, off-topic, junk). */
  kind: Answer['kind'];
  /** The direct answer (kind `answer`). */
  lead?: string;
  /** Why the bot did not answer, or the chat reply (kinds `escalate`, `chat`). */
  message?: string;
  /** Where a curated answer comes from ("Hỏi đáp đã được kiểm duyệt"), for FAQ answers only. */
  sourceLabel?: string;
  /** Validity warnings, shown prominently with ⚠️. */
  notices: string[];
  /** The parts of a multi-part question that are not covered, said in one sentence. */
  uncovered?: string;
  /** At most two quotes. */
  passages: Array<{ marker: number; text: string }>;
  /** "Nguồn:" over an answer's sources, "Có thể liên quan:" over an abstention's best source. */
  sourcesHeading?: string;
  citations: WebCitation[];
}

/** A button the page shows under a reply; pressing it posts to `/api/chat/action`. */
export interface WebChoice {
  action: ReplyChoice['action'];
  /** Vietnamese label, e.g. "👍 Hữu ích". */
  label: string;
  value?: string;
  questionId?: string;
}

/** One reply bubble of the web chat. */
export interface WebReply {
  text?: string;
  answer?: WebAnswer;
  questionId?: string;
  /** A question put after the answer (e.g. "chuyển cho cán bộ, hay đặt lại câu hỏi?"). */
  prompt?: string;
  choices?: WebChoice[];
  /** True when the page should offer to edit and resend the question (the other way out of an abstention). */
  rephrase?: boolean;
}

/**
 * Renders one core reply as web chat JSON.
 *
 * Choices without their own `questionId` inherit the reply's, so every button can name the answer it
 * refers to. Citation URLs that are not `http(s)` are dropped, so a bad source URL cannot become a
 * `javascript:` link on the page.
 *
 * @example
 * renderWeb({ answer, questionId: 'q1', choices: [{ action: 'helpful', label: '👍 Hữu ích' }] });
 */
export function renderWeb(reply: OutboundReply): WebReply {
  const out: WebReply = {};
  if (reply.text !== undefined) out.text = reply.text;
  if (reply.answer) out.answer = renderAnswer(reply.answer);
  if (reply.questionId !== undefined) out.questionId = reply.questionId;
  if (reply.prompt?.trim()) out.prompt = reply.prompt.trim();
  if (reply.choices?.length) {
    out.choices = reply.choices.map((c) => renderChoice(c, reply.questionId));
  }
  if (reply.answer?.kind === 'escalate' && reply.choices?.some((c) => c.action === 'escalate')) out.rephrase = true;
  return out;
}

function renderAnswer(a: Answer): WebAnswer {
  const l = layoutAnswer(a);
  const web: WebAnswer = {
    kind: a.kind,
    notices: l.notices,
    passages: l.quotes.map((q) => ({ marker: q.marker, text: q.text })),
    citations: l.sources.map((s) => renderCitation(s, a.citations.find((c) => c.marker === s.marker))),
  };
  if (a.kind === 'answer') web.lead = l.lead;
  else web.message = l.lead;
  if (l.sourceLabel) web.sourceLabel = l.sourceLabel;
  if (l.uncovered) web.uncovered = l.uncovered;
  if (l.sources.length) web.sourcesHeading = l.sourcesHeading;
  return web;
}

function renderCitation(s: LayoutSource, c: Citation | undefined): WebCitation {
  const parts = sourceLineParts(s);
  const out: WebCitation = {
    marker: s.marker,
    label: parts.doc + parts.rest,
    doc: s.doc,
    where: s.where,
    articleName: s.articleName,
    title: s.docTitle,
    status: c?.status ?? 'unknown',
    statusLabel: s.status,
    current: s.current,
    summary: s.summary,
  };
  if (s.url) out.url = s.url;
  return out;
}

function renderChoice(c: ReplyChoice, replyQuestionId: string | undefined): WebChoice {
  const out: WebChoice = { action: c.action, label: c.label };
  if (c.value !== undefined) out.value = c.value;
  const questionId = c.questionId ?? replyQuestionId;
  if (questionId !== undefined) out.questionId = questionId;
  return out;
}
