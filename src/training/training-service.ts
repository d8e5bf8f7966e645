import { msg } from '../common/messages-vi.js';
import { foldDiacritics } from '../text/vietnamese.js';
import type { Course } from '../ingest/course-file.js';
import type { InboundMessage, Learning, OutboundReply, Unit, UserRecord } from '../conversation/index.js';
import { afterAnswer, courseState, dueReviews, meetsCompletion, nextStep, quizScore } from './course-progress.js';
import type { CourseState } from './course-progress.js';
import { courseLine, lessonReply, questionReply, sourcesLine } from './training-texts.js';
import type { LearnerProgress, LearnerRecord, LearningPrompt, RosterStore, TrainingStore } from './ports.js';

/** Options for {@link TrainingService}. */
export interface TrainingOptions {
  /** The courses served now (the live snapshot's valid courses). */
  courses: () => readonly Course[];
  store: TrainingStore & Partial<RosterStore>;
  /** Quiz score (percent of questions whose latest answer is right) needed to complete a course. Default 80. */
  passPercent?: number;
  /** Units, to name the unit of a roster entry when an account is linked. */
  units?: readonly Unit[];
  /** Clock port (epoch ms). Default `Date.now`. */
  now?: () => number;
}

/** How long a typed "2" or "tiếp" still answers the last learning prompt. */
export const LEARNING_PROMPT_WINDOW_MS = 24 * 60 * 60_000;

const TYPED_NUMBER_RE = /^\s*(\d{1,2})\s*[.)]?\s*$/;
const NEXT_WORDS_RE = /^(tiep|tiep tuc|tiep theo|cau tiep|cau tiep theo|bai tiep|bai tiep theo)$/;
const DAILY_TIME_RE = /^([01]?\d|2[0-3])[:hg.]([0-5]\d)$/;

/**
 * TrainingService: short courses in the chat, platform-neutral (the conversation core's `Learning` port).
 *
 * `/hoctap` lists the courses with the learner's progress; a course shows its lessons one screen at a time
 * with a "Tiếp" choice, then single-choice questions whose answer gets immediate feedback with the
 * explanation and its citation. A missed question comes back for review later (course-progress.ts). A
 * course is completed when every lesson was seen and the quiz score reaches `passPercent`; the completion
 * is stored once. `/hoctap 07:30` opts in to a daily lesson, `/dunghoc` stops it, `/lienket <mã>` links the
 * account to the roster entry the code belongs to. The last prompt is stored, so typed numbers and "tiếp"
 * are read the same way on every instance.
 *
 * @example
 * const learning = new TrainingService({ courses: () => kb.courses(), store, passPercent: 80 });
 * new ConversationService({ ..., learning });
 */
export class TrainingService implements Learning {
  readonly commands = ['hoctap', 'dunghoc', 'lienket'] as const;
  private readonly now: () => number;
  private readonly passPercent: number;

  constructor(private readonly o: TrainingOptions) {
    this.now = o.now ?? Date.now;
    this.passPercent = o.passPercent ?? 80;
  }

  async command(m: InboundMessage, _user: UserRecord, name: string, args: string): Promise<OutboundReply[]> {
    if (name === 'dunghoc') return this.stopDaily(m);
    if (name === 'lienket') return this.link(m, args);
    const time = DAILY_TIME_RE.exec(args.trim());
    if (time) return this.startDaily(m, `${time[1].padStart(2, '0')}:${time[2]}`);
    return [await this.menu(m)];
  }

  async action(m: InboundMessage, _user: UserRecord, value: string): Promise<OutboundReply[]> {
    const [tag, courseId = '', questionId = '', option = ''] = value.split(':');
    if (tag === 'm') return [await this.menu(m)];
    if (tag === 'r') return this.review(m);
    const course = this.o.courses().find((c) => c.id === courseId);
    if (!course) return [{ text: msg('training.unknownCourse') }];
    if (tag === 'c' || tag === 'n') return this.step(m, course, false);
    if (tag === 'w') return this.step(m, course, true);
    if (tag === 'a') return this.answer(m, course, questionId, Number(option));
    return [{ text: msg('training.unknownCourse') }];
  }

  mightBeTyped(text: string): boolean {
    return TYPED_NUMBER_RE.test(text) || NEXT_WORDS_RE.test(fold(text));
  }

  async typed(m: InboundMessage, user: UserRecord, text: string, since: number): Promise<OutboundReply[] | null> {
    const learner = await this.o.store.getLearner(m.channel, m.userId);
    const p = learner?.prompt;
    if (!p || p.at <= since || this.now() - p.at > LEARNING_PROMPT_WINDOW_MS) return null;
    const n = TYPED_NUMBER_RE.exec(text);
    const value = n ? p.values[Number(n[1]) - 1] : p.next;
    return value ? this.action(m, user, value) : null;
  }

