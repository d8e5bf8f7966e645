/**
 * Plain-text rendering of replies for Zalo: no markup, no buttons, at most 2000 characters a message.
 * The answer follows the shared layout (conversation/answer-layout.ts). Choices become numbered typed
 * replies: the number the core gave a choice (answers and abstentions, mapped back through the stored
 * question), else 1, 2, 3… in order (unit lists, where "skip" is 0).
 */
import { msg } from '../../common/messages-vi.js';
import { answerPlainBlocks } from '../../conversation/index.js';
import type { OutboundReply, ReplyChoice } from '../../conversation/index.js';
import { splitText } from '../split-text.js';

/** Zalo Bot `sendMessage` accepts 1–2000 characters (platforms.md §1.2). */
export const ZALO_TEXT_LIMIT = 2000;

/** A choice with the number the official types to pick it (0 for "skip"). */
export interface NumberedChoice {
  number: number;
  choice: ReplyChoice;
  /** The label without emoji, e.g. "Hữu ích". */
  label: string;
}

/**
 * Renders a reply as the plain-text messages to send, in order, each at most {@link ZALO_TEXT_LIMIT}
 * characters (split at paragraph boundaries first). Order: the reply text, the answer in its layout
 * (answer, notices, quotes "[1] …", sources with each URL on its own line), the prompt, and last the
 * numbered choices ("Trả lời 1 để chuyển câu hỏi cho cán bộ."). An empty reply gives `[]`.
 *
 * @example
 * for (const piece of renderZalo(reply)) await client.sendMessage({ chat_id, text: piece });
 */
export function renderZalo(reply: OutboundReply): string[] {
  const blocks: string[] = [];
  if (reply.text?.trim()) blocks.push(reply.text.trim());
  if (reply.answer) blocks.push(...answerPlainBlocks(reply.answer));
  const ask = [reply.prompt?.trim() ?? '', reply.choices?.length ? numberedChoiceText(reply.choices) : ''].filter(Boolean);
  if (ask.length) blocks.push(ask.join('\n'));
  const text = blocks.filter((b) => b.trim()).join('\n\n');
  return text ? splitText(text, ZALO_TEXT_LIMIT) : [];
}

/**
 * Numbers choices for typed replies: the number the core set on a choice, else 1, 2, 3… in the given
 * order, except a unit "skip" choice (see {@link isSkipChoice}), which is 0. The conversation core reads
 * typed numbers with the same rule.
 */
export function numberedChoices(choices: readonly ReplyChoice[]): NumberedChoice[] {
  let next = 1;
  return choices.map((choice) => ({
    number: choice.number ?? (isSkipChoice(choice) ? 0 : next++),
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
  // Quiz options are listed with their numbers in the question itself, which says how to answer.
  if (choices.every((c) => c.action === 'learn') && numbered.every((n) => n.label === String(n.number))) return '';
  if (choices.some((c) => c.action === 'unit' || c.action === 'learn')) {
    const ordered = [...numbered.filter((n) => n.number > 0), ...numbered.filter((n) => n.number === 0)];
    return [msg('layout.replyWithNumber'), ...ordered.map((n) => `${n.number}. ${n.label}`)].join('\n');
  }
  const parts = numbered.map((n) => {
    const verb = n.choice.action === 'escalate' ? msg('layout.choiceTo') : msg('layout.choiceIf');
    return `${n.number} ${verb} ${lowerFirst(n.label)}`;
  });
  return `${msg('layout.replyWith')} ${parts.join(', ')}.`;
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
