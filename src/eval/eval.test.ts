import { describe, it, expect } from 'vitest';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOfficialQuestions, readOffTopicMessages } from './dev-set.js';
import { leaveDocsOut, pickDocs } from './leave-docs-out.js';
import { Analyzer } from '../text/analyzer.js';
import { emptyGlossary } from '../text/glossary.js';
import type { Passage } from '../search/passage-corpus.js';
import type { EvalQuestion } from '../search/eval-runner.js';
import type { Answer } from '../answer/index.js';
import type { SearchResult } from '../search/types.js';
import { followUpSearchText, sameDoc } from './official-eval.js';
import { reliabilityDiagram, summarize, byStyle } from './summary.js';
import type { DecisionRow } from './decision.js';

const row = (over: Partial<DecisionRow>): DecisionRow => ({
  id: 'r',
  group: 'covered',
  text: 'q',
  answered: true,
  kind: 'answer',
  detail: 'search',
  confidence: 0.5,
  right: true,
  styles: [],
  consistent: true,
  ms: 1,
  ...over,
});

describe('dev-set readers', () => {
  it('reads every *.jsonl of a folder and reports a bad line with file and line number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'devset-'));
    await mkdir(join(dir, 'official'));
    await writeFile(join(dir, 'official', 'a.jsonl'), '{"id":"a1","question":"q?","covered":true,"relevant":[{"doc":"61/2018/NĐ-CP"}],"styles":["x"]}\n');
    await writeFile(join(dir, 'official', 'b.jsonl'), '{"id":"b1","question":"q2","covered":false,"relevant":[],"previous":"p"}\n\n');
    await writeFile(join(dir, 'official', 'notes.txt'), 'ignored');
    const qs = await readOfficialQuestions([join(dir, 'official')]);
    expect(qs.map((q) => q.id)).toEqual(['a1', 'b1']);
    expect(qs[1].previous).toBe('p');
    await writeFile(join(dir, 'bad.jsonl'), '{"id":"c","question":"q","covered":true,"relevant":[]}\n');
    await expect(readOfficialQuestions([join(dir, 'bad.jsonl')])).rejects.toThrow(/bad\.jsonl:1: a covered question needs/);
    await writeFile(join(dir, 'off.jsonl'), '{"id":"o","text":"hi","kind":"greeting"}\n');
    await expect(readOffTopicMessages([join(dir, 'off.jsonl')])).rejects.toThrow(/off\.jsonl:1: "kind" must be one of social, off_topic, junk/);
  });

  it('rejects duplicate ids across files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'devset-'));
    const line = '{"id":"same","question":"q","covered":false,"relevant":[]}\n';
    await writeFile(join(dir, 'a.jsonl'), line);
    await writeFile(join(dir, 'b.jsonl'), line);
    await expect(readOfficialQuestions([dir])).rejects.toThrow(/duplicate question id "same"/);
  });
});

describe('pickDocs', () => {
  const docs = Array.from({ length: 112 }, (_, i) => `doc-${i}`);
  it('removes a tenth of the documents, the same ones for the same seed and others for another seed', () => {
    const a = pickDocs(docs, 0.1, 1);
    expect(a).toHaveLength(11);
    expect(pickDocs(docs, 0.1, 1)).toEqual(a);
    expect(pickDocs(docs, 0.1, 2)).not.toEqual(a);
  });
});

describe('followUpSearchText', () => {
  it('searches a follow-up together with its previous question, as the conversation core does', () => {
    expect(followUpSearchText('còn cấp xã thì sao', 'bộ phận một cửa cấp tỉnh')).toBe('còn cấp xã thì sao bộ phận một cửa cấp tỉnh');
    expect(followUpSearchText('Thủ tục hành chính là gì?', 'bộ phận một cửa cấp tỉnh')).toBe('Thủ tục hành chính là gì?');
    expect(followUpSearchText('còn cấp xã thì sao', undefined)).toBe('còn cấp xã thì sao');
  });
});

describe('sameDoc', () => {
  it('compares document numbers in canonical form', () => {
    expect(sameDoc('61/2018/ND-CP', '61/2018/NĐ-CP')).toBe(true);
    expect(sameDoc('61/2018/NĐ-CP', '118/2025/NĐ-CP')).toBe(false);
    expect(sameDoc('', '61/2018/NĐ-CP')).toBe(false);
  });
});

describe('summarize', () => {
  it('counts answered shares, precision of answers and messages declined', () => {
    const rows = [
      row({ id: 'c1' }),
      row({ id: 'c2', right: false }),
      row({ id: 'c3', answered: false, kind: 'escalate' }),
      row({ id: 'r1', group: 'removed', right: false }),
      row({ id: 'o1', group: 'off_topic', answered: false, kind: 'chat', right: false }),
    ];
    const s = summarize(rows);
    expect(s.coveredAnswered).toBeCloseTo(2 / 3, 3);
    expect(s.coveredAnsweredRight).toBeCloseTo(1 / 3, 3);
    expect(s.answeredPrecision).toBe(0.5);
    expect(s.unanswerableDeclined).toBe(0.5);
    expect(s.groups.find((g) => g.group === 'removed')?.answered).toBe(1);
  });

  it('puts confidence 1 in the last bucket and reports the share right per bucket', () => {
    const d = reliabilityDiagram([row({ confidence: 1 }), row({ confidence: 0.95, right: false }), row({ confidence: 0.05, right: false })]);
    expect(d).toEqual([
      { lo: 0, n: 1, meanConfidence: 0.05, right: 0 },
      { lo: 0.9, n: 2, meanConfidence: 0.975, right: 0.5 },
    ]);
  });

  it('scores each style tag by covered questions answered right and others declined', () => {
    const s = byStyle([row({ styles: ['filler'] }), row({ styles: ['filler'], answered: false }), row({ group: 'junk', styles: ['junk'], answered: false, right: false })]);
    expect(s).toEqual([
      { style: 'filler', n: 2, ok: 0.5 },
      { style: 'junk', n: 1, ok: 1 },
    ]);
  });
});

