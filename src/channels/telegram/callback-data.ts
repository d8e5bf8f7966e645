/**
 * Compact `callback_data` for inline buttons. Telegram allows 1–64 bytes per button (Bot API,
 * InlineKeyboardButton), so a button carries only a tag and short ids:
 *
 * | choice                       | callback_data            |
 * |------------------------------|--------------------------|
 * | helpful (👍)                 | `fb:h:<questionId>`      |
 * | unhelpful (👎)               | `fb:u:<questionId>`      |
 * | escalate (🙋)                | `esc:<questionId>`       |
 * | unit                         | `unit:<unitId>` or `unit:<unitId>:<questionId>`; `unit:` = skip |
 * | learn (course step)          | `ln:<value>` (the value may contain `:`) |
 * | staff: claim ticket          | `tk:c:<ticketNumber>`    |
 * | staff: close ticket          | `tk:x:<ticketNumber>`    |
 *
 * Staff buttons carry the ticket's short number, not its uuid: `tk:c:` plus a uuid would fit, but the
 * number is what staff see and keeps the data far below the limit.
 *
 * Ids may not contain `:` (the separator); encoding checks that and the 64-byte limit up front.
 */
import { AppError } from '../../common/errors.js';
import type { InboundMessage, ReplyChoice } from '../../conversation/index.js';

/** Telegram's limit on `callback_data`, in bytes (UTF-8). */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** The button-press payload we decode from `callback_data` (the `action` of an InboundMessage). */
export type CallbackAction = NonNullable<InboundMessage['action']>;

/**
 * Encodes a reply choice as `callback_data`.
 *
 * Use it when rendering inline keyboards. It throws AppError INTERNAL (a programming error, not bad user
 * input) when an id contains `:` or the result exceeds 64 bytes, rather than sending a button Telegram
 * would reject with `BUTTON_DATA_INVALID`.
 *
 * @example encodeCallbackData({ action: 'helpful', label: '👍 Hữu ích', questionId: 'q1' }) // 'fb:h:q1'
 */
export function encodeCallbackData(choice: Pick<ReplyChoice, 'action' | 'questionId' | 'value'>): string {
  const qid = choice.questionId ?? '';
  let data: string;
  switch (choice.action) {
    case 'helpful':
      data = `fb:h:${requireId(qid, choice.action)}`;
      break;
    case 'unhelpful':
      data = `fb:u:${requireId(qid, choice.action)}`;
      break;
    case 'escalate':
      data = `esc:${requireId(qid, choice.action)}`;
      break;
    case 'unit':
      data = `unit:${checkId(choice.value ?? '', 'unit')}${qid ? `:${checkId(qid, 'unit')}` : ''}`;
      break;
    case 'learn':
      if (!choice.value) throw new AppError('INTERNAL', 'a learn choice needs a value');
      data = `ln:${choice.value}`;
      break;
  }
  const bytes = Buffer.byteLength(data, 'utf8');
  if (bytes > CALLBACK_DATA_MAX_BYTES) {
    throw new AppError('INTERNAL', `callback_data for ${choice.action} is ${bytes} bytes; Telegram allows ${CALLBACK_DATA_MAX_BYTES}`);
  }
  return data;
}

/**
 * Decodes `callback_data` produced by {@link encodeCallbackData}; returns null for anything else (a button
 * from an older release, another feature's button, or forged data). Never throws.
 */
export function decodeCallbackData(data: unknown): CallbackAction | null {
  if (typeof data !== 'string' || !data || Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_MAX_BYTES) return null;
  const parts = data.split(':');
  const [tag, ...rest] = parts;
  if (tag === 'fb' && rest.length === 2 && rest[1]) {
    if (rest[0] === 'h') return { type: 'helpful', questionId: rest[1] };
    if (rest[0] === 'u') return { type: 'unhelpful', questionId: rest[1] };
    return null;
  }
  if (tag === 'esc' && rest.length === 1 && rest[0]) return { type: 'escalate', questionId: rest[0] };
  if (tag === 'ln' && rest.join(':')) return { type: 'learn', value: rest.join(':') };
  if (tag === 'unit' && (rest.length === 1 || (rest.length === 2 && rest[1]))) {
    const action: CallbackAction = { type: 'unit' };
    if (rest[0]) action.value = rest[0];
    if (rest[1]) action.questionId = rest[1];
    return action;
  }
  return null;
}

function requireId(id: string, action: string): string {
  if (!id) throw new AppError('INTERNAL', `a ${action} choice needs a questionId`);
  return checkId(id, action);
}

function checkId(id: string, action: string): string {
  if (id.includes(':')) throw new AppError('INTERNAL', `id for ${action} must not contain ':' (callback_data separator)`);
  return id;
}

/** What a staff-card button does. */
export type StaffButtonAction = 'claim' | 'close';

/** A decoded staff-card button press. */
export interface StaffCallback {
  action: StaffButtonAction;
  ticketNumber: number;
}

/**
 * Encodes a staff-card button as `tk:c:<n>` (claim) or `tk:x:<n>` (close).
 *
 * @example encodeStaffCallback('claim', 12) // 'tk:c:12'
 */
export function encodeStaffCallback(action: StaffButtonAction, ticketNumber: number): string {
  if (!Number.isSafeInteger(ticketNumber) || ticketNumber < 1) throw new AppError('INTERNAL', `ticket number ${ticketNumber} is not a positive integer`);
  return `tk:${action === 'claim' ? 'c' : 'x'}:${ticketNumber}`;
}

/** Decodes {@link encodeStaffCallback} data; null for anything else. Never throws. */
export function decodeStaffCallback(data: unknown): StaffCallback | null {
  if (typeof data !== 'string') return null;
  const match = /^tk:([cx]):([1-9]\d{0,14})$/.exec(data);
  if (!match) return null;
  return { action: match[1] === 'c' ? 'claim' : 'close', ticketNumber: Number(match[2]) };
}
