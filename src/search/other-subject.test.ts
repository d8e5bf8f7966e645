import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { buildSnapshot } from './reindex.js';
import { retrieverFromSnapshot } from './knowledge-base.js';
import { AnswerComposer } from '../answer/index.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-subject-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LAW = [
  '---',
  'number: 80/2025/QH15',
  'title: Luật Cán bộ, công chức',
  'doc_type: Luật',
  'status: còn hiệu lực',
  '---',
  '',
  'Điều 36. Hình thức kỷ luật đối với công chức',
  '1. Công chức vi phạm bị áp dụng một trong các hình thức: a) Khiển trách; b) Cảnh cáo; c) Cách chức; d) Buộc thôi việc.',
  '',
  'Điều 37. Thời hiệu, thời hạn xử lý kỷ luật',
  '1. Thời hiệu xử lý kỷ luật là 05 năm kể từ thời điểm có hành vi vi phạm.',
  '',
].join('\n');

describe('a question about other staff than the passages found', async () => {
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir, { recursive: true });
  writeFileSync(join(knowledgeDir, 'luat-80.md'), LAW);
  // Another document that names viên chức in passing: it must not make the answer on công chức look right.
  writeFileSync(
    join(knowledgeDir, 'de-an.md'),
    ['---', 'number: 4599/QĐ-UBND', 'title: Đề án nâng cao năng lực', 'doc_type: Quyết định', 'status: còn hiệu lực', '---', '', 'Mục tiêu', 'Bồi dưỡng cán bộ, công chức, viên chức; không để ai bị kỷ luật vì thiếu kiến thức.', ''].join('\n'),
  );
  const analyzer = new Analyzer();
  const { content } = await buildSnapshot({ knowledgeDir, analyzer });
  const { retriever } = retrieverFromSnapshot(content, analyzer);
  const composer = new AnswerComposer({ threshold: 0.5 });

  it('answers the question about công chức', () => {
    const r = retriever.search('công chức vi phạm bị áp dụng những hình thức kỷ luật nào');
    expect(r.otherSubject).toBeUndefined();
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(composer.compose(r)).toMatchObject({ kind: 'answer', source: 'search' });
  });

  it('does not answer the same question about viên chức from the rules on công chức, and says why', () => {
    const r = retriever.search('vien chuc vi pham bi ap dung nhung hinh thuc ky luat nao');
    expect(r.otherSubject).toEqual({ asked: ['viên chức'], found: ['cán bộ, công chức'] });
    expect(r.confidence).toBeLessThanOrEqual(0.3);
    const a = composer.compose(r);
    expect(a).toMatchObject({ kind: 'escalate', reason: 'low_confidence' });
    if (a.kind !== 'escalate') throw new Error('expected an escalation');
    expect(a.message).toBe('Tôi chỉ tìm thấy quy định về cán bộ, công chức, chưa thấy quy định nói đúng về viên chức.');
  });
});
