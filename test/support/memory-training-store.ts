import type { ChannelName } from '../../src/conversation/index.js';
import type {
  AnswerRecord, CompletionRecord, LearnerProgress, LearnerRecord, RosterCompletion, RosterEntry, RosterLink, RosterStore, TrainingStore,
} from '../../src/training/index.js';

/** In-memory TrainingStore and RosterStore for core unit tests (the SQL stores have a contract suite). */
export class MemoryTrainingStore implements TrainingStore, RosterStore {
  readonly learners = new Map<string, LearnerRecord>();
  readonly lessons = new Map<string, { channel: ChannelName; userId: string; courseId: string; lessonId: string; at: number }>();
  readonly answers = new Map<string, AnswerRecord>();
  readonly completions = new Map<string, CompletionRecord>();
  roster: RosterEntry[] = [];
  readonly links = new Map<string, RosterLink>();

  async getLearner(channel: ChannelName, userId: string) {
    return this.learners.get(`${channel}:${userId}`) ?? null;
  }
  async saveLearner(l: LearnerRecord) {
    this.learners.set(`${l.channel}:${l.userId}`, structuredClone(l));
  }
  async markLessonSeen(e: { channel: ChannelName; userId: string; courseId: string; lessonId: string; at: number }) {
    const k = `${e.channel}:${e.userId}:${e.courseId}:${e.lessonId}`;
    if (!this.lessons.has(k)) this.lessons.set(k, e);
  }
  async saveAnswer(a: AnswerRecord) {
    this.answers.set(`${a.channel}:${a.userId}:${a.courseId}:${a.questionId}`, { ...a });
  }
  async learnerProgress(channel: ChannelName, userId: string): Promise<LearnerProgress> {
    const mine = <T extends { channel: ChannelName; userId: string }>(xs: Iterable<T>) => [...xs].filter((x) => x.channel === channel && x.userId === userId);
    return {
      lessons: mine(this.lessons.values()).map((l) => ({ courseId: l.courseId, lessonId: l.lessonId })),
      answers: mine(this.answers.values()).map((a) => ({ ...a })),
      completions: mine(this.completions.values()).map((c) => ({ ...c })),
    };
  }
  async saveCompletion(c: CompletionRecord) {
    const k = `${c.channel}:${c.userId}:${c.courseId}`;
    if (this.completions.has(k)) return false;
    this.completions.set(k, { ...c });
    return true;
  }
  readonly dailySent = new Map<string, string>();
  async dailyLearners(time: string) {
    return [...this.learners.values()].filter((l) => l.dailyTime === time);
  }
  async claimDaily(channel: ChannelName, userId: string, day: string) {
    const k = `${channel}:${userId}`;
    if (!this.learners.get(k)?.dailyTime || this.dailySent.get(k) === day) return false;
    this.dailySent.set(k, day);
    return true;
  }
  async importRoster(entries: RosterEntry[], _at?: number) {
    const before = new Map(this.roster.map((e) => [e.id, e]));
    const added = entries.filter((e) => !before.has(e.id)).length;
    this.roster = entries.map((e) => ({ ...e, linkCode: before.has(e.id) ? before.get(e.id)!.linkCode : e.linkCode }));
    const ids = new Set(entries.map((e) => e.id));
    for (const [k, l] of this.links) if (!ids.has(l.rosterId)) this.links.delete(k);
    return { added, updated: entries.length - added, removed: [...before.keys()].filter((id) => !ids.has(id)).length };
  }
  async listRoster() {
    return this.roster.map((e) => ({ ...e }));
  }
  async rosterByCode(code: string) {
    return this.roster.find((e) => e.linkCode !== null && e.linkCode.toUpperCase() === code.toUpperCase()) ?? null;
  }
  async linkRoster(link: RosterLink) {
    this.links.set(`${link.channel}:${link.userId}`, { ...link });
    const e = this.roster.find((x) => x.id === link.rosterId);
    if (e) e.linkCode = null;
  }
  async unlinkRoster(channel: ChannelName, userId: string) {
    return this.links.delete(`${channel}:${userId}`);
  }
  async rosterLinkOf(channel: ChannelName, userId: string) {
    return this.links.get(`${channel}:${userId}`) ?? null;
  }
  async listRosterLinks() {
    return [...this.links.values()];
  }
  async rosterCompletions(from: number, to: number): Promise<RosterCompletion[]> {
    const out = new Map<string, Set<string>>();
    for (const c of this.completions.values()) {
      const link = this.links.get(`${c.channel}:${c.userId}`);
      if (!link || c.completedAt < from || c.completedAt >= to) continue;
      out.set(link.rosterId, (out.get(link.rosterId) ?? new Set()).add(c.courseId));
    }
    return [...out].map(([rosterId, ids]) => ({ rosterId, courseIds: [...ids].sort() }));
  }
  async rosterStarted() {
    const started = new Set<string>();
    for (const l of this.lessons.values()) {
      const link = this.links.get(`${l.channel}:${l.userId}`);
      if (link) started.add(link.rosterId);
    }
    return [...started].sort();
  }
  async unlinkedCompletions(from: number, to: number) {
    return [...this.completions.values()].filter((c) => !this.links.has(`${c.channel}:${c.userId}`) && c.completedAt >= from && c.completedAt < to).length;
  }
}