describe('leaveDocsOut by passages', () => {
  const passages: Passage[] = [
    { id: 'a1', doc: '1/2020/QH14 Luật Thử nghiệm', title: 'Điều 1. Phạm vi', text: 'Luật này quy định về cấp giấy phép thử nghiệm.' },
    { id: 'a2', doc: '1/2020/QH14 Luật Thử nghiệm', title: 'Điều 2. Lệ phí', text: 'Lệ phí cấp giấy phép thử nghiệm là 500.000 đồng.' },
    { id: 'a3', doc: '1/2020/QH14 Luật Thử nghiệm', title: 'Điều 3. Thời hạn', text: 'Giấy phép thử nghiệm có thời hạn 05 năm.' },
    { id: 'b1', doc: '2/2021/QH15 Luật Kiểm định', title: 'Điều 1. Kiểm định viên', text: 'Kiểm định viên phải có chứng chỉ hành nghề kiểm định.' },
  ];
  const questions: EvalQuestion[] = [
    { id: 'q1', question: 'lệ phí cấp giấy phép thử nghiệm là bao nhiêu', relevant: ['a2'] },
    { id: 'q2', question: 'giấy phép thử nghiệm có thời hạn bao lâu', relevant: ['a3'] },
    { id: 'q3', question: 'kiểm định viên cần chứng chỉ gì', relevant: ['b1'] },
    { id: 'q4', question: 'luật thử nghiệm quy định về gì', relevant: ['a1'] },
  ];
  // Records what each question found (passage ids, best first); never answers.
  const found = new Map<string, string[]>();
  const composer = {
    compose: (r: SearchResult) => {
      found.set(r.query, r.hits.map((h) => h.chunk.id));
      return { kind: 'escalate' } as unknown as Answer;
    },
    wouldAnswer: () => false,
  };
  it('removes the labelled passages of the questions picked and keeps the rest of their documents', async () => {
    found.clear();
    const [run] = await leaveDocsOut({ passages, questions, messages: [], seeds: [7], fraction: 0.5, unit: 'passages', analyzer: new Analyzer(), glossary: emptyGlossary(), composer });
    const picked = pickDocs(questions.map((q) => q.id).sort(), 0.5, 7);
    expect(run.removedDocs.sort()).toEqual(questions.filter((q) => picked.includes(q.id)).flatMap((q) => q.relevant).sort());
    const groups = Object.fromEntries(run.rows.map((r) => [r.id, r.group]));
    for (const q of questions) expect(groups[q.id]).toBe(picked.includes(q.id) ? 'removed' : 'covered');
    // A removed question no longer finds its own passage; the covered ones still find theirs.
    expect(run.rows.filter((r) => r.group === 'removed')).toHaveLength(2);
    for (const q of questions) expect(found.get(q.question)?.includes(q.relevant[0]), q.id).toBe(!picked.includes(q.id));
    // The statute stays: a removed question about the first law still finds its other articles.
    const aQuestion = questions.find((q) => picked.includes(q.id) && q.relevant[0].startsWith('a'));
    if (aQuestion) expect(found.get(aQuestion.question)?.some((id) => id.startsWith('a'))).toBe(true);
  });
  it('by documents, removes whole documents as before', async () => {
    const [run] = await leaveDocsOut({ passages, questions, messages: [], seeds: [7], fraction: 0.5, analyzer: new Analyzer(), glossary: emptyGlossary(), composer });
    expect(run.removedDocs).toHaveLength(1);
    const gone = run.removedDocs[0];
    for (const r of run.rows) expect(r.group).toBe(questions.find((q) => q.id === r.id)!.relevant.every((id) => passages.find((p) => p.id === id)!.doc === gone) ? 'removed' : 'covered');
  });
});

describe('evaluateOfficial', () => {
  it('measures what the conversation core answers: a question in two parts whose covered part is answered counts as answered', async () => {
    const { evaluateOfficial } = await import('./official-eval.js');
    const { AnswerComposer } = await import('../answer/index.js');
    const doc = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force' as const };
    const chunk = { id: 'nd118.md#D17', docId: 'nd118.md', headings: [{ kind: 'article' as const, number: '17', heading: 'Nơi nộp hồ sơ' }], citationPath: 'Điều 17', title: 'Điều 17. Nơi nộp hồ sơ', text: '1. Hồ sơ nộp tại Bộ phận Một cửa.', hash: 'a' };
    // Confident only for the part on where to file; the whole question (two parts) is not.
    const search = (t: string): SearchResult => {
      const parts = t.split(',').length;
      return { query: t, hits: [{ chunk, doc, score: 10, coverage: 0.8 }], confidence: parts === 1 && t.includes('ở đâu') ? 0.9 : 0.2, queryWords: ['ho', 'so', 'nop'], ms: 1 };
    };
    const composer = new AnswerComposer({ threshold: 0.5 });
    const path = { search, compose: (r: SearchResult) => composer.compose(r), wouldAnswer: (r: SearchResult) => composer.wouldAnswer(r) };
    const q = { id: 'q1', question: 'nộp hồ sơ ở đâu, lệ phí hết bao nhiêu tiền', covered: true, relevant: [{ doc: '118/2025/NĐ-CP' }], styles: [], file: 'x.jsonl' };
    const [r] = await evaluateOfficial(path, [q], []);
    expect(composer.compose(search(q.question)).kind, 'the whole question alone is declined').toBe('escalate');
    expect(r).toMatchObject({ answered: true, right: true, consistent: true });
  });
});
