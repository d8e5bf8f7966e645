import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLegalText } from './legal-parser.js';
import { chunkDocument } from './chunker.js';
import type { DocumentMeta } from './legal-unit.js';
import { sharedDir } from '../../test/support/shared.js';

const meta: DocumentMeta = { number: '61/2018/NĐ-CP', title: 'Nghị định', status: 'in_force' };

describe('chunkDocument', () => {
  it('makes one chunk per article with its heading path and citation', () => {
    const doc = parseLegalText('Chương II\nTHỰC HIỆN\nĐiều 5. Nguyên tắc\n1. Một.\n2. Hai.\nĐiều 6. Khác\nNội dung.', { id: 'd.md', meta });
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => c.id)).toEqual(['d.md#D5', 'd.md#D6']);
    expect(chunks[0]).toMatchObject({ citationPath: 'Điều 5', title: 'Điều 5. Nguyên tắc', text: '1. Một.\n2. Hai.' });
    expect(chunks[0].headings.map((h) => `${h.kind}:${h.number}`)).toEqual(['chapter:II', 'article:5']);
    expect(chunks[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('splits an over-long article at clauses, keeping the heading and citing the clause range', () => {
    const clauses = Array.from({ length: 6 }, (_, i) => `${i + 1}. ${'Nội dung khoản rất dài. '.repeat(20)}`);
    const doc = parseLegalText(['Điều 9. Trách nhiệm', 'Các cơ quan có trách nhiệm sau:', ...clauses].join('\n'), { id: 'd', meta });
    const chunks = chunkDocument(doc, { maxChars: 1200 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.title === 'Điều 9. Trách nhiệm')).toBe(true);
    expect(chunks[0].citationPath).toMatch(/^Khoản 1(–\d)? Điều 9$/);
    expect(chunks[0].text.startsWith('Các cơ quan có trách nhiệm sau:'), 'lead-in text stays with the first group').toBe(true);
    expect(chunks[1].text.startsWith('Các cơ quan')).toBe(false);
    const all = chunks.map((c) => c.text).join('\n');
    for (let i = 1; i <= 6; i++) expect(all).toContain(`${i}. Nội dung`);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  });

  it('carries a summary article\'s official reference and cites an unnumbered summary section by its title', () => {
    const text = 'Điều 19. Giải quyết\nTương ứng văn bản gốc: Khoản 5, 6 Điều 19.\nTóm lược nội dung.\nTóm lược: Hồ sơ điện tử\nNội dung chưa đối chiếu số Điều.';
    const chunks = chunkDocument(parseLegalText(text, { id: 's.md', meta }));
    expect(chunks[0]).toMatchObject({ id: 's.md#D19', citationPath: 'Điều 19', officialRef: 'Khoản 5, 6 Điều 19' });
    expect(chunks[1]).toMatchObject({ id: 's.md#Dt1', citationPath: 'phần “Hồ sơ điện tử”', title: 'Tóm lược: Hồ sơ điện tử' });
    expect(chunks[1].officialRef).toBeUndefined();
    expect(chunks[1].headings.at(-1)?.topic).toBe(true);
  });

  it('cuts a document without articles into paragraph windows', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Đoạn văn số ${i} ${'nội dung '.repeat(10)}`).join('\n');
    const chunks = chunkDocument(parseLegalText(text, { id: 'x', meta }), { windowChars: 500 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0].citationPath).toBe('Đoạn 1');
  });

  it('covers every article of a real statute, and no chunk exceeds the limit unless it is one clause', () => {
    const text = readFileSync(join(sharedDir('corpus'), '77-2015-QH13.txt'), 'utf8');
    const chunks = chunkDocument(parseLegalText(text, { id: 'l', meta }), { maxChars: 2400 });
    const articles = new Set(chunks.map((c) => c.headings.at(-1)?.number));
    expect(articles.size).toBe(143);
    for (const c of chunks) if (c.text.length > 2400) expect(c.citationPath, `${c.id} too long`).toMatch(/^(Khoản \d+ |Điều)/);
  });
});
