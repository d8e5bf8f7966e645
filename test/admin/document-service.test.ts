/**
 * DocumentService against a real KnowledgeBase (a temporary copy of knowledge/) and SQLite: uploads of
 * every format, refusals (names, size, type by content, unreadable), replace/delete/metadata, the
 * reindex report (broken PDF included) and the audit log.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentService } from '../../src/admin/index.js';
import { isAppError } from '../../src/common/errors.js';
import { buildDocx, paragraph } from '../fixtures/loaders/build-docx.js';
import { buildPdf } from '../fixtures/loaders/build-pdf.js';
import { sampleDocs, startAdminApp, waitForJob } from './support.js';
import type { AdminHarness, SampleDoc } from './support.js';

const ACTOR = 'web:quantri';
let h: AdminHarness;
let docs: DocumentService;
let samples: Awaited<ReturnType<typeof sampleDocs>>;

beforeAll(async () => {
  h = await startAdminApp();
  docs = h.documents;
  samples = await sampleDocs();
});
afterAll(async () => {
  await h?.close();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (err: unknown) {
    if (isAppError(err)) return err.code;
    throw err;
  }
}

async function reindex() {
  const job = await docs.reindex(ACTOR);
  const done = await waitForJob(docs, job.id);
  expect(done.state, done.error).toBe('succeeded');
  return done.report!;
}

const topDoc = (q: string) => h.knowledge.search(q).hits[0]?.chunk.docId;

describe('DocumentService uploads', () => {
  const stored: Record<string, string> = {};

  it('accepts each format (md, txt, html, docx, pdf) under a safe name, pending until the reindex', async () => {
    for (const [format, doc] of Object.entries(samples) as [string, SampleDoc][]) {
      const info = await docs.upload(doc.name, doc.bytes, ACTOR);
      stored[format] = info.id;
      expect(info.id).toMatch(/^[a-z0-9._-]+$/);
      expect(info.state, `${format} is not indexed yet`).toBe('new');
      expect(readFileSync(join(h.knowledgeDir, info.id))).toEqual(Buffer.from(doc.bytes));
    }
    expect(stored.md).toBe('quyet-dinh-thi-diem.md');
    expect(topDoc(samples.md.marker), 'not searchable before the reindex').toBeUndefined();
  });

  it('makes every uploaded document searchable after a reindex, with the change report', async () => {
    const report = await reindex();
    expect(report.added.sort()).toEqual(Object.values(stored).sort());
    expect(report.failed).toEqual([]);
    expect(report.articles.added).toContain('quyet-dinh-thi-diem.md#D1');
    for (const [format, doc] of Object.entries(samples) as [string, SampleDoc][]) {
      expect(topDoc(doc.marker), `${format}: searching its marker finds it`).toBe(stored[format]);
    }
    const md = (await docs.list()).find((d) => d.id === stored.md);
    expect(md).toMatchObject({ state: 'indexed', stale: false, meta: { number: '15/2025/QĐ-UBND', status: 'in_force' } });
    expect(md?.chunks).toBe(2);
  });

  it('refuses a name that exists (CONFLICT), keeping the file', async () => {
    expect(await codeOf(docs.upload(samples.md.name, new TextEncoder().encode('Điều 1. Khác'), ACTOR))).toBe('CONFLICT');
    expect(readFileSync(join(h.knowledgeDir, stored.md))).toEqual(Buffer.from(samples.md.bytes));
  });

  it('lets exactly one of two simultaneous uploads of one name win', async () => {
    const a = new TextEncoder().encode('Điều 1. Bản A');
    const b = new TextEncoder().encode('Điều 1. Bản B');
    const results = await Promise.allSettled([docs.upload('dong-thoi.md', a, ACTOR), docs.upload('dong-thoi.md', b, ACTOR)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(['Điều 1. Bản A', 'Điều 1. Bản B']).toContain(readFileSync(join(h.knowledgeDir, 'dong-thoi.md'), 'utf8'));
    await docs.remove('dong-thoi.md', ACTOR);
  });
});

describe('DocumentService refusals', () => {
  const md = new TextEncoder().encode('Điều 1. Nội dung');

  it.each(['../../etc/passwd.md', '..%2f..%2fescape.md', '/tmp/abs.md', 'C:\\x\\y.md', 'nul\u0000.md', '.an.md', 'faq.yaml', 'units.yaml', 'README.md'])(
    'refuses the name %j and writes nothing',
    async (name) => {
      const before = readdirSync(h.root).sort();
      const inside = readdirSync(h.knowledgeDir).sort();
      expect(await codeOf(docs.upload(name, md, ACTOR))).toBe('INVALID_INPUT');
      expect(readdirSync(h.root).sort()).toEqual(before);
      expect(readdirSync(h.knowledgeDir).sort()).toEqual(inside);
    },
  );

  it('refuses a file over the cap with PAYLOAD_TOO_LARGE (413)', async () => {
    const small = new DocumentService({ knowledgeDir: h.knowledgeDir, knowledge: h.knowledge, audit: h.store, maxBytes: 1000 });
    expect(await codeOf(small.upload('lon.md', new Uint8Array(1001).fill(0x41), ACTOR))).toBe('PAYLOAD_TOO_LARGE');
    expect(existsSync(join(h.knowledgeDir, 'lon.md'))).toBe(false);
  });

  it('checks the type by content: HTML, DOCX or text named .pdf and a PDF named .docx are refused (415)', async () => {
    const pdf = samples.pdf.bytes;
    const docx = await buildDocx(paragraph('Điều 1. A'));
    expect(await codeOf(docs.upload('that-ra-html.pdf', samples.html.bytes, ACTOR))).toBe('UNSUPPORTED_FORMAT');
    expect(await codeOf(docs.upload('that-ra-docx.pdf', docx, ACTOR))).toBe('UNSUPPORTED_FORMAT');
    expect(await codeOf(docs.upload('that-ra-chu.pdf', md, ACTOR))).toBe('UNSUPPORTED_FORMAT');
    expect(await codeOf(docs.upload('that-ra-pdf.docx', pdf, ACTOR))).toBe('UNSUPPORTED_FORMAT');
    expect(await codeOf(docs.upload('chuong-trinh.exe', md, ACTOR))).toBe('UNSUPPORTED_FORMAT');
  });

  it('refuses unreadable files with the loader’s reason: scanned PDF (422), legacy encoding (422), empty file (400)', async () => {
    expect(await codeOf(docs.upload('ban-scan.pdf', buildPdf([[]]), ACTOR))).toBe('NO_TEXT_LAYER');
    expect(await codeOf(docs.upload('tcvn3.txt', new Uint8Array([0x44, 0xb8, 0xd3, 0xa9, 0xff, 0xfe, 0x41]), ACTOR))).toBe('DOCUMENT_UNREADABLE');
    expect(await codeOf(docs.upload('rong.md', new Uint8Array(0), ACTOR))).toBe('INVALID_INPUT');
  });

  it('manages only document files: configuration files, sidecars and paths outside are NOT_FOUND or refused', async () => {
    expect(await codeOf(docs.remove('faq.yaml', ACTOR))).toBe('NOT_FOUND');
    expect(await codeOf(docs.replace('glossary.yaml', md, ACTOR))).toBe('NOT_FOUND');
    expect(await codeOf(docs.remove('khong-co.md', ACTOR))).toBe('NOT_FOUND');
    expect(['INVALID_INPUT', 'NOT_FOUND']).toContain(await codeOf(docs.remove('../knowledge/faq.yaml', ACTOR)));
    expect(existsSync(join(h.knowledgeDir, 'faq.yaml'))).toBe(true);
  });
});

describe('DocumentService replace, metadata and delete', () => {
  it('replaces a file (same format only), and the reindex reports it changed with its articles', async () => {
    const next = new TextEncoder().encode('---\nnumber: 15/2025/QĐ-UBND\ntitle: Quyết định thí điểm (sửa đổi)\n---\nĐiều 1. Phạm vi\nQuy định mới về zebrareplaced.\n\nĐiều 2. Hiệu lực\nQuyết định có hiệu lực kể từ ngày ký.\n');
    expect(await codeOf(docs.replace('quyet-dinh-thi-diem.md', samples.pdf.bytes, ACTOR))).toBe('UNSUPPORTED_FORMAT');
    const info = await docs.replace('quyet-dinh-thi-diem.md', next, ACTOR);
    expect(info.stale).toBe(true);
    const report = await reindex();
    expect(report.changed).toEqual(['quyet-dinh-thi-diem.md']);
    expect(report.articles.changed).toEqual(['quyet-dinh-thi-diem.md#D1']);
    expect(topDoc('zebrareplaced')).toBe('quyet-dinh-thi-diem.md');
  });

  it('rewrites the front matter of a .md file in place, and the reindex applies it', async () => {
    const view = await docs.updateMeta('quyet-dinh-thi-diem.md', { status: 'đã bị thay thế', replaced_by: '16/2025/QĐ-UBND', issued: '2/1/2025' }, ACTOR);
    expect(view.storage).toBe('block');
    expect(view.values).toMatchObject({ number: '15/2025/QĐ-UBND', status: 'đã bị thay thế', replaced_by: '16/2025/QĐ-UBND', issued: '2025-01-02' });
    expect(readFileSync(join(h.knowledgeDir, 'quyet-dinh-thi-diem.md'), 'utf8')).toMatch(/^---\nnumber: 15\/2025\/QĐ-UBND\n/);
    await reindex();
    const doc = (await docs.list()).find((d) => d.id === 'quyet-dinh-thi-diem.md');
    expect(doc?.meta).toMatchObject({ status: 'replaced', replacedBy: '16/2025/QĐ-UBND', issuedDate: '2025-01-02' });
  });

  it('writes metadata of a .pdf to a sidecar and refuses invalid values (FRONT_MATTER_INVALID)', async () => {
    const view = await docs.updateMeta('cong-van.pdf', { number: '12/CV-UBND', title: 'Công văn về số hóa', status: 'còn hiệu lực' }, ACTOR);
    expect(view).toMatchObject({ storage: 'sidecar', values: { title: 'Công văn về số hóa', status: 'còn hiệu lực' } });
    expect(readFileSync(join(h.knowledgeDir, 'cong-van.pdf.meta.yaml'), 'utf8')).toContain('title: Công văn về số hóa');
    expect(readFileSync(join(h.knowledgeDir, 'cong-van.pdf'))).toEqual(Buffer.from(samples.pdf.bytes));
    expect(await codeOf(docs.updateMeta('cong-van.pdf', { effective: '30/2/2025' }, ACTOR))).toBe('FRONT_MATTER_INVALID');
    expect(await codeOf(docs.updateMeta('cong-van.pdf', { colour: 'đỏ' }, ACTOR))).toBe('INVALID_INPUT');
    expect((await docs.get('cong-van.pdf')).hasSidecar).toBe(true);
  });

  it('deletes a document with its sidecar; it is searchable until the reindex removes it', async () => {
    await docs.remove('cong-van.pdf', ACTOR);
    expect(existsSync(join(h.knowledgeDir, 'cong-van.pdf'))).toBe(false);
    expect(existsSync(join(h.knowledgeDir, 'cong-van.pdf.meta.yaml'))).toBe(false);
    expect((await docs.list()).find((d) => d.id === 'cong-van.pdf')?.state).toBe('removed');
    expect(topDoc(samples.pdf.marker)).toBe('cong-van.pdf');
    const report = await reindex();
    expect(report.removed).toContain('cong-van.pdf');
    expect(report.articles.removed.filter((id) => id.startsWith('cong-van.pdf#')).length).toBeGreaterThan(0);
    expect(topDoc(samples.pdf.marker)).toBeUndefined();
  });
});

describe('DocumentService reindex', () => {
  it('reports a broken PDF with its reason and indexes every other file', async () => {
    const before = h.knowledge.snapshot.chunks.length;
    writeFileSync(join(h.knowledgeDir, 'hong.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref');
    const job = await docs.reindex(ACTOR);
    const done = await waitForJob(docs, job.id);
    expect(done.state).toBe('succeeded');
    expect(done.report?.failed.map((f) => f.file)).toEqual(['hong.pdf']);
    expect(done.report?.failed[0].reason.length).toBeGreaterThan(10);
    expect(done.progress).toMatchObject({ done: done.progress.total, file: '' });
    expect(done.progress.total).toBeGreaterThan(10);
    expect(h.knowledge.snapshot.chunks.length).toBe(before);
    const listed = (await docs.list()).find((d) => d.id === 'hong.pdf');
    expect(listed).toMatchObject({ state: 'failed', failure: done.report?.failed[0].reason });
    await docs.remove('hong.pdf', ACTOR);
  });

  it('shares one run between simultaneous starts', async () => {
    const [a, b] = await Promise.all([docs.reindex(ACTOR), docs.reindex('token')]);
    expect(b.id).toBe(a.id);
    await waitForJob(docs, a.id);
  });

  it('leaves the old index serving when the reindex fails, and says why', async () => {
    const version = h.knowledge.snapshot.version;
    const moved = `${h.knowledgeDir}.moved`;
    renameSync(h.knowledgeDir, moved);
    try {
      const job = await docs.reindex(ACTOR);
      const done = await waitForJob(docs, job.id);
      expect(done.state).toBe('failed');
      expect(done.error).toMatch(/ENOENT|no such file/i);
      expect(h.knowledge.snapshot.version).toBe(version);
      expect(topDoc(samples.docx.marker)).toBe('huong-dan.docx');
    } finally {
      renameSync(moved, h.knowledgeDir);
    }
  });

  it('records every action in the audit log with who did it', async () => {
    const entries = await h.store.listAudit({ limit: 1000 });
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['document.upload', 'document.replace', 'document.meta', 'document.delete', 'reindex', 'reindex.succeeded', 'reindex.failed']) expect(actions, a).toContain(a);
    const upload = entries.find((e) => e.action === 'document.upload' && e.target === 'huong-dan.docx');
    expect(upload).toMatchObject({ actor: ACTOR, details: { name: 'huong-dan.docx', bytes: samples.docx.bytes.length } });
    expect(entries.find((e) => e.action === 'reindex' && e.actor === 'token'), 'a joined start is not a new job').toBeUndefined();
  });
});
