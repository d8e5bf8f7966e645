import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../common/hash.js';
import { documentHash, isSidecarFile, mergeFrontMatter, parseSidecar, sidecarPathOf, withSidecar } from './sidecar.js';

const dir = mkdtempSync(join(tmpdir(), 'cchc-sidecar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sidecar names', () => {
  it('recognises sidecars and names them after their document', () => {
    expect(sidecarPathOf('van-ban/nd-30.pdf')).toBe('van-ban/nd-30.pdf.meta.yaml');
    expect(isSidecarFile('nd-30.pdf.meta.yaml')).toBe(true);
    expect(isSidecarFile('nd-30.PDF.META.YML')).toBe(true);
    expect(isSidecarFile('nd-30.pdf')).toBe(false);
    expect(isSidecarFile('metadata.yaml')).toBe(false);
  });
});

describe('parseSidecar', () => {
  it('stringifies values like the Markdown loader and never throws', () => {
    expect(parseSidecar('number: 30/2020/NĐ-CP\nissued: 2020-03-05\nreplaced_by: [a, b]\n', 'x').frontMatter).toEqual({ number: '30/2020/NĐ-CP', issued: '2020-03-05', replaced_by: 'a, b' });
    expect(parseSidecar('title: [a', 'x.meta.yaml').warnings[0]).toMatch(/x\.meta\.yaml is not valid YAML/);
    expect(parseSidecar('- a\n- b', 'x').warnings).toHaveLength(1);
    expect(parseSidecar('', 'x')).toEqual({ frontMatter: {}, warnings: [] });
  });
});

describe('mergeFrontMatter', () => {
  it('lets the sidecar win per field, whatever key spelling each side uses', () => {
    expect(mergeFrontMatter({ title: 'Trang web', 'số hiệu': '1/2020/NĐ-CP', note: 'giữ' }, { 'tiêu đề': 'Nghị định', number: '2/2020/NĐ-CP' })).toEqual({
      'tiêu đề': 'Nghị định',
      number: '2/2020/NĐ-CP',
      note: 'giữ',
    });
  });
});

describe('documentHash and withSidecar', () => {
  const bytes = new TextEncoder().encode('%PDF-1.4 …');

  it('is the plain content hash without a sidecar, so existing snapshots stay valid', async () => {
    expect(await documentHash(dir, 'plain.pdf', bytes)).toBe(sha256(bytes));
    const loaded = { text: 'x', frontMatter: { title: 'A' }, warnings: [] };
    expect(await withSidecar(dir, 'plain.pdf', loaded)).toBe(loaded);
  });

  it('changes when only the sidecar changes, and merges its keys over the loader’s', async () => {
    writeFileSync(join(dir, 'doc.pdf.meta.yaml'), 'title: Nghị định A\nstatus: hết hiệu lực\n');
    const first = await documentHash(dir, 'doc.pdf', bytes);
    expect(first).not.toBe(sha256(bytes));
    writeFileSync(join(dir, 'doc.pdf.meta.yaml'), 'title: Nghị định B\n');
    expect(await documentHash(dir, 'doc.pdf', bytes)).not.toBe(first);
    const merged = await withSidecar(dir, 'doc.pdf', { text: 'x', frontMatter: { title: 'Tiêu đề trang' }, warnings: ['w'] });
    expect(merged).toEqual({ text: 'x', frontMatter: { title: 'Nghị định B' }, warnings: ['w'] });
  });
});