  /**
   * The daily lesson for one learner: the next step of the first course with a missed question due, else
   * of the first course not completed; null when there is nothing to learn. The scheduler calls it at the
   * learner's chosen time.
   */
  async dailyLesson(m: Pick<InboundMessage, 'channel' | 'userId' | 'chatId'>): Promise<OutboundReply[] | null> {
    const { states } = await this.states(m);
    const now = this.now();
    const pick = states.find((s) => dueReviews(s, now) > 0) ?? states.find((s) => s.completedAt === null);
    if (!pick) return null;
    const replies = await this.step(m, pick.course, false);
    return [{ text: msg('training.daily.lead') }, ...replies];
  }

  private async menu(m: Pick<InboundMessage, 'channel' | 'userId' | 'chatId'>): Promise<OutboundReply> {
    const { states } = await this.states(m);
    if (!states.length) return { text: msg('training.menu.empty') };
    const now = this.now();
    const due = states.reduce((sum, s) => sum + dueReviews(s, now), 0);
    const lines = [msg('training.menu.header'), '', ...states.map((s, i) => courseLine(s, i + 1)), ''];
    if (due) lines.push(msg('training.menu.reviews', { count: due }));
    lines.push(msg('training.menu.hint', { pass: this.passPercent }));
    const linked = this.o.store.rosterLinkOf ? await this.o.store.rosterLinkOf(m.channel, m.userId) : null;
    if (this.o.store.rosterLinkOf && !linked) lines.push(msg('training.menu.link'));
    const choices = states.map((s) => ({ action: 'learn' as const, label: s.course.title, value: `c:${s.course.id}` }));
    if (due) choices.push({ action: 'learn', label: msg('training.choice.review', { count: due }), value: 'r' });
    await this.remember(m, { kind: 'menu', values: choices.map((c) => c.value) });
    return { text: lines.join('\n'), choices };
  }

  /** Shows the next step of a course: a lesson (marked seen), a question, or where the learner stands. */
  private async step(m: Pick<InboundMessage, 'channel' | 'userId' | 'chatId'>, course: Course, retryWrong: boolean): Promise<OutboundReply[]> {
    const s = courseState(course, await this.o.store.learnerProgress(m.channel, m.userId));
    const next = nextStep(s, this.now(), retryWrong);
    if (next.kind === 'lesson') {
      const lesson = course.lessons[next.index];
      await this.o.store.markLessonSeen({ channel: m.channel, userId: m.userId, courseId: course.id, lessonId: lesson.id, at: this.now() });
      const reply = lessonReply(course, next.index, `n:${course.id}`);
      await this.remember(m, { kind: 'lesson', values: [`n:${course.id}`], next: `n:${course.id}` });
      return [reply];
    }
    if (next.kind === 'question') {
      const reply = questionReply(s, next.question, next.review);
      await this.remember(m, { kind: 'question', values: (reply.choices ?? []).map((c) => c.value ?? '') });
      return [reply];
    }
    return [await this.standing(m, s, false)];
  }

  /** Records an answer, gives the feedback with its explanation and citation, and offers the next step. */
  private async answer(m: Pick<InboundMessage, 'channel' | 'userId' | 'chatId'>, course: Course, questionId: string, option: number): Promise<OutboundReply[]> {
    const question = course.questions.find((q) => q.id === questionId);
    if (!question || !Number.isInteger(option) || option < 0 || option >= question.options.length) return [{ text: msg('training.unknownCourse') }];
    const now = this.now();
    const s = courseState(course, await this.o.store.learnerProgress(m.channel, m.userId));
    const correct = option === question.correct;
    const rec = afterAnswer(s.answers.get(question.id), { channel: m.channel, userId: m.userId, courseId: course.id, questionId: question.id, answeredAt: now }, correct);
    await this.o.store.saveAnswer(rec);
    s.answers.set(question.id, rec);
    const feedback = [
      correct ? msg('training.answer.right') : msg('training.answer.wrong', { number: question.correct + 1, option: question.options[question.correct] }),
      question.explanation,
      sourcesLine(question.sources),
    ];
    if (!correct) feedback.push(msg('training.answer.scheduled'));
    const replies: OutboundReply[] = [{ text: feedback.join('\n\n') }];
    const completedNow = s.completedAt === null && meetsCompletion(s, this.passPercent)
      && await this.o.store.saveCompletion({ channel: m.channel, userId: m.userId, courseId: course.id, score: quizScore(s), completedAt: now });
    if (completedNow) s.completedAt = now;
    const next = nextStep(s, now);
    if (next.kind !== 'done' && !completedNow) {
      const label = msg(next.kind === 'lesson' ? 'training.choice.next' : 'training.choice.nextQuestion');
      replies[0].choices = [{ action: 'learn', label, value: `n:${course.id}` }];
      await this.remember(m, { kind: 'result', values: [`n:${course.id}`], next: `n:${course.id}` });
      return replies;
    }
    replies.push(await this.standing(m, s, completedNow));
    return replies;
  }

