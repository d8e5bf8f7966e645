import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { buildSnapshot } from './reindex.js';
import { retrieverFromSnapshot } from './knowledge-base.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-status-title-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const law = (number: string, status: string, links: string[], articles: string[]) =>
  ['---', `number: ${number}`, 'title: Luật Tổ chức chính quyền địa phương', 'doc_type: Luật', `status: ${status}`, ...links, '---', '', ...articles, ''].join('\n');

describe('status questions that name a law by its title', async () => {
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir, { recursive: true });
  writeFileSync(
    join(knowledgeDir, 'old.md'),
    law('77/2015/QH13', 'bị thay thế', ['replaced_by: 72/2025/QH15'], ['Điều 1. Phạm vi điều chỉnh', 'Luật quy định về đơn vị hành chính và tổ chức chính quyền địa phương ba cấp.', '', 'Điều 143. Hiệu lực thi hành', 'Luật có hiệu lực từ ngày 01/01/2016.']),
  );
  writeFileSync(
    join(knowledgeDir, 'new.md'),
    law('72/2025/QH15', 'còn hiệu lực', ['replaces: 77/2015/QH13 (Khoản 2 Điều 51)'], [
      'Điều 1. Đơn vị hành chính',
      'Đơn vị hành chính gồm cấp tỉnh và cấp xã.',
      '',
      'Điều 51. Hiệu lực thi hành',
      '1. Luật có hiệu lực từ ngày 16/6/2025.',
      '2. Luật Tổ chức chính quyền địa phương số 77/2015/QH13 hết hiệu lực từ ngày Luật này có hiệu lực.',
    ]),
  );
  writeFileSync(join(knowledgeDir, 'glossary.yaml'), 'abbreviations:\n  CQĐP: ["chính quyền địa phương"]\n');
  const analyzer = new Analyzer();
  const { content } = await buildSnapshot({ knowledgeDir, analyzer });
  const { retriever } = retrieverFromSnapshot(content, analyzer);

  it('answers from the metadata of the law whose year the question writes, as for a law named by number', () => {
    const byNumber = retriever.search('luật 72/2025 thay thế luật nào').intent;
    expect(byNumber).toMatchObject({ kind: 'status', ask: 'replaces' });
    for (const q of ['luật tổ chức chính quyền địa phương 2025 thay thế luật nào', 'luat to chuc cqdp 2025 thay the luat nao']) {
      const i = retriever.search(q).intent;
      expect(i, q).toMatchObject({ kind: 'status', ask: 'replaces', doc: { number: '72/2025/QH15' } });
      expect(i?.kind === 'status' && i.related.map((d) => d.number), q).toEqual(['77/2015/QH13']);
    }
    expect(retriever.search('luật tổ chức chính quyền địa phương 2015 còn hiệu lực không').intent).toMatchObject({ kind: 'status', ask: 'validity', doc: { number: '77/2015/QH13' } });
  });

  it('leaves the question to search when the title fits several laws and no year tells them apart, or nothing is asked about status', () => {
    expect(retriever.search('luật tổ chức chính quyền địa phương còn hiệu lực không').intent).toBeUndefined();
    expect(retriever.search('theo luật tổ chức chính quyền địa phương 2025 thì đơn vị hành chính gồm những cấp nào').intent).toBeUndefined();
  });
});
