import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { buildSnapshot } from './reindex.js';
import { retrieverFromSnapshot } from './knowledge-base.js';
import { AnswerComposer } from '../answer/index.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-former-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const doc = (number: string, status: string, replacedBy: string, place: string) =>
  [
    '---',
    `number: ${number}`,
    'title: Nghị định về cơ chế một cửa',
    'doc_type: Nghị định',
    `status: ${status}`,
    `replaced_by: ${replacedBy}`,
    '---',
    '',
    'Điều 1. Bộ phận tiếp nhận và trả kết quả',
    `Bộ phận tiếp nhận và trả kết quả đặt tại trụ sở Ủy ban nhân dân ${place}.`,
    '',
  ].join('\n');

describe('questions about former rules', async () => {
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir, { recursive: true });
  writeFileSync(join(knowledgeDir, 'old.md'), doc('61/2018/NĐ-CP', 'bị thay thế', '118/2025/NĐ-CP', 'cấp huyện'));
  writeFileSync(join(knowledgeDir, 'new.md'), doc('118/2025/NĐ-CP', 'còn hiệu lực', '', 'cấp xã'));
  const analyzer = new Analyzer();
  const { content } = await buildSnapshot({ knowledgeDir, analyzer });
  const { retriever } = retrieverFromSnapshot(content, analyzer);
  const composer = new AnswerComposer({ threshold: 0 });

  it('ranks the document in force first for a question about the current rules', () => {
    const r = retriever.search('bộ phận tiếp nhận và trả kết quả đặt ở đâu');
    expect(r.former).toBeUndefined();
    expect(r.hits[0].doc.number).toBe('118/2025/NĐ-CP');
  });

  it('ranks and answers from the replaced document when the question asks how it was before', () => {
    for (const q of ['trước đây bộ phận tiếp nhận và trả kết quả đặt ở đâu', 'truoc 1/7/2025 bo phan tiep nhan va tra ket qua dat o dau']) {
      const r = retriever.search(q);
      expect(r.former, q).toBe(true);
      expect(r.hits[0].doc.number, q).toBe('61/2018/NĐ-CP');
      const a = composer.compose(r);
      expect(a.kind === 'answer' && a.citations[0].docNumber, q).toBe('61/2018/NĐ-CP');
    }
  });
});
