/**
 * Courses at reindex: the shipped courses are served; a course file with a broken citation is reported
 * like a broken document and is not served, while the other courses and the documents carry on.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeBase } from '../../src/search/knowledge-base.js';
import { REPO_ROOT } from '../support/shared.js';

describe('courses in the reindex', () => {
  const root = mkdtempSync(join(tmpdir(), 'cchc-courses-'));
  const knowledgeDir = join(root, 'knowledge');
  cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  let kb: KnowledgeBase;

  beforeAll(async () => {
    kb = await KnowledgeBase.open({ dataDir: join(root, 'data'), knowledgeDir });
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the shipped courses and never treats course files as documents', async () => {
    const report = await kb.reindex({ full: true });
    expect(report.courseProblems).toEqual([]);
    expect(report.courses).toBe(3);
    expect(kb.courses().map((c) => c.id).sort()).toEqual(['kiem-soat-tthc', 'mot-cua', 'van-thu']);
    expect(report.failed.filter((f) => f.file.startsWith('courses/'))).toEqual([]);
    expect(Object.keys(kb.snapshot.files).filter((f) => f.startsWith('courses/'))).toEqual([]);
  }, 120_000);

  it('reports a course citing an article the document lacks and does not serve it', async () => {
    const file = join(knowledgeDir, 'courses', 'van-thu-luu-tru.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('article: Khoản 2 Điều 30 }]', 'article: Khoản 2 Điều 99 }]'));
    writeFileSync(join(knowledgeDir, 'courses', 'copy.json'), JSON.stringify({
      id: 'mot-cua', title: 'Bản sao', lessons: [{ id: 'x1', title: 'T', text: 'Nội dung', sources: [{ number: '999/2030/NĐ-CP', article: 'Điều 1' }] }],
      questions: [{ id: 'x2', question: 'Hỏi?', options: ['A', 'B', 'C'], answer: 'A', explanation: 'Vì.', sources: [{ number: '118/2025/NĐ-CP', article: 'Điều 17' }] }],
    }));
    const report = await kb.reindex();
    expect(report.courseProblems).toContain('courses/van-thu-luu-tru.yaml: vt-c10 cites Khoản 2 Điều 99 of 30/2020/NĐ-CP, which the indexed text does not have');
    expect(report.courseProblems).toContain('courses/copy.json: x1 cites 999/2030/NĐ-CP, which is not in the knowledge base');
    expect(kb.courses().map((c) => c.id).sort()).toEqual(['kiem-soat-tthc', 'mot-cua']);
    expect(kb.courses().find((c) => c.id === 'mot-cua')?.title).not.toBe('Bản sao');
    expect(report.failed).toEqual([]);
  }, 120_000);
});
