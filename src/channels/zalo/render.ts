/**
 * Plain-text rendering of replies for Zalo: no markup, no buttons, at most 2000 characters a message.
 * Choices become numbered typed replies, numbered by {@link numberedChoices} so the conversation core
 * maps a typed "2" back to the same choice.
 */
import { docLabel, summaryNote } from '../../answer/index.js';
import type { Answer, Citation } from '../../answer/index.js';
import { msg } from '../../common/messages-vi.js';
import type { OutboundReply, ReplyChoice } from '../../conversation/index.js';
import { splitText } from '../split-text.js';

/** Zalo Bot `sendMessage` accepts 1–2000 characters (platforms.md §1.2). */
export const ZALO_TEXT_LIMIT = 2000;

/**
 * Vietnamese texts specific to Zalo rendering.
 * TODO(common): move into `common/messages-vi.ts` (keys suggested in the report) and use `msg()`.
 */
const TEXT = {
  sources: 'Nguồn:',
  replyWith: 'Trả lời',
  replyWithNumber: 'Trả lời bằng số tương ứng:',
  if: 'nếu',
  to: 'để',
} as const;

/** A choice with the number the official types to pick it (0 for "skip"). */
export interface NumberedChoice {
  number: number;
  choice: ReplyChoice;
  /** The label without emoji, e.g. "Hữu ích". */
  label: string;
}

/**
 * Renders a reply as the plain-text messages to send, in order, each at most {@link ZALO_TEXT_LIMIT}
 * characters (split at paragraph boundaries first). Order: the reply text, the answer's lead (or abstain
 * message), notices with "⚠️", passages as "[1] …", the "Nguồn:" list (with each URL on its own line),
 * and last the numbered choices. An empty reply gives `[]`.
 *
 * @example
 * for (const piece of renderZalo(reply)) await client.sendMessage({ chat_id, text: piece });
 */
export function renderZalo(reply: OutboundReply): string[] {
  const blocks: string[] = [];
  if (reply.text?.trim()) blocks.push(reply.text.trim());
  if (reply.answer) blocks.push(...answerBlocks(reply.answer));
  if (reply.choices?.length) blocks.push(numberedChoiceText(reply.choices));
  const text = blocks.filter((b) => b.trim()).join('\n\n');
  return text ? splitText(text, ZALO_TEXT_LIMIT) : [];
}

/** Lead, notices, passages and sources of an answer, one paragraph each. */
function answerBlocks(a: Answer): string[] {
  const blocks: string[] = [];
  blocks.push(a.kind === 'answer' ? a.lead : a.message);
  if (a.kind === 'answer' && a.source === 'faq') blocks.push(`(${msg(a.faqOrigin === 'staff' ? 'answer.source.staff' : 'answer.source.faq')})`);
  for (const n of a.notices) blocks.push(`⚠️ ${n}`);
  for (const p of a.passages) blocks.push(`[${p.marker}] ${p.text.trim()}`);
  if (a.citations.length) blocks.push([TEXT.sources, ...a.citations.flatMap(citationLines)].join('\n'));
  return blocks;
}

/**
 * "[1] Khoản 2 Điều 5, Nghị định 118/2025/NĐ-CP – title (còn hiệu lực)", then the URL alone on the next
 * line (Zalo links bare URLs; a URL glued to text may not be).
 */
export function citationLines(c: Citation): string[] {
  const label = docLabel({ number: c.docNumber, title: c.docTitle, status: c.status });
  const doc = c.docNumber && c.docTitle ? `${label} – ${c.docTitle}` : label;
  const where = [c.path, doc].filter((s) => s && s.trim()).join(', ');
  const by = c.replacedBy ? msg('answer.notice.by', { replacedBy: c.replacedBy }) : '';
  const note = [c.statusLabel ? `${c.statusLabel}${by}` : '', summaryNote(c)].filter(Boolean).join('; ');
  const status = note ? ` (${note})` : '';
  const lines = [`[${c.marker}] ${where}${status}`];
  if (c.url) lines.push(c.url);
  return lines;
}

/**
 * Numbers choices for typed replies: 1, 2, 3… in the given order, except a unit "skip" choice (see
 * {@link isSkipChoice}), which is 0. The conversation core must use the same numbering.
 */
export function numberedChoices(choices: readonly ReplyChoice[]): NumberedChoice[] {
  let next = 1;
  return choices.map((choice) => ({
    number: isSkipChoice(choice) ? 0 : next++,
    choice,
    label: stripEmoji(choice.label),
  }));
}

/**
 * The line (or list) telling the official what to type. Feedback and escalation choices give one
 * sentence, e.g. "Trả lời 1 nếu hữu ích, 2 nếu chưa đúng, 3 để hỏi cán bộ."; as soon as a unit choice is
 * present, a list "1. Sở Nội vụ" … with "0. Bỏ qua" last.
 */
export function numberedChoiceText(choices: readonly ReplyChoice[]): string {
  const numbered = numberedChoices(choices);
  if (numbered.length === 0) return '';
  if (choices.some((c) => c.action === 'unit')) {
    const ordered = [...numbered.filter((n) => n.number > 0), ...numbered.filter((n) => n.number === 0)];
    return [TEXT.replyWithNumber, ...ordered.map((n) => `${n.number}. ${n.label}`)].join('\n');
  }
  const parts = numbered.map((n) => {
    const verb = n.choice.action === 'escalate' ? TEXT.to : TEXT.if;
    return `${n.number} ${verb} ${lowerFirst(n.label)}`;
  });
  return `${TEXT.replyWith} ${parts.join(', ')}.`;
}

/**
 * The choice a typed reply picks ("2", " 2. ", "2)"), or undefined when the text is not one of the
 * offered numbers. For the conversation core, which knows the choices it last offered.
 */
export function matchNumberedChoice(choices: readonly ReplyChoice[], text: string): ReplyChoice | undefined {
  const m = /^\s*(\d{1,3})\s*[.)]?\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return numberedChoices(choices).find((c) => c.number === n)?.choice;
}

/** A unit choice without a value means "skip the unit question" (listed as 0). */
export function isSkipChoice(choice: ReplyChoice): boolean {
  return choice.action === 'unit' && (!choice.value || choice.value === 'skip' || choice.value === 'none');
}

/** "👍 Hữu ích" → "Hữu ích": pictographs, variation selectors, joiners and skin tones removed. */
function stripEmoji(label: string): string {
  return label
    .replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{20E3}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower-cases the first letter unless the word looks like an acronym ("UBND"). */
function lowerFirst(s: string): string {
  if (s.length > 1 && s[1] === s[1].toUpperCase() && s[1] !== s[1].toLowerCase()) return s;
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}
