/**
 * Course files (`knowledge/courses/*.yaml|yml|json`): short training courses (chuyên đề) written from the
 * knowledge base. A course has lessons (one phone screen each) and single-choice quiz questions; every
 * lesson and every question cites the articles it rests on. The format is documented in
 * `knowledge/courses/README.md`.
 *
 * {@link parseCourseFile} checks the shape of one file (required fields, 3–4 options, the correct option
 * among the options, unique ids within the course); {@link checkCourseCitations} checks the citations
 * against the indexed documents. A course with any problem is reported and not served.
 */
import { parse } from 'yaml';

/** One cited provision: the document number and its article path ("Điều 17", "Khoản 3 Điều 17"). */
export interface CourseSource {
  number: string;
  article: string;
}

/** One lesson: a phone screen of text and its sources. */
export interface CourseLesson {
  id: string;
  title: string;
  text: string;
  sources: CourseSource[];
}

/** One single-choice quiz question. */
export interface CourseQuestion {
  id: string;
  question: string;
  /** 3 or 4 options, in the order shown. */
  options: string[];
  /** Index (0-based) of the correct option in {@link options}. */
  correct: number;
  explanation: string;
  sources: CourseSource[];
}

/** A course (chuyên đề) as served to learners. */
export interface Course {
  id: string;
  title: string;
  /** One or two sentences shown in the course list. */
  summary: string;
  lessons: CourseLesson[];
  questions: CourseQuestion[];
  /** The file it came from, relative to the knowledge folder. */
  file: string;
}

/** Longest lesson text: about one phone screen. */
export const LESSON_MAX_CHARS = 900;

/** Ids are short (they travel in Telegram's 64-byte callback data) and contain no ':'. */
const ID_RE = /^[a-z0-9][a-z0-9-]{0,23}$/;

/** Result of parsing one course file: the course (null when it cannot be served) and every problem found. */
export interface ParsedCourse {
  course: Course | null;
  problems: string[];
}

/**
 * Parses one course file (YAML or JSON; JSON is YAML). Never throws: syntax errors and every shape problem
 * are returned as `problems` (English, prefixed with the file), and `course` is null when there is any.
 *
 * @example parseCourseFile(text, 'courses/mot-cua.yaml').problems // []
 */
export function parseCourseFile(text: string, file: string): ParsedCourse {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err: unknown) {
    return { course: null, problems: [`${file}: not valid YAML/JSON: ${(err as Error).message.split('\n')[0]}`] };
  }
  const problems: string[] = [];
  const say = (p: string) => problems.push(`${file}: ${p}`);
  if (!isRecord(data)) return { course: null, problems: [`${file}: must be a mapping with id, title, lessons and questions`] };
  const id = str(data.id);
  const title = str(data.title);
  if (!ID_RE.test(id)) say(`course id "${id}" must be 1–24 lower-case letters, digits or '-'`);
  if (!title) say('course title is required');
  const ids = new Set<string>();
  const uniqueId = (raw: unknown, where: string): string => {
    const v = str(raw);
    if (!ID_RE.test(v)) say(`${where}: id "${v}" must be 1–24 lower-case letters, digits or '-'`);
    else if (ids.has(v)) say(`${where}: duplicate id "${v}"`);
    ids.add(v);
    return v;
  };
  const lessons = list(data.lessons).map((raw, i) => lesson(raw, `lesson #${i + 1}`, uniqueId, say));
  const questions = list(data.questions).map((raw, i) => question(raw, `question #${i + 1}`, uniqueId, say));
  if (!lessons.length) say('at least one lesson is required');
  if (!questions.length) say('at least one question is required');
  if (problems.length) return { course: null, problems };
  return { course: { id, title, summary: str(data.summary), lessons, questions, file }, problems };
}

function lesson(raw: unknown, where: string, uniqueId: (v: unknown, w: string) => string, say: (p: string) => void): CourseLesson {
  const o = isRecord(raw) ? raw : {};
  const id = uniqueId(o.id, where);
  const text = str(o.text);
  if (!str(o.title)) say(`${where} (${id}): title is required`);
  if (!text) say(`${where} (${id}): text is required`);
  if (text.length > LESSON_MAX_CHARS) say(`${where} (${id}): text is ${text.length} characters; keep a lesson to one phone screen (≤ ${LESSON_MAX_CHARS})`);
  return { id, title: str(o.title), text, sources: sources(o.sources, `${where} (${id})`, say) };
}

function question(raw: unknown, where: string, uniqueId: (v: unknown, w: string) => string, say: (p: string) => void): CourseQuestion {
  const o = isRecord(raw) ? raw : {};
  const id = uniqueId(o.id, where);
  const here = `${where} (${id})`;
  const options = list(o.options).map(str);
  if (!str(o.question)) say(`${here}: question is required`);
  if (options.length < 3 || options.length > 4) say(`${here}: needs 3 or 4 options, has ${options.length}`);
  if (options.some((x) => !x)) say(`${here}: an option is empty`);
  if (new Set(options).size !== options.length) say(`${here}: two options are the same`);
  const answer = str(o.answer);
  const correct = options.indexOf(answer);
  if (correct < 0) say(`${here}: the answer "${answer}" is not one of the options`);
  if (!str(o.explanation)) say(`${here}: explanation is required`);
  return { id, question: str(o.question), options, correct, explanation: str(o.explanation), sources: sources(o.sources, here, say) };
}

function sources(raw: unknown, where: string, say: (p: string) => void): CourseSource[] {
  const out = list(raw).map((s) => (isRecord(s) ? { number: str(s.number), article: str(s.article) } : { number: '', article: '' }));
  if (!out.length) say(`${where}: cites no source (every lesson and explanation must cite an article)`);
  for (const s of out) {
    if (!s.number || !/Điều\s+\d+[a-zđ]?/u.test(s.article)) say(`${where}: source "${s.number} ${s.article}" needs a document number and an article ("Khoản 2 Điều 5")`);
  }
  return out;
}

/**
 * Says whether a document with this number is indexed and has this article; the reindex implements it
 * over the snapshot's chunks.
 */
export type ArticleLookup = (number: string, article: string) => 'ok' | 'no_document' | 'no_article';

/**
 * Checks every citation of a parsed course against the indexed documents; returns the problems (empty when
 * every cited article exists). Course-level duplicate ids across files are checked by the caller.
 */
export function checkCourseCitations(course: Course, lookup: ArticleLookup): string[] {
  const problems: string[] = [];
  const items: Array<{ id: string; sources: CourseSource[] }> = [...course.lessons, ...course.questions];
  for (const item of items) {
    for (const s of item.sources) {
      const r = lookup(s.number, s.article);
      if (r === 'no_document') problems.push(`${course.file}: ${item.id} cites ${s.number}, which is not in the knowledge base`);
      if (r === 'no_article') problems.push(`${course.file}: ${item.id} cites ${s.article} of ${s.number}, which the indexed text does not have`);
    }
  }
  return problems;
}

/** "Khoản 3 Điều 17" → "17"; null without an article. */
export function citedArticle(article: string): string | null {
  return /Điều\s+(\d+[a-zđ]?)/iu.exec(article)?.[1]?.toLowerCase() ?? null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.normalize('NFC').trim() : typeof v === 'number' ? String(v) : '';
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