  /** Where the learner stands once nothing is left to show now: completed, or below the pass mark. */
  private async standing(m: Pick<InboundMessage, 'channel' | 'userId' | 'chatId'>, s: CourseState, completedNow: boolean): Promise<OutboundReply> {
    const score = quizScore(s);
    const menu = { action: 'learn' as const, label: msg('training.choice.menu'), value: 'm' };
    let reply: OutboundReply;
    if (completedNow) reply = { text: msg('training.done', { course: s.course.title, score }), choices: [menu] };
    else if (s.completedAt !== null || score >= this.passPercent) reply = { text: msg('training.allDone', { course: s.course.title }), choices: [menu] };
    else {
      const retry = { action: 'learn' as const, label: msg('training.choice.retry'), value: `w:${s.course.id}` };
      reply = { text: msg('training.notYet', { course: s.course.title, score, pass: this.passPercent }), choices: [retry, menu] };
    }
    await this.remember(m, { kind: 'result', values: (reply.choices ?? []).map((c) => c.value ?? '') });
    return reply;
  }

  /** The first course with a missed question due for review, at that question. */
  private async review(m: Pick<InboundMessage, 'channel' | 'userId' | 'chatId'>): Promise<OutboundReply[]> {
    const { states } = await this.states(m);
    const s = states.find((x) => dueReviews(x, this.now()) > 0);
    return s ? this.step(m, s.course, false) : [await this.menu(m)];
  }

  private async startDaily(m: InboundMessage, time: string): Promise<OutboundReply[]> {
    const learner = await this.learner(m);
    await this.o.store.saveLearner({ ...learner, chatId: m.chatId, dailyTime: time, updatedAt: this.now() });
    return [{ text: msg('training.daily.on', { time }) }];
  }

  private async stopDaily(m: InboundMessage): Promise<OutboundReply[]> {
    const learner = await this.o.store.getLearner(m.channel, m.userId);
    if (!learner?.dailyTime) return [{ text: msg('training.notRunning') }];
    await this.o.store.saveLearner({ ...learner, dailyTime: null, updatedAt: this.now() });
    return [{ text: msg('training.stopped') }];
  }

  /** `/lienket <mã>`: links this account to the roster entry the one-time code belongs to. */
  private async link(m: InboundMessage, args: string): Promise<OutboundReply[]> {
    const code = args.trim().toUpperCase();
    const store = this.o.store;
    if (!code) return [{ text: msg('training.link.usage') }];
    if (!store.rosterByCode || !store.linkRoster) return [{ text: msg('training.link.bad') }];
    const entry = await store.rosterByCode(code);
    if (!entry) return [{ text: msg('training.link.bad') }];
    await store.linkRoster({ rosterId: entry.id, channel: m.channel, userId: m.userId, linkedAt: this.now() });
    const unit = this.o.units?.find((u) => u.id === entry.unitId)?.name ?? entry.unitId;
    return [{ text: msg('training.link.done', { name: entry.name, unit }) }];
  }

  private async states(m: Pick<InboundMessage, 'channel' | 'userId'>): Promise<{ states: CourseState[]; progress: LearnerProgress }> {
    const progress = await this.o.store.learnerProgress(m.channel, m.userId);
    return { states: this.o.courses().map((c) => courseState(c, progress)), progress };
  }

  private async learner(m: Pick<InboundMessage, 'channel' | 'userId' | 'chatId'>): Promise<LearnerRecord> {
    return (await this.o.store.getLearner(m.channel, m.userId))
      ?? { channel: m.channel, userId: m.userId, chatId: m.chatId, prompt: null, dailyTime: null, updatedAt: this.now() };
  }

  /** Stores the prompt just shown, so a typed reply is read against it. */
  private async remember(m: Pick<InboundMessage, 'channel' | 'userId' | 'chatId'>, prompt: Omit<LearningPrompt, 'at'>): Promise<void> {
    const learner = await this.learner(m);
    const at = this.now();
    await this.o.store.saveLearner({ ...learner, chatId: m.chatId, prompt: { ...prompt, at }, updatedAt: at });
  }
}

function fold(text: string): string {
  return foldDiacritics(text.trim().toLowerCase()).replace(/[.!?…]+$/, '').replace(/\s+/g, ' ').trim();
}
