/**
 * Renders a platform-neutral {@link OutboundReply} as Telegram HTML messages (parse_mode `HTML`).
 *
 * Every piece of user or document text is escaped; markup is added only around it. The reply is built as
 * a list of blocks (lead, notices, passages, sources), each rendered on its own and then packed into
 * messages of at most 4096 characters measured after escaping, so a split never falls inside a tag. A
 * block longer than a whole message is split at paragraph, line, sentence or word boundaries (splitText)
 * and re-wrapped, so a long `<blockquote>` becomes several closed ones.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Answer } from '../../answer/index.js';
import { layoutAnswer, sourceLine, sourceLineParts } from '../../conversation/index.js';
import type { LayoutQuote, LayoutSource, OutboundReply, ReplyChoice } from '../../conversation/index.js';
import { splitText } from '../split-text.js';
import { encodeCallbackData } from './callback-data.js';
import { escapeAttr, escapeHtml } from './html.js';

/** Telegram's limit on `sendMessage` text (Bot API: 1–4096 characters after entity parsing). */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** A direct answer longer than this is not bolded (a wall of bold text reads badly). */
const SHORT_LEAD_CHARS = 300;

/** A quote longer than this starts collapsed (`<blockquote expandable>`, Bot API 7.4), so the answer stays in view. */
const EXPANDABLE_QUOTE_CHARS = 280;

/** One `sendMessage` worth of rendered reply. */
export interface TelegramMessagePiece {
  text: string;
  parse_mode: 'HTML';
  /** Inline keyboard; only ever on the last piece of a reply. */
  reply_markup?: InlineKeyboardMarkup;
  /** Set on answers: citation links would otherwise unfurl into large previews. */
  link_preview_options?: { is_disabled: true };
}

/** A unit of layout: its HTML, the plain text to fall back on if it must be split, and its separator. */
interface Block {
  html: string;
  /** Separator placed before this block when it follows another block in the same message. */
  joiner: string;
  /** Unescaped text of the block, split when the block alone exceeds the limit. */
  plain: string;
  /** Wraps an escaped part of `plain` (first part / following parts) when splitting. */
  wrapFirst?: (escaped: string) => string;
  wrapRest?: (escaped: string) => string;
}

/**
 * Renders a reply as one or more Telegram messages, in order. The inline keyboard built from
 * `reply.choices` goes on the last piece only. Returns `[]` for a reply with neither text nor answer.
 *
 * @param limit Maximum characters per message after escaping; default {@link TELEGRAM_TEXT_LIMIT}.
 * @example
 * for (const piece of renderTelegram(reply)) await client.sendMessage(chatId, piece.text, piece);
 */
export function renderTelegram(reply: OutboundReply, limit: number = TELEGRAM_TEXT_LIMIT): TelegramMessagePiece[] {
  const blocks: Block[] = [];
  if (reply.text?.trim()) blocks.push(...paragraphBlocks(reply.text));
  if (reply.answer) blocks.push(...answerBlocks(reply.answer));
  if (reply.prompt?.trim()) blocks.push(...paragraphBlocks(reply.prompt));
  const texts = pack(blocks, limit);
  const pieces: TelegramMessagePiece[] = texts.map((text) => {
    const piece: TelegramMessagePiece = { text, parse_mode: 'HTML' };
    if (reply.answer && reply.answer.kind !== 'chat') piece.link_preview_options = { is_disabled: true };
    return piece;
  });
  if (reply.choices?.length && pieces.length) pieces[pieces.length - 1].reply_markup = inlineKeyboard(reply.choices, reply.questionId);
  return pieces;
}

/**
 * Builds the inline keyboard for reply choices: 👍/👎 share a row, every other choice gets its own row
 * (unit names are long). Labels come from the choices; `questionId` defaults to the reply's.
 */
export function inlineKeyboard(choices: readonly ReplyChoice[], questionId?: string): InlineKeyboardMarkup {
  const rows: InlineKeyboardButton[][] = [];
  let feedbackRow: InlineKeyboardButton[] | undefined;
  for (const choice of choices) {
    const button: InlineKeyboardButton = {
      text: choice.label,
      callback_data: encodeCallbackData({ ...choice, questionId: choice.questionId ?? (choice.action === 'unit' ? undefined : questionId) }),
    };
    // Feedback buttons share a row, and so do short learning choices (quiz options "1"–"4").
    if (choice.action === 'helpful' || choice.action === 'unhelpful' || (choice.action === 'learn' && choice.label.length <= 3)) {
      if (!feedbackRow) rows.push((feedbackRow = []));
      feedbackRow.push(button);
    } else {
      rows.push([button]);
    }
  }
  return { inline_keyboard: rows };
}

