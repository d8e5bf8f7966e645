/**
 * Shared set-up of the admin tests: a private copy of the shipped knowledge folder, a real KnowledgeBase
 * and SQLite store, the DocumentService, and an in-process express app with the admin API and console
 * mounted as the composition root mounts them (behind the app's security headers and error middleware).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { DocumentService } from '../../src/admin/index.js';
import type { ReindexJob } from '../../src/admin/index.js';
import { silentLogger } from '../../src/common/logger.js';
import type { Logger } from '../../src/common/logger.js';
import { createAdminApiRouter, createAdminConsoleRouter } from '../../src/http/admin/index.js';
import type { AdminSection } from '../../src/http/admin/index.js';
import { errorHandler, notFound } from '../../src/http/error-handler.js';
import { requestContext } from '../../src/http/request-context.js';
import { securityHeaders } from '../../src/http/security-headers.js';
import { hashPassword } from '../../src/http/staff/index.js';
import { KnowledgeBase } from '../../src/search/knowledge-base.js';
import { openStore } from '../../src/storage/index.js';
import type { AppStore } from '../../src/storage/index.js';
import { buildDocx, paragraph } from '../fixtures/loaders/build-docx.js';
import { buildPdf } from '../fixtures/loaders/build-pdf.js';
import { REPO_ROOT } from '../support/shared.js';

/** The ADMIN_TOKEN of the test apps. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** Console accounts: an admin and a staff member; each password is `<username>-mat-khau-1`. */
export const ACCOUNTS = [
  { username: 'quantri', displayName: 'Quản trị viên Hà', role: 'admin' },
  { username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'staff' },
] as const;

/** The password of an {@link ACCOUNTS} entry. */
export function passwordOf(username: string): string {
  return `${username}-mat-khau-1`;
}

