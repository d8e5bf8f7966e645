/**
 * Web chat rendering: turns the core's platform-neutral {@link OutboundReply} into the JSON the chat page
 * shows. Like the other channels, only this step differs by channel (the Onyx `CitationMode` idea): the
 * page receives data, never markup, and renders every string with `textContent`.
 */
import { docLabel, summaryNote } from '../../answer/index.js';
import type { Answer, Citation } from '../../answer/index.js';
import { msg } from '../../common/messages-vi.js';
import type { OutboundReply, ReplyChoice } from '../../conversation/index.js';

/** One cited source as the page shows it. */
export interface WebCitation {
  /** 1-based marker the passages refer to ("[1]"). */
  marker: number;
  /** "Khoản 2 Điều 5, Nghị định 118/2025/NĐ-CP": where the quote comes from. */
  label: string;
  /** Title of the document ("Nghị định về thực hiện cơ chế một cửa…"). */
  title: string;
  /** Title of the article quoted ("Điều 5. Nguyên tắc thực hiện"), when known. */
  articleTitle?: string;
  /** Machine status (`in_force`, `replaced`, …) for styling. */
  status: Citation['status'];
  /** Vietnamese status label ("còn hiệu lực", "đã bị thay thế"). */
  statusLabel: string;
  /** True when the document is in force (fully or partly). */
  current: boolean;
  /** Number of the replacing document, when replaced. */
  replacedBy?: string;
  /** Link to the official text; only `http:` or `https:` URLs are passed on. */
  url?: string;
  /** Set when the passage is a team summary: "bản tóm lược, tương ứng … văn bản gốc". */
  summaryNote?: string;
}

/** A structured answer (or an abstention with partial sources) as the page shows it. */
export interface WebAnswer {
  /** `answer` for a confident answer, `escalate` when the bot did not answer. */
  kind: Answer['kind'];
  /** One-line lead of a confident answer. */
  lead?: string;
  /** Explanation of an abstention. */
  message?: string;
  /** Where a curated answer comes from ("Hỏi đáp đã được kiểm duyệt"), for FAQ answers only. */
  sourceLabel?: string;
  /** Validity warnings, shown prominently with ⚠️. */
  notices: string[];
  passages: Array<{ marker: number; text: string }>;
  citations: WebCitation[];
  confidence: number;
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
  choices?: WebChoice[];
}

/**
 * Renders one core reply as web chat JSON.
 *
 * Choices without their own `questionId` inherit the reply's, so every feedback button can name the
 * answer it refers to. Citation URLs that are not `http(s)` are dropped, so a bad source URL cannot become
 * a `javascript:` link on the page.
 *
 * @example
 * renderWeb({ answer, questionId: 'q1', choices: [{ action: 'helpful', label: '👍 Hữu ích' }] });
 */
export function renderWeb(reply: OutboundReply): WebReply {
  const out: WebReply = {};
  if (reply.text !== undefined) out.text = reply.text;
  if (reply.answer) out.answer = renderAnswer(reply.answer);
  if (reply.questionId !== undefined) out.questionId = reply.questionId;
  if (reply.choices?.length) {
    out.choices = reply.choices.map((c) => renderChoice(c, reply.questionId));
  }
  return out;
}

function renderAnswer(a: Answer): WebAnswer {
  const base = {
    kind: a.kind,
    notices: [...a.notices],
    passages: a.passages.map((p) => ({ marker: p.marker, text: p.text })),
    citations: a.citations.map(renderCitation),
    confidence: a.confidence,
  };
  if (a.kind !== 'answer') return { ...base, message: a.message };
  const web: WebAnswer = { ...base, lead: a.lead };
  if (a.source === 'faq') {
    web.sourceLabel = msg(a.faqOrigin === 'staff' ? 'answer.source.staff' : 'answer.source.faq');
  }
  return web;
}

/** "Khoản 2 Điều 5, Nghị định 118/2025/NĐ-CP"; either part alone when the other is empty. */
export function citationLabel(c: Citation): string {
  const doc = docLabel({ number: c.docNumber, title: c.docTitle, status: c.status });
  return [c.path, doc].filter((s) => s && s.trim()).join(', ');
}

function renderCitation(c: Citation): WebCitation {
  const out: WebCitation = {
    marker: c.marker,
    label: citationLabel(c),
    title: c.docTitle,
    status: c.status,
    statusLabel: c.statusLabel,
    current: c.current,
  };
  if (c.articleTitle) out.articleTitle = c.articleTitle;
  if (c.replacedBy) out.replacedBy = c.replacedBy;
  const note = summaryNote(c);
  if (note) out.summaryNote = note;
  const url = safeUrl(c.url);
  if (url) out.url = url;
  return out;
}

function renderChoice(c: ReplyChoice, replyQuestionId: string | undefined): WebChoice {
  const out: WebChoice = { action: c.action, label: c.label };
  if (c.value !== undefined) out.value = c.value;
  const questionId = c.questionId ?? replyQuestionId;
  if (questionId !== undefined) out.questionId = questionId;
  return out;
}

/** The URL when it is an absolute http(s) URL, else undefined. */
function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