/**
 * The answer layout (conversation/answer-layout.ts) as blocks: bold direct answer, curated-source label,
 * notices, uncovered parts, at most two quotes (long ones collapsed in an expandable blockquote), then the
 * sources under their heading. Chat replies are their message alone.
 */
function answerBlocks(a: Answer): Block[] {
  const l = layoutAnswer(a);
  const blocks: Block[] = [];
  if (a.kind === 'answer' && a.source !== 'faq' && l.lead.length <= SHORT_LEAD_CHARS) {
    blocks.push(textBlock(l.lead, '\n\n', (e) => `<b>${e}</b>`));
  } else {
    blocks.push(...paragraphBlocks(l.lead));
  }
  if (l.sourceLabel) blocks.push(textBlock(l.sourceLabel, '\n', (e) => `<i>${e}</i>`));
  for (const notice of l.notices) blocks.push(textBlock(`⚠️ ${notice}`, '\n\n'));
  if (l.uncovered) blocks.push(textBlock(l.uncovered, '\n\n', (e) => `<i>${e}</i>`));
  for (const q of l.quotes) blocks.push(quoteBlock(q));
  // The heading travels with the first source so it never ends a message on its own.
  l.sources.forEach((src, i) => blocks.push(sourceBlock(src, i === 0 ? l.sourcesHeading : undefined)));
  return blocks;
}

/** A quote in a blockquote opened by its marker; one over {@link EXPANDABLE_QUOTE_CHARS} starts collapsed. */
function quoteBlock(q: LayoutQuote): Block {
  const open = q.text.length > EXPANDABLE_QUOTE_CHARS ? '<blockquote expandable>' : '<blockquote>';
  const first = (e: string) => `${open}<b>[${q.marker}]</b> ${e}</blockquote>`;
  const rest = (e: string) => `${open}${e}</blockquote>`;
  return { html: first(escapeHtml(q.text)), plain: q.text, joiner: '\n\n', wrapFirst: first, wrapRest: rest };
}

/**
 * "[1] Nghị định 118/2025/NĐ-CP, Khoản 2 Điều 5 – Nguyên tắc thực hiện (còn hiệu lực)", the document
 * linked when it has a URL; the first source carries the heading ("Nguồn:" or "Có thể liên quan:").
 */
function sourceBlock(src: LayoutSource, heading?: string): Block {
  const line = sourceLine(src);
  const { marker, doc, rest } = sourceLineParts(src);
  const docHtml = src.url && doc ? `<a href="${escapeAttr(src.url)}">${escapeHtml(doc)}</a>` : escapeHtml(doc);
  const html = `${escapeHtml(marker)}${docHtml}${escapeHtml(rest)}`;
  const plain = src.url ? `${line} ${src.url}` : line;
  if (!heading) return { html, plain, joiner: '\n' };
  return { html: `<b>${escapeHtml(heading)}</b>\n${html}`, plain: `${heading}\n${plain}`, joiner: '\n\n' };
}

/** One block per paragraph, so long texts split between paragraphs first. */
function paragraphBlocks(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => textBlock(p, '\n\n'));
}

function textBlock(plain: string, joiner: string, wrap: (escaped: string) => string = (e) => e): Block {
  return { html: wrap(escapeHtml(plain)), plain, joiner, wrapFirst: wrap, wrapRest: wrap };
}

/** Splits a block that alone exceeds `limit` into blocks that fit, each re-wrapped in its markup. */
function fit(block: Block, limit: number): Block[] {
  if (block.html.length <= limit) return [block];
  const first = block.wrapFirst ?? ((e: string) => e);
  const rest = block.wrapRest ?? first;
  const overhead = Math.max(first('').length, rest('').length);
  const parts = splitText(block.plain, limit - overhead, (s) => escapeHtml(s).length);
  return parts.map((part, i) => ({
    html: (i === 0 ? first : rest)(escapeHtml(part)),
    plain: part,
    joiner: i === 0 ? block.joiner : '\n',
  }));
}

/** Packs blocks greedily into messages of at most `limit` characters. */
function pack(blocks: readonly Block[], limit: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const block of blocks.flatMap((b) => fit(b, limit))) {
    if (!current) current = block.html;
    else if (current.length + block.joiner.length + block.html.length <= limit) current += block.joiner + block.html;
    else {
      out.push(current);
      current = block.html;
    }
  }
  if (current) out.push(current);
  return out;
}