/** A sample document per upload format, each with a made-up word found nowhere else (to search for). */
export interface SampleDoc {
  name: string;
  bytes: Uint8Array;
  marker: string;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Small but real md, txt, html, docx and pdf files with a legal structure. */
export async function sampleDocs(): Promise<Record<'md' | 'txt' | 'html' | 'docx' | 'pdf', SampleDoc>> {
  return {
    md: {
      name: 'Quyết định thí điểm.md',
      marker: 'zebramarkdown',
      bytes: utf8('---\nnumber: 15/2025/QĐ-UBND\ntitle: Quyết định thí điểm tiếp nhận hồ sơ zebramarkdown\nstatus: còn hiệu lực\n---\n\nĐiều 1. Phạm vi\nQuy định việc tiếp nhận hồ sơ zebramarkdown tại Bộ phận Một cửa cấp xã.\n\nĐiều 2. Hiệu lực\nQuyết định có hiệu lực kể từ ngày ký.\n'),
    },
    txt: {
      name: 'ke-hoach-cchc.txt',
      marker: 'zebraplaintext',
      bytes: utf8('Kế hoạch cải cách hành chính năm 2026\n\nĐiều 1. Mục tiêu\nHoàn thành số hóa hồ sơ zebraplaintext trong năm.\n'),
    },
    html: {
      name: 'thong-bao.html',
      marker: 'zebrahypertext',
      bytes: utf8('<!doctype html><html><head><meta charset="utf-8"><title>Thông báo về dịch vụ công</title></head><body><main><p>Điều 1. Nội dung</p><p>Triển khai dịch vụ công zebrahypertext trên Cổng Dịch vụ công quốc gia.</p><p>Điều 2. Tổ chức thực hiện</p><p>Các sở, ngành thực hiện nghiêm.</p></main></body></html>'),
    },
    docx: {
      name: 'huong-dan.docx',
      marker: 'zebrawordfile',
      bytes: await buildDocx([paragraph('HƯỚNG DẪN'), paragraph('Điều 1. Phạm vi'), paragraph('Hướng dẫn lưu trữ hồ sơ điện tử zebrawordfile theo quy định.'), paragraph('Điều 2. Trách nhiệm'), paragraph('Văn thư cơ quan chịu trách nhiệm.')].join('')),
    },
    pdf: {
      name: 'cong-van.pdf',
      marker: 'zebraportable',
      bytes: buildPdf([[
        { x: 72, y: 760, text: 'Dieu 1. Pham vi' },
        { x: 72, y: 740, text: 'Cong van ve viec zebraportable cho cac xa.' },
        { x: 72, y: 720, text: 'Dieu 2. Thuc hien' },
        { x: 72, y: 700, text: 'Cac xa bao cao truoc ngay 15.' },
      ]]),
    },
  };
}

/** A running admin test app. */
export interface AdminHarness {
  url: string;
  root: string;
  knowledgeDir: string;
  store: AppStore;
  knowledge: KnowledgeBase;
  documents: DocumentService;
  close(): Promise<void>;
}

/** Options of {@link startAdminApp}. */
export interface AdminAppOptions {
  adminToken?: string | null;
  maxBytes?: number;
  logger?: Logger;
  sections?: AdminSection[];
}

/** Copies knowledge/, opens SQLite, builds the index and serves `/api/admin`, `/admin` and the static files. */
export async function startAdminApp(o: AdminAppOptions = {}): Promise<AdminHarness> {
  const root = mkdtempSync(join(tmpdir(), 'cchc-admin-'));
  const knowledgeDir = join(root, 'knowledge');
  cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  const store = await openStore(`sqlite:${join(root, 'db', 'bot.sqlite')}`);
  for (const a of ACCOUNTS) await store.createAccount({ ...a, passwordHash: await hashPassword(passwordOf(a.username)), createdAt: 0, disabled: false });
  const logger = o.logger ?? silentLogger;
  const knowledge = await KnowledgeBase.open({ dataDir: join(root, 'data'), knowledgeDir, logger });
  const documents = new DocumentService({ knowledgeDir, knowledge, audit: store, maxBytes: o.maxBytes, logger });
  const adminToken = o.adminToken === null ? undefined : (o.adminToken ?? ADMIN_TOKEN);
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext(logger));
  app.use(securityHeaders());
  app.use('/api/admin', createAdminApiRouter({ documents, audit: store, accounts: store, adminToken, secureCookies: false, logger }));
  app.use('/admin', createAdminConsoleRouter({ documents, audit: store, accounts: store, secureCookies: false, logger, sections: o.sections }));
  app.use(express.static(join(REPO_ROOT, 'src', 'http', 'public'), { index: false, redirect: false }));
  app.use(notFound());
  app.use(errorHandler(logger));
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    root,
    knowledgeDir,
    store,
    knowledge,
    documents,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Waits until a reindex job has finished (polling the service), or fails after `ms`. */
export async function waitForJob(documents: DocumentService, id: string, ms = 30_000): Promise<ReindexJob> {
  const until = Date.now() + ms;
  for (;;) {
    const job = await documents.job(id);
    if (!job) throw new Error(`reindex job ${id} is unknown`);
    if (job.state !== 'running') return job;
    if (Date.now() > until) throw new Error(`reindex job ${id} still running after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Writes `n` made-up decrees (20 articles each) into `dir`, so a reindex takes a few seconds. */
export function writeFillerDocs(dir: string, n: number): void {
  const words = 'hồ sơ thủ tục hành chính tiếp nhận trả kết quả một cửa cán bộ công chức dịch vụ công trực tuyến số hóa lưu trữ văn thư'.split(' ');
  for (let i = 0; i < n; i++) {
    let seed = i + 7;
    const sentence = (k: number) => Array.from({ length: k }, () => words[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length]).join(' ');
    const articles = Array.from({ length: 20 }, (_, a) => `Điều ${a + 1}. ${sentence(4)}\n1. ${sentence(30)}.\n2. ${sentence(30)}.\n`).join('\n');
    writeFileSync(join(dir, `bo-sung-${i}.md`), `---\nnumber: ${i + 1}/2023/QĐ-UBND\ntitle: Quyết định bổ sung số ${i + 1}\n---\n\n${articles}`);
  }
}
