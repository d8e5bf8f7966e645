/**
 * The ticket card shown to reform staff in the Telegram staff group (HTML parse mode), and the name of the
 * ticket's forum topic. Every piece of official, document or staff text is escaped; markup is added only
 * around it. Each part has a budget in visible characters so the whole card stays under Telegram's 4096
 * (a card is edited in place, so it must be one message): question 700, excerpt 900 (the most recent
 * lines), 5 sources of 150, answer 500, plus about 900 of labels and names.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Citation } from '../../answer/index.js';
import { msg } from '../../common/messages-vi.js';
import type { Ticket, TicketState } from '../../escalation/index.js';
import { encodeStaffCallback } from './callback-data.js';
import { escapeHtml } from './html.js';
import { stripBidiControls } from '../../common/bidi.js';
import { channelLabel, staffMsg } from './staff-texts-vi.js';

/** Telegram's limit on a forum topic name (createForumTopic: 1–128 characters). */
export const TOPIC_NAME_MAX = 128;

const QUESTION_MAX = 700;
const EXCERPT_LINE_MAX = 300;
const EXCERPT_MAX = 900;
const SOURCES_MAX = 5;
const SOURCE_LINE_MAX = 150;
const ANSWER_MAX = 500;
const NAME_MAX = 64;

/** What a staff card shows. */
export interface StaffCardInput {
  ticket: Ticket;
  /** Officials waiting for the answer (the first asker and merged questions); not shown when undefined. */
  waitingCount?: number;
  /** True when the card sits in the ticket's own forum topic: any message there answers it. */
  inTopic?: boolean;
  /** A note on reaching the official, e.g. the Zalo OA reply window (plain text, at most 300 characters). */
  reachNote?: string;
}

/** A rendered card: `sendMessage` / `editMessageText` text and options. */
export interface StaffCardMessage {
  text: string;
  parse_mode: 'HTML';
  /** "Nhận xử lý" / "Đóng" while the ticket is open, "Đóng" while claimed, none after. */
  reply_markup?: InlineKeyboardMarkup;
  link_preview_options: { is_disabled: true };
}

/**
 * Renders the staff card of a ticket: state, who asked, the question, the conversation excerpt, the
 * sources the bot found, how many officials wait, who claimed/answered/closed it, and how to answer.
 *
 * It does not send anything (see TelegramStaffNotifier). Buttons carry the ticket number (`tk:c:<n>`,
 * `tk:x:<n>`), not its uuid, to stay far below the 64-byte `callback_data` limit.
 *
 * @example
 * const { text, ...extra } = renderStaffCard({ ticket, waitingCount: 2, inTopic: true });
 * await client.sendMessage(staffChatId, text, { ...extra, message_thread_id: topicId });
 */
