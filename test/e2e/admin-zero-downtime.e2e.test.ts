/**
 * Zero-downtime reindex: the real app (built through app/, SQLite, web chat) answers questions
 * continuously — two loops calling `knowledge.search` and two posting to `/api/chat` — while an admin
 * reindex re-parses a larger knowledge folder. Every question must succeed, answering from the old
 * snapshot until the swap and from the new one after it, never going back. The new folder also holds a
 * scanned page (an image), read by OCR in a worker thread during the reindex (issue 14).
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentService } from '../../src/admin/index.js';
import { buildApp } from '../../src/app/index.js';
import type { App } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { REPO_ROOT } from '../support/shared.js';
import { openPdfForRendering, renderPdfPage } from '../../src/ingest/ocr/page-renderer.js';
import { encodeCrop } from '../support/ocr-images.js';
import { readSample } from '../fixtures/loaders/samples.js';

const EXTRA_DOCS = 120;
const ARTICLES = 25;
const NEW_DOC = 'quy-dinh-zebrakhongdung.md';
const NEW_NUMBER = '99/2026/QĐ-UBND';
const QUESTION = 'zebrakhongdung được quy định thế nào?';
const SCAN = 'cong-van-scan.png';

/** The upper half of page 2 of the real scan of Luật 40/2013/QH13, as a PNG "photo" of a page. */
async function scannedPage(): Promise<Uint8Array> {
  const name = 'luat-40-2013-qh13-sua-doi-pccc-scan.pdf';
  const pdf = await openPdfForRendering(readSample(name), name);
  const page = await renderPdfPage(pdf, 2, 150, name);
  await pdf.destroy();
  return encodeCrop(page.png, { x: 0, y: 0, width: page.width, height: Math.round(page.height / 2) }, 'image/png');
}

const WORDS = ('hồ sơ thủ tục hành chính tiếp nhận trả kết quả một cửa liên thông cán bộ công chức viên chức cơ quan đơn vị '
  + 'ủy ban nhân dân cấp xã huyện tỉnh dịch vụ công trực tuyến số hóa lưu trữ văn thư kiểm soát phản ánh kiến nghị '
  + 'thời hạn giải quyết phí lệ phí chứng thực bản sao điện tử chữ ký số cổng thông tin báo cáo định kỳ').split(' ');

/** A made-up but well-formed decree: numbered articles of Vietnamese administrative vocabulary. */
function syntheticDoc(i: number): string {
  let seed = i + 1;
  const word = () => WORDS[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % WORDS.length];
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const articles = Array.from({ length: ARTICLES }, (_, a) => `Điều ${a + 1}. ${sentence(5)}\n1. ${sentence(30)}.\n2. ${sentence(25)}.\n`);
  return `---\nnumber: ${i + 1}/2024/QĐ-UBND\ntitle: Quyết định thử nghiệm số ${i + 1} về ${sentence(6)}\nstatus: còn hiệu lực\n---\n\n${articles.join('\n')}`;
}

let root: string;
let app: App;
let url: string;
let docs: DocumentService;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cchc-zero-'));
  const knowledgeDir = join(root, 'knowledge');
  cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  for (let i = 0; i < EXTRA_DOCS; i++) writeFileSync(join(knowledgeDir, `thu-nghiem-${i}.md`), syntheticDoc(i));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: join(root, 'data'),
    KNOWLEDGE_DIR: knowledgeDir,
    DATABASE_URL: `sqlite:${join(root, 'db', 'bot.sqlite')}`,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '10000',
    // Every question of this test comes from 127.0.0.1: the per-address web chat limit is not under test.
    WEBCHAT_RATE_PER_ADDRESS: '10000',
    WEBCHAT_RATE_GLOBAL: '100000',
    AUTO_ESCALATE: 'false',
  });
  app = await buildApp(config);
  url = `http://127.0.0.1:${await app.start()}`;
  docs = new DocumentService({ knowledgeDir, knowledge: app.knowledge, audit: app.store });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** One answered question: which snapshot was live, whether the answer came from the new document. */
interface Sample {
  loop: number;
  version: string;
  fromNew: boolean;
  duringReindex: boolean;
}

