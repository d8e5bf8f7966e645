/**
 * Reads and validates the course files of the knowledge folder during a reindex. Only courses without any
 * problem go into the snapshot (and are served); every problem is reported like a broken document.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalDocNumber } from '../text/doc-number.js';
import { yieldToEventLoop } from '../common/time-slice.js';
import { checkCourseCitations, citedArticle, parseCourseFile } from '../ingest/course-file.js';
import type { ArticleLookup, Course } from '../ingest/course-file.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';

/** Folder of the knowledge base holding course files. */
export const COURSES_DIR = 'courses';

/** True for a course file (`courses/<name>.yaml|yml|json`); the folder's README is not one. */
export function isCourseFile(rel: string): boolean {
  return rel.startsWith(`${COURSES_DIR}/`) && /\.(ya?ml|json)$/i.test(rel);
}

/** True for anything under `courses/`: never indexed as a document. */
export function inCoursesDir(rel: string): boolean {
  return rel.startsWith(`${COURSES_DIR}/`);
}

/**
 * Looks cited articles up in the indexed chunks, by canonical document number; a summary and an official
 * text of the same number both count. Its tables are built at the first lookup (none without courses):
 * every chunk's headings are read then.
 */
export function articleLookup(docs: ReadonlyMap<string, DocumentMeta>, chunks: readonly Chunk[]): ArticleLookup {
  let tables: { docIdsByNumber: Map<string, Set<string>>; articles: Set<string> } | undefined;
  const build = () => {
    const docIdsByNumber = new Map<string, Set<string>>();
    for (const [id, meta] of docs) {
      if (!meta.number) continue;
      const key = canonicalDocNumber(meta.number) ?? meta.number;
      docIdsByNumber.set(key, (docIdsByNumber.get(key) ?? new Set()).add(id));
    }
    const articles = new Set<string>();
    for (const c of chunks) {
      for (const h of c.headings) if (h.kind === 'article') articles.add(`${c.docId}#${h.number.toLowerCase()}`);
    }
    return { docIdsByNumber, articles };
  };
  return (number, article) => {
    tables ??= build();
    const { docIdsByNumber, articles } = tables;
    const ids = docIdsByNumber.get(canonicalDocNumber(number) ?? number);
    if (!ids) return 'no_document';
    const a = citedArticle(article);
    return a && [...ids].some((id) => articles.has(`${id}#${a}`)) ? 'ok' : 'no_article';
  };
}

/**
 * Reads every course file in `files` (relative paths), checks its shape and citations, and returns the
 * courses that can be served plus every problem found. A course id used by two files is reported and
 * both are left out.
 */
export async function readCourses(dir: string, files: readonly string[], lookup: ArticleLookup): Promise<{ courses: Course[]; problems: string[] }> {
  const problems: string[] = [];
  const good: Course[] = [];
  for (const rel of files.filter(isCourseFile)) {
    let text: string;
    try {
      text = await readFile(join(dir, rel), 'utf8');
    } catch (err: unknown) {
      problems.push(`${rel}: unreadable: ${(err as Error).message}`);
      continue;
    }
    const parsed = parseCourseFile(text, rel);
    problems.push(...parsed.problems);
    if (!parsed.course) continue;
    const citationProblems = checkCourseCitations(parsed.course, lookup);
    problems.push(...citationProblems);
    if (!citationProblems.length) good.push(parsed.course);
    // A server reindexes while it answers: each file is parsed and checked in its own turn of the event loop.
    await yieldToEventLoop();
  }
  const counts = new Map<string, number>();
  for (const c of good) counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
  const courses = good.filter((c) => {
    if ((counts.get(c.id) ?? 0) < 2) return true;
    problems.push(`${c.file}: course id "${c.id}" is used by another course file; neither is served`);
    return false;
  });
  return { courses: courses.sort((a, b) => a.file.localeCompare(b.file)), problems };
}
