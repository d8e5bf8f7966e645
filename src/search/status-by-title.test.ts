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
  writeFileSync(
    join(knowledgeDir, 'cbcc.md'),
    ['---', 'number: 80/2025/QH15', 'title: Luật Cán bộ, công chức', 'doc_type: Luật', 'status: còn hiệu lực', '---', '', 'Điều 44. Hiệu lực thi hành', 'Luật có hiệu lực từ ngày 01/7/2025.', ''].join('\n'),
  );
  writeFileSync(
    join(knowledgeDir, 'gddt.md'),
    ['---', 'number: 20/2023/QH15', 'title: Luật Giao dịch điện tử', 'doc_type: Luật', 'status: còn hiệu lực', '---', '', 'Điều 54. Hiệu lực thi hành', 'Luật có hiệu lực từ ngày 01/7/2024.', ''].join('\n'),
  );
  writeFileSync(join(knowledgeDir, 'glossary.yaml'), 'abbreviations:\n  CQĐP: ["chính quyền địa phương"]\n  GDĐT: ["giáo dục và đào tạo", "giao dịch điện tử"]\n');
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
    expect(retriever.search('luật tổ chức chính quyền địa phương 2019 còn hiệu lực không').intent, 'a year of neither law').toBeUndefined();
    expect(retriever.search('luật cán bộ công chức còn hiệu lực không').intent).toMatchObject({ kind: 'status', doc: { number: '80/2025/QH15' } });
    expect(retriever.search('luật cán bộ công chức 2008 còn hiệu lực không').intent, 'the law of 2008 is not Luật 80/2025').toBeUndefined();
    // A date is no year of a law: "từ 1/7/2025" does not make "luật cán bộ công chức 2008" the law of 2025.
    expect(retriever.search('luật cán bộ công chức 2008 có bị thay từ 1/7/2025 không').intent).toBeUndefined();
    expect(retriever.search('theo luật tổ chức chính quyền địa phương 2025 thì đơn vị hành chính gồm những cấp nào').intent).toBeUndefined();
  });

  it('reads an abbreviation with several meanings in a law\'s name as the meaning that names an indexed law', () => {
    for (const q of ['luật GDĐT 2023 còn hiệu lực không', 'luat gddt 2023 con hieu luc ko']) {
      expect(retriever.search(q).intent, q).toMatchObject({ kind: 'status', ask: 'validity', doc: { number: '20/2023/QH15' } });
    }
  });

  it('says a law named with its year is not in the index when no indexed law has that name', () => {
    expect(retriever.search('luật đất đai 2024 quy định gì về cấp sổ đỏ').intent).toEqual({ kind: 'not_in_index', what: 'document', reference: 'Luật đất đai 2024' });
    expect(retriever.search('Luật Lưu trữ năm 2024 còn hiệu lực không').intent).toEqual({ kind: 'not_in_index', what: 'document', reference: 'Luật Lưu trữ năm 2024' });
    expect(retriever.search('luat luu tru 2024 quy dinh gi ve so hoa').intent, 'typed without marks: quoted as typed').toEqual({ kind: 'not_in_index', what: 'document', reference: '“luat luu tru 2024”' });
    // Without a year the name alone is too loose to say so (the confidence still counts it).
    expect(retriever.search('luật đất đai quy định gì về cấp sổ đỏ').intent).toBeUndefined();
  });

  it('asks the status of the document named after the premise ("…, vậy"), not the one the premise names', () => {
    expect(retriever.search('Luật CBCC 2008 hết hiệu lực rồi, vậy Luật Viên chức 2010 có bị thay luôn từ 1/7/2025 không ạ?').intent).toEqual({
      kind: 'not_in_index',
      what: 'document',
      reference: 'Luật Viên chức 2010',
    });
    expect(retriever.search('luật 77/2015 hết hiệu lực rồi vậy luật 72/2025 có hiệu lực từ ngày nào').intent).toMatchObject({ kind: 'status', ask: 'effective', doc: { number: '72/2025/QH15' } });
    // No status asked after the premise: the whole question is read as before.
    expect(retriever.search('luật 77/2015 hết hiệu lực rồi, vậy đơn vị hành chính gồm những cấp nào').intent).toMatchObject({ kind: 'status', doc: { number: '77/2015/QH13' } });
  });
});
