import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnswerComposer } from '../answer/index.js';
import { Analyzer } from '../text/analyzer.js';
import { retrieverFromSnapshot } from './knowledge-base.js';
import { absentProcedure, asksParticulars, procedureNamed } from './procedure-names.js';
import { buildSnapshot } from './reindex.js';

/** A tiny index: the word pairs its passages write side by side, and their words. */
function index(texts: string[]) {
  const pairs = new Set<string>();
  const words = new Set<string>();
  for (const t of texts) {
    const w = t.split(' ');
    w.forEach((x, i) => {
      words.add(x);
      if (i + 1 < w.length) pairs.add(`${x} ${w[i + 1]}`);
    });
  }
  return { pair: (a: string, b: string) => pairs.has(`${a} ${b}`), word: (x: string) => words.has(x) };
}

const idx = index([
  'thoi han giai quyet thu tuc hanh chinh tinh tu khi tiep nhan ho so',
  'to chuc cung cap dich vu chung thuc chu ky so chuyen dung cong vu cap chung thu so',
  'nha nuoc su dung ngan sach xay dung co so du lieu rieng va dat muc tieu cap tinh le',
]);

describe('procedureNamed', () => {
  it('reads the name from its starting phrase to the word where the question goes on, as typed', () => {
    expect(procedureNamed('mn oi cap giay phep xay dung nha o rieng le thi thoi han giai quyet toi da bao nhieu ngay a')).toMatchObject({
      object: ['phep', 'xay', 'dung', 'nha', 'o', 'rieng', 'le'],
      written: 'cap giay phep xay dung nha o rieng le',
    });
    expect(procedureNamed('Thời hạn giải quyết thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu là bao nhiêu ngày?')?.written).toBe(
      'thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu',
    );
  });

  it('finds no name in a level ("cấp xã"), the general term "thủ tục hành chính", or a starting phrase with one word after it', () => {
    expect(procedureNamed('ubnd cấp xã giải quyết trong bao lâu')).toBeUndefined();
    expect(procedureNamed('thủ tục hành chính mức phí bao nhiêu')).toBeUndefined();
    expect(procedureNamed('đăng ký khai thì mất bao lâu')).toBeUndefined();
  });
});

describe('absentProcedure', () => {
  it('finds a procedure asked about whose name holds two known words no passage writes side by side', () => {
    const q = 'cap giay phep xay dung nha o rieng le thi thoi han giai quyet toi da bao nhieu ngay';
    expect(absentProcedure(q, idx.pair, idx.word)?.written).toBe('cap giay phep xay dung nha o rieng le');
  });

  it('leaves alone a procedure the index writes, a pair with an unknown word (a typo), and a question asking no particular', () => {
    expect(absentProcedure('cap chung thu so chuyen dung cong vu mat bao lau', idx.pair, idx.word)).toBeUndefined();
    expect(absentProcedure('cap chung thu so chuyen dungg cong vu mat bao lau', idx.pair, idx.word), 'an unknown word: maybe a typo').toBeUndefined();
    const noParticular = 'cap giay phep xay dung nha o rieng le co phai nop qua bo phan mot cua khong';
    expect(asksParticulars(noParticular)).toBe(false);
    expect(absentProcedure(noParticular, idx.pair, idx.word)).toBeUndefined();
  });
});

describe('a procedure the knowledge does not hold, through search and the composer', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cchc-procedure-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir, { recursive: true });
  writeFileSync(
    join(knowledgeDir, 'nd-118.md'),
    [
      '---',
      'number: 118/2025/NĐ-CP',
      'title: Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa',
      'doc_type: Nghị định',
      'status: còn hiệu lực',
      '---',
      '',
      'Điều 19. Giải quyết thủ tục hành chính',
      '1. Thời hạn giải quyết thủ tục hành chính tối đa là 15 ngày làm việc kể từ ngày nhận đủ hồ sơ, trừ khi pháp luật chuyên ngành quy định khác.',
      '2. Việc cấp giấy phép, cấp giấy chứng nhận được thực hiện tại Bộ phận Một cửa; nhà nước xây dựng hệ thống thông tin riêng.',
      '',
    ].join('\n'),
  );
  const analyzer = new Analyzer();
  const { content } = await buildSnapshot({ knowledgeDir, analyzer });
  const { retriever } = retrieverFromSnapshot(content, analyzer);
  const composer = new AnswerComposer({ threshold: 0.5 });

  it('declines the time limit of a procedure it does not hold, naming the procedure, and answers the general rule', () => {
    const r = retriever.search('Thời hạn giải quyết thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ tối đa là bao nhiêu ngày?');
    expect(r.absentProcedure).toBe('thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ');
    expect(composer.compose(r)).toMatchObject({
      kind: 'escalate',
      message: 'Tôi chưa tìm thấy quy định riêng về thủ tục “cấp giấy phép xây dựng nhà ở riêng lẻ” trong tài liệu hiện có.',
    });
    const general = retriever.search('thời hạn giải quyết thủ tục hành chính tối đa là bao nhiêu ngày');
    expect(general.absentProcedure).toBeUndefined();
    expect(composer.compose(general)).toMatchObject({ kind: 'answer' });
  });
});