export function renderStaffCard(input: StaffCardInput): StaffCardMessage {
  const t = input.ticket;
  const sections = [
    headerLines(t, input.waitingCount),
    input.reachNote ? `<i>${escapeHtml(clip(input.reachNote, 300))}</i>` : undefined,
    escapeHtml(msg('staff.card.question', { question: clip(t.questionText, QUESTION_MAX) })),
    excerptSection(t.excerpt),
    sourcesSection(t.sources),
    progressLines(t),
    howTo(t.state, input.inTopic === true),
  ].filter((s): s is string => Boolean(s));
  const card: StaffCardMessage = { text: sections.join('\n\n'), parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
  const markup = staffButtons(t);
  if (markup) card.reply_markup = markup;
  return card;
}

/** "#12 <question>", whitespace collapsed, cut with "…" to Telegram's 128-character limit. */
export function staffTopicName(t: Pick<Ticket, 'number' | 'questionText'>): string {
  const name = `#${t.number} ${stripBidiControls(t.questionText).replace(/\s+/g, ' ').trim()}`;
  return clip(name, TOPIC_NAME_MAX);
}

/** Vietnamese label of a ticket state ("Chờ xử lý", "Đang xử lý", …). */
export function stateLabel(state: TicketState): string {
  return msg(`staff.state.${state}` as const);
}

/**
 * "Đang xử lý: Minh" style description of where a ticket stands, for conflict notices: the state label
 * followed by whoever put it there.
 */
export function stateWithActor(t: Ticket): string {
  const by = t.state === 'claimed' ? t.claimedBy : t.state === 'answered' ? t.answeredBy : t.state === 'closed' ? t.closedBy : undefined;
  return by ? `${stateLabel(t.state)}: ${by}` : stateLabel(t.state);
}

/** The card's buttons for a ticket's state; undefined when it has none (answered, closed). */
export function staffButtons(t: Pick<Ticket, 'number' | 'state'>): InlineKeyboardMarkup | undefined {
  const close: InlineKeyboardButton = { text: msg('staff.button.close'), callback_data: encodeStaffCallback('close', t.number) };
  if (t.state === 'open') {
    return { inline_keyboard: [[{ text: msg('staff.button.claim'), callback_data: encodeStaffCallback('claim', t.number) }, close]] };
  }
  if (t.state === 'claimed') return { inline_keyboard: [[close]] };
  return undefined;
}

function headerLines(t: Ticket, waitingCount: number | undefined): string {
  const name = t.displayName?.trim() ? clip(t.displayName.trim(), NAME_MAX) : staffMsg('staff.card.anonymous');
  const lines = [
    `<b>${escapeHtml(msg('staff.card.title', { number: t.number, state: stateLabel(t.state) }))}</b>`,
    escapeHtml(msg('staff.card.from', { name, channel: channelLabel(t.channel) })),
    escapeHtml(staffMsg(`staff.card.reason.${t.reason}` as const)),
  ];
  if (waitingCount !== undefined) lines.push(escapeHtml(msg('staff.card.waiting', { count: waitingCount })));
  if (t.reopenCount > 0) lines.push(escapeHtml(staffMsg('staff.card.reopened', { count: t.reopenCount })));
  return lines.join('\n');
}

/** The last exchanges that fit the budget, oldest first, in a blockquote. */
function excerptSection(excerpt: readonly string[]): string | undefined {
  const kept: string[] = [];
  let used = 0;
  for (let i = excerpt.length - 1; i >= 0; i--) {
    const line = clip(excerpt[i].replace(/\s*\n\s*/g, ' ').trim(), EXCERPT_LINE_MAX);
    if (!line) continue;
    if (used + line.length + 1 > EXCERPT_MAX) break;
    kept.unshift(line);
    used += line.length + 1;
  }
  if (!kept.length) return undefined;
  return `<i>${escapeHtml(msg('staff.card.context'))}</i>\n<blockquote>${escapeHtml(kept.join('\n'))}</blockquote>`;
}

/** "[1] Điều 5, 118/2025/NĐ-CP – Title (còn hiệu lực)", one line per source. */
function sourcesSection(sources: readonly Citation[]): string {
  if (!sources.length) return escapeHtml(msg('staff.card.noSources'));
  const lines = sources.slice(0, SOURCES_MAX).map((c) => {
    const doc = c.docNumber && c.docTitle ? `${c.docNumber} – ${c.docTitle}` : c.docNumber || c.docTitle;
    const status = c.statusLabel ? ` (${c.statusLabel})` : '';
    return escapeHtml(clip(`[${c.marker}] ${c.path ? `${c.path}, ` : ''}${doc}${status}`, SOURCE_LINE_MAX));
  });
  return `<b>${escapeHtml(msg('staff.card.sources'))}</b>\n${lines.join('\n')}`;
}

/** Who claimed, answered (with the answer) and closed the ticket, as far as its state shows. */
function progressLines(t: Ticket): string | undefined {
  const lines: string[] = [];
  if (t.state === 'claimed' && t.claimedBy) lines.push(escapeHtml(msg('staff.card.claimedBy', { name: clip(t.claimedBy, NAME_MAX) })));
  if (t.answeredBy) lines.push(escapeHtml(msg('staff.card.answeredBy', { name: clip(t.answeredBy, NAME_MAX) })));
  if (t.answeredBy && t.answerText?.trim()) {
    lines.push(`<i>${escapeHtml(staffMsg('staff.card.answer'))}</i>\n<blockquote>${escapeHtml(clip(t.answerText.trim(), ANSWER_MAX))}</blockquote>`);
  }
  if (t.state === 'closed' && t.closedBy) lines.push(escapeHtml(msg('staff.card.closedBy', { name: clip(t.closedBy, NAME_MAX) })));
  return lines.length ? lines.join('\n') : undefined;
}

function howTo(state: TicketState, inTopic: boolean): string | undefined {
  if (state === 'closed') return undefined;
  const hint = inTopic ? staffMsg('staff.card.howToTopic') : msg('staff.card.howTo');
  const again = state === 'answered' ? `\n${staffMsg('staff.card.howToAgain')}` : '';
  return `<i>${escapeHtml(hint + again)}</i>`;
}

/** Cuts `text` to at most `max` UTF-16 units, ending in "…", without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
