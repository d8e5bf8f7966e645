import type { FeedbackRecord, QuestionRecord, Store, UserRecord } from '../../src/conversation/index.js';
import { AppError } from '../../src/common/errors.js';

/**
 * An in-memory Store for core unit tests (the real SQLite/PostgreSQL stores have their own contract
 * suite). `down = true` makes every call fail like an unreachable database.
 */
export class MemoryStore implements Store {
  down = false;
  readonly updates = new Set<string>();
  readonly users = new Map<string, UserRecord>();
  readonly questions: QuestionRecord[] = [];
  readonly feedback: FeedbackRecord[] = [];

  private check(): void {
    if (this.down) throw new AppError('STORAGE_UNAVAILABLE', 'memory store is down');
  }
  async migrate() {}
  async ping() {
    this.check();
  }
  async close() {}
  async markUpdate(channel: string, key: string) {
    this.check();
    const k = `${channel}:${key}`;
    if (this.updates.has(k)) return false;
    this.updates.add(k);
    return true;
  }
  async touchUser(u: { channel: UserRecord['channel']; userId: string; chatId: string; displayName?: string; at: number }) {
    this.check();
    const k = `${u.channel}:${u.userId}`;
    const prev = this.users.get(k);
    const rec: UserRecord = prev
      ? { ...prev, chatId: u.chatId, displayName: u.displayName ?? prev.displayName, lastSeenAt: u.at }
      : { channel: u.channel, userId: u.userId, chatId: u.chatId, displayName: u.displayName, unitId: null, unitAsked: false, firstSeenAt: u.at, lastSeenAt: u.at };
    this.users.set(k, rec);
    return rec;
  }
  async setUserUnit(channel: UserRecord['channel'], userId: string, unitId: string | null) {
    this.check();
    const k = `${channel}:${userId}`;
    const prev = this.users.get(k);
    if (prev) this.users.set(k, { ...prev, unitId, unitAsked: true, unitAskedAt: undefined });
  }
  async markUnitAsked(channel: UserRecord['channel'], userId: string, at: number) {
    this.check();
    const k = `${channel}:${userId}`;
    const prev = this.users.get(k);
    if (prev) this.users.set(k, { ...prev, unitAsked: true, unitAskedAt: at });
  }
  async saveQuestion(q: QuestionRecord) {
    this.check();
    this.questions.push(q);
  }
  async getQuestion(id: string) {
    this.check();
    return this.questions.find((q) => q.id === id) ?? null;
  }
  async lastQuestion(channel: string, chatId: string) {
    this.check();
    return [...this.questions].reverse().find((q) => q.channel === channel && q.chatId === chatId && q.replyKind !== 'chat') ?? null;
  }
  async countQuestionsSince(channel: string, userId: string, since: number) {
    this.check();
    return this.questions.filter((q) => q.channel === channel && q.userId === userId && q.createdAt >= since).length;
  }
  async saveFeedback(f: FeedbackRecord) {
    this.check();
    const i = this.feedback.findIndex((x) => x.questionId === f.questionId && x.userId === f.userId);
    if (i >= 0) this.feedback[i] = f;
    else this.feedback.push(f);
  }
}
