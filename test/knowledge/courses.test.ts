/**
 * The shipped courses (knowledge/courses/): three courses of our own, each with enough questions, in NFC,
 * every lesson and explanation citing an article that exists in the shipped summary (so the reindex
 * serves the course) and, with its clauses, in the official text.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectArticles } from '../../src/ingest/legal-parser.js';
import { parseCourseFile } from '../../src/ingest/course-file.js';
import type { Course } from '../../src/ingest/course-file.js';
import { loadOfficialTexts, OFFICIAL_NUMBERS, type OfficialText } from './official-texts.js';
import { KNOWLEDGE_DIR, loadShippedDocs, parseProvisionRefs } from './shipped.js';

const dir = join(KNOWLEDGE_DIR, 'courses');
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const parsed = files.map((f) => ({ f, raw: readFileSync(join(dir, f), 'utf8'), ...parseCourseFile(readFileSync(join(dir, f), 'utf8'), `courses/${f}`) }));
const courses = parsed.map((p) => p.course).filter((c): c is Course => c !== null);
const docs = loadShippedDocs();
let official: Map<string, OfficialText>;
beforeAll(async () => {
  official = await loadOfficialTexts();
}, 60_000);

function everySource(c: Course) {
  return [...c.lessons, ...c.questions].flatMap((item) => item.sources.map((s) => ({ id: item.id, ...s })));
}

describe('knowledge/courses', () => {
  it('ships the three courses, each parsing without problems, in NFC, with at least 12 questions', () => {
    expect(parsed.flatMap((p) => p.problems)).toEqual([]);
    expect(courses.map((c) => c.id).sort()).toEqual(['kiem-soat-tthc', 'mot-cua', 'van-thu']);
    for (const p of parsed) expect(p.raw, `${p.f} must be saved in NFC`).toBe(p.raw.normalize('NFC'));
    for (const c of courses) {
      expect(c.questions.length, `${c.id}: at least 12 questions`).toBeGreaterThanOrEqual(12);
      expect(c.lessons.length, `${c.id}: at least 4 lessons`).toBeGreaterThanOrEqual(4);
    }
  });

  it('cites, in every lesson and question, articles of the shipped summaries', () => {
    for (const c of courses) {
      for (const s of everySource(c)) {
        const refs = parseProvisionRefs(s.article);
        expect(refs, `${c.id}/${s.id}: "${s.article}" must name one article`).toHaveLength(1);
        const doc = docs.find((d) => d.meta.number === s.number);
        expect(doc, `${c.id}/${s.id}: ${s.number} is not a shipped document`).toBeDefined();
        const art = collectArticles(doc!.doc.units).find((a) => a.number === refs[0].article);
        expect(art, `${c.id}/${s.id}: the summary of ${s.number} has no Điều ${refs[0].article}`).toBeDefined();
      }
    }
  });

  it('cites articles and clauses that exist in the official texts', () => {
    for (const c of courses) {
      for (const s of everySource(c)) {
        expect(OFFICIAL_NUMBERS, `${c.id}/${s.id}: ${s.number} has no official text to check against`).toContain(s.number);
        const { article, clauses } = parseProvisionRefs(s.article)[0];
        const o = official.get(s.number)!;
        const art = o.articles.get(article);
        expect(art || o.additions.has(article), `${c.id}/${s.id}: Điều ${article} is not in ${o.source}`).toBeTruthy();
        for (const k of clauses) {
          const exists = art?.children.some((u) => u.kind === 'clause' && u.number === k) || o.additions.has(`${article}.${k}`);
          expect(exists, `${c.id}/${s.id}: Khoản ${k} Điều ${article} is not in ${o.source}`).toBe(true);
        }
      }
    }
  });

  it('writes every learner-facing text in Vietnamese with diacritics (no folded text)', () => {
    for (const c of courses) {
      for (const t of [c.title, ...c.lessons.map((l) => l.text), ...c.questions.flatMap((q) => [q.question, q.explanation])]) {
        expect(t, `${c.id}: "${t.slice(0, 60)}" has no Vietnamese diacritics`).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/u);
      }
    }
  });
});
