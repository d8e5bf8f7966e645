/**
 * What learners read: the course line of the list, a lesson screen, a quiz question and the citation line.
 * Every text comes from the catalogue (common/messages-vi.ts) or from the course files.
 */
import { msg } from '../common/messages-vi.js';
import { docLabel } from '../answer/index.js';
import type { Course, CourseQuestion, CourseSource } from '../ingest/course-file.js';
import type { OutboundReply, ReplyChoice } from '../conversation/index.js';
import { quizScore } from './course-progress.js';
import type { CourseState } from './course-progress.js';

/** "1. Cơ chế một cửa…: đã xem 3/6 bài, trả lời 2/14 câu, điểm 14%". */
export function courseLine(s: CourseState, n: number): string {
  const c = s.course;
  const score = quizScore(s);
  let status: string;
  if (s.completedAt !== null) status = msg('training.status.done', { score });
  else if (!s.seenLessons.size && !s.answers.size) status = msg('training.status.new');
  else {
    status = msg('training.status.progress', {
      seen: c.lessons.filter((l) => s.seenLessons.has(l.id)).length,
      lessons: c.lessons.length,
      answered: c.questions.filter((q) => s.answers.has(q.id)).length,
      questions: c.questions.length,
      score,
    });
  }
  return msg('training.menu.course', { n, title: c.title, status });
}

/** "Căn cứ: Khoản 2 Điều 17 Nghị định 118/2025/NĐ-CP; Điều 4 Nghị định 118/2025/NĐ-CP." */
export function sourcesLine(sources: readonly CourseSource[]): string {
  const list = sources.map((s) => `${s.article} ${docLabel({ number: s.number, title: s.number })}`);
  return msg('training.sources', { list: list.join('; ') });
}

/** A lesson screen with its sources and the "Tiếp" (or "Làm bài kiểm tra" after the last lesson) choice. */
export function lessonReply(course: Course, index: number, nextValue: string): OutboundReply {
  const lesson = course.lessons[index];
  const last = index === course.lessons.length - 1;
  const parts = [
    msg('training.lesson.header', { course: course.title, index: index + 1, total: course.lessons.length, title: lesson.title }),
    lesson.text,
    sourcesLine(lesson.sources),
  ];
  if (last) parts.push(msg('training.lesson.last', { count: course.questions.length }));
  const label = msg(last ? 'training.choice.startQuiz' : 'training.choice.next');
  return { text: parts.join('\n\n'), choices: [{ action: 'learn', label, value: nextValue, number: 1 }] };
}

/** A quiz question with its options numbered 1–4 in the text and one short choice per option. */
export function questionReply(s: CourseState, q: CourseQuestion, review: boolean): OutboundReply {
  const c = s.course;
  const head = review
    ? msg('training.question.review', { course: c.title, question: q.question })
    : msg('training.question.header', { course: c.title, index: c.questions.indexOf(q) + 1, total: c.questions.length, question: q.question });
  const options = q.options.map((o, i) => `${i + 1}. ${o}`).join('\n');
  const choices: ReplyChoice[] = q.options.map((_o, i) => ({ action: 'learn', label: String(i + 1), value: `a:${c.id}:${q.id}:${i}`, number: i + 1 }));
  return { text: [head, options, msg('training.question.hint', { count: q.options.length })].join('\n\n'), choices };
}
