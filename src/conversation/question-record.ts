import { randomUUID } from 'node:crypto';
import type { Answer } from '../answer/index.js';
import { answerToPlainText } from './plain-text.js';
import type { QuestionRecord, UserRecord } from './ports.js';
import type { InboundMessage } from './types.js';

/**
 * The stored record of one message and the bot's reply: what was asked, what was searched, the kind of
 * reply (answer, abstention, chat) and why, the citations and the confidence (for staff and reports; never
 * shown to officials), and the reply as plain text.
 */
export function questionRecord(m: InboundMessage, user: UserRecord, q: { text: string; searchText: string; answer: Answer; at: number }): QuestionRecord {
  const a = q.answer;
  const record: QuestionRecord = {
    id: randomUUID(),
    channel: m.channel,
    chatId: m.chatId,
    userId: m.userId,
    text: q.text,
    searchText: q.searchText,
    answered: a.kind === 'answer',
    source: a.kind === 'answer' ? a.source : 'none',
    confidence: a.confidence,
    citations: a.citations,
    answerText: answerToPlainText(a),
    replyKind: a.kind,
    unitId: user.unitId ?? null,
    createdAt: q.at,
  };
  if (a.kind !== 'answer') record.replyReason = a.reason;
  return record;
}
