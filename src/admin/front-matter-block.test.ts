import { describe, expect, it } from 'vitest';
import { isAppError } from '../common/errors.js';
import { splitFrontMatter } from '../ingest/loaders/index.js';
import { rewriteFrontMatterBlock } from './front-matter-block.js';

describe('rewriteFrontMatterBlock', () => {
  it('sets a field under the key spelling the author used, keeping comments, order and other keys', () => {
    const text = '---\n# nguồn: Công báo\nsố hiệu: 61/2018/NĐ-CP\ntitle: Nghị định\nnote: giữ nguyên\n---\nĐiều 1. Phạm vi\n';
    const out = rewriteFrontMatterBlock(text, { number: '107/2021/NĐ-CP', status: 'còn hiệu lực' });
    expect(out).toBe('---\n# nguồn: Công báo\nsố hiệu: 107/2021/NĐ-CP\ntitle: Nghị định\nnote: giữ nguyên\nstatus: còn hiệu lực\n---\nĐiều 1. Phạm vi\n');
    expect(splitFrontMatter(out).frontMatter).toEqual({ 'số hiệu': '107/2021/NĐ-CP', title: 'Nghị định', note: 'giữ nguyên', status: 'còn hiệu lực' });
  });

  it('adds a block to a file without one, leaving the body byte for byte', () => {
    const body = 'Điều 1. Phạm vi điều chỉnh\nNội dung: “trích dẫn”\n';
    const out = rewriteFrontMatterBlock(body, { title: 'Quyết định: về việc A', issued: '2025-01-02' });
    expect(out.endsWith(body)).toBe(true);
    expect(splitFrontMatter(out)).toEqual({ body, frontMatter: { title: 'Quyết định: về việc A', issued: '2025-01-02' }, warnings: [] });
  });

  it('removes every key of a field given as empty, and duplicates of a set field', () => {
    const out = rewriteFrontMatterBlock('---\nreplaced_by: 1/2020/NĐ-CP\nthay_the_boi: 2/2020/NĐ-CP\nurl: http://a\nnguon: http://b\n---\nx', { replaced_by: '', source_url: 'https://c.vn/' });
    expect(splitFrontMatter(out).frontMatter).toEqual({ url: 'https://c.vn/' });
  });

  it('keeps the byte order mark and CRLF line ends', () => {
    const out = rewriteFrontMatterBlock('\uFEFF---\r\ntitle: A\r\n---\r\nĐiều 1.\r\n', { title: 'B' });
    expect(out).toBe('\uFEFF---\r\ntitle: B\r\n---\r\nĐiều 1.\r\n');
  });

  it('writes an empty block when every field is removed', () => {
    expect(rewriteFrontMatterBlock('---\ntitle: A\n---\nx', { title: '' })).toBe('---\n---\nx');
  });

  it('refuses to rewrite a block that is not valid YAML (FRONT_MATTER_INVALID)', () => {
    let caught: unknown;
    try {
      rewriteFrontMatterBlock('---\ntitle: [a\n---\nx', { title: 'B' });
    } catch (err: unknown) {
      caught = err;
    }
    expect(isAppError(caught, 'FRONT_MATTER_INVALID'), String(caught)).toBe(true);
  });
});