describe('zero-downtime reindex', () => {
  it('answers every question during a reindex, from the old snapshot then the new one', async () => {
    const oldVersion = app.knowledge.snapshot.version;
    // The next snapshot differs: a new document, and every synthetic document changed (so all are re-parsed).
    await docs.upload(NEW_DOC, new TextEncoder().encode(`---\nnumber: ${NEW_NUMBER}\ntitle: Quyết định về zebrakhongdung\nstatus: còn hiệu lực\n---\n\nĐiều 1. Quy định về zebrakhongdung\nzebrakhongdung được quy định là việc tiếp nhận hồ sơ zebrakhongdung tại Bộ phận Một cửa.\n`), 'web:quantri');
    for (let i = 0; i < EXTRA_DOCS; i++) appendFileSync(join(root, 'knowledge', `thu-nghiem-${i}.md`), `\nĐiều ${ARTICLES + 1}. Điều khoản bổ sung\nBổ sung lần ${i}.\n`);
    writeFileSync(join(root, 'knowledge', SCAN), await scannedPage());

    const samples: Sample[] = [];
    const errors: string[] = [];
    let running = true;
    let reindexing = true;
    let messageNo = 0;

    const searchLoop = async (loop: number) => {
      while (running) {
        try {
          const version = app.knowledge.snapshot.version;
          const hit = app.knowledge.search(QUESTION).hits[0];
          samples.push({ loop, version, fromNew: hit?.chunk.docId === NEW_DOC, duringReindex: reindexing });
        } catch (err: unknown) {
          errors.push(`search: ${String(err)}`);
        }
        await new Promise((r) => setImmediate(r));
      }
    };
    const chatLoop = async (loop: number) => {
      while (running) {
        const sessionId = `zerodown-${loop}-${Math.floor(messageNo / 50)}`;
        try {
          const before = app.knowledge.snapshot.version;
          const res = await fetch(`${url}/api/chat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sessionId, messageId: `message-${loop}-${String(++messageNo).padStart(6, '0')}`, text: QUESTION }),
          });
          const body = await res.text();
          if (res.status !== 200) errors.push(`chat ${res.status}: ${body.slice(0, 200)}`);
          else samples.push({ loop, version: before, fromNew: body.includes(NEW_NUMBER), duringReindex: reindexing });
        } catch (err: unknown) {
          errors.push(`chat: ${String(err)}`);
        }
      }
    };

    const loops = [searchLoop(0), searchLoop(1), chatLoop(2), chatLoop(3)];
    const job = await docs.reindex('web:quantri');
    for (;;) {
      const j = await docs.job(job.id);
      if (j?.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    reindexing = false;
    const afterSwap = samples.length;
    while (samples.filter((s, i) => i >= afterSwap && s.loop >= 2).length < 8) await new Promise((r) => setTimeout(r, 25));
    running = false;
    await Promise.all(loops);

    const done = await docs.job(job.id);
    expect(done?.state, done?.error).toBe('succeeded');
    expect(done?.report?.added).toEqual([SCAN, NEW_DOC]);
    expect(done?.report?.ocr[SCAN]?.pages).toEqual([1]);
    expect(app.knowledge.snapshot.chunks.some((c) => c.docId === SCAN && c.text.includes('Chủ hộ gia đình có trách nhiệm'))).toBe(true);
    expect(done?.report?.changed.length).toBe(EXTRA_DOCS);
    expect(errors, `every question during the reindex must succeed: ${errors.slice(0, 3).join(' | ')}`).toEqual([]);
    const newVersion = app.knowledge.snapshot.version;
    expect(newVersion).not.toBe(oldVersion);
    for (let loop = 0; loop < 4; loop++) {
      const mine = samples.filter((s) => s.loop === loop);
      const during = mine.filter((s) => s.duringReindex);
      expect(during.length, `loop ${loop} kept answering while the reindex ran`).toBeGreaterThanOrEqual(3);
      expect(during.some((s) => !s.fromNew), `loop ${loop} answered from the old snapshot during the reindex`).toBe(true);
      expect(mine.at(-1)?.fromNew, `loop ${loop} answers from the new snapshot at the end`).toBe(true);
      const firstNew = mine.findIndex((s) => s.fromNew);
      expect(mine.slice(firstNew).every((s) => s.fromNew), `loop ${loop} never went back to the old snapshot`).toBe(true);
      expect(mine.slice(0, firstNew).every((s) => s.version === oldVersion || s.version === newVersion)).toBe(true);
    }
  }, 300_000); // the OCR of the scanned page runs in a worker thread during the reindex (slow on a busy CI machine)
});
