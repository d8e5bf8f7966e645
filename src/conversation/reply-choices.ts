/**
 * Which choices go with a stored question, numbered for platforms without buttons. The conversation core
 * derives them again from the stored question when an official types a number, so a "1" means the same
 * thing on every instance and after a restart: under an answer 1 = helpful, 2 = unhelpful, 3 = ask staff;
 * under an abstention 1 = pass the question to staff.
 */
import { msg } from '../common/messages-vi.js';
import type { QuestionRecord, ReplyKind } from './ports.js';
import type { ReplyChoice } from './types.js';

/** The reply kind of a stored question, also for records written before `replyKind` existed. */
export function replyKindOf(q: Pick<QuestionRecord, 'replyKind' | 'answered'>): ReplyKind {
  return q.replyKind ?? (q.answered ? 'answer' : 'escalate');
}

/** True when the official may be offered the staff for this question (an abstention on a real question). */
export function offersStaff(q: Pick<QuestionRecord, 'replyKind' | 'answered' | 'replyReason'>): boolean {
  return replyKindOf(q) === 'escalate' && q.replyReason !== 'empty_query';
}

/**
 * The choices offered with the reply to `q`: feedback and "ask staff" under an answer, "pass to staff"
 * under an abstention (the ask-before-escalating choice), none under a chat reply.
 */
export function choicesFor(q: Pick<QuestionRecord, 'id' | 'replyKind' | 'answered' | 'replyReason'>): ReplyChoice[] {
  const kind = replyKindOf(q);
  if (kind === 'answer') {
    return [
      { action: 'helpful', label: msg('chat.choice.helpful'), questionId: q.id, number: 1 },
      { action: 'unhelpful', label: msg('chat.choice.unhelpful'), questionId: q.id, number: 2 },
      { action: 'escalate', label: msg('chat.choice.escalate'), questionId: q.id, number: 3 },
    ];
  }
  if (offersStaff(q)) return [{ action: 'escalate', label: msg('chat.choice.escalateOffer'), questionId: q.id, number: 1 }];
  return [];
}
