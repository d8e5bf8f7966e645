/**
 * A province adds official texts beside the shipped summaries: the real NĐ 118/2025 (plain text with a
 * metadata sidecar, from ../shared/reference) and the government's DOCX of NĐ 30/2020 (number read from its
 * header, status from a sidecar, from ../shared/samples). Answers must then quote and cite the official
 * articles, curated Q&As must resolve to them, and removing the official text must bring the summary back.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeBase } from '../../src/search/knowledge-base.js';
import { AnswerComposer } from '../../src/answer/index.js';
import { REPO_ROOT, sharedDir } from '../support/shared.js';

const SUMMARY_118 = 'nd-118-2025-mot-cua-cong-dich-vu-cong-quoc-gia.md';
const SUMMARY_30 = 'nd-30-2020-cong-tac-van-thu.md';
const OFFICIAL_118 = 'van-ban-goc/nd-118-2025.txt';
const OFFICIAL_30 = 'van-ban-goc/nd-30-2020-cong-tac-van-thu.docx';

const root = mkdtempSync(join(tmpdir(), 'cchc-official-'));
const knowledgeDir = join(root, 'knowledge');
const composer = new AnswerComposer();
let kb: KnowledgeBase;

beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  mkdirSync(join(knowledgeDir, 'van-ban-goc'));
  copyFileSync(join(sharedDir('reference'), 'nd-118-2025.txt'), join(knowledgeDir, OFFICIAL_118));
  // The reference copy has no header block, so its metadata comes from a sidecar, as the admin console writes it.
  writeFileSync(
    join(knowledgeDir, `${OFFICIAL_118}.meta.yaml`),
    'number: 118/2025/NĐ-CP\ntitle: Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia\nissued: 2025-06-09\neffective: 2025-07-01\nstatus: hết hiệu lực một phần\namended_by: 367/2025/NĐ-CP (Điều 1)\n',
  );
  copyFileSync(join(sharedDir('samples'), 'nd-30-2020-cong-tac-van-thu.docx'), join(knowledgeDir, OFFICIAL_30));
  writeFileSync(join(knowledgeDir, `${OFFICIAL_30}.meta.yaml`), 'status: còn hiệu lực\n');
  kb = await KnowledgeBase.open({ dataDir: join(root, 'data'), knowledgeDir });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('official texts beside the summaries', () => {
  it('indexes the official texts and leaves the summaries of the same documents out, saying why', () => {
    const files = kb.snapshot.files;
    expect(files[OFFICIAL_118].meta.number).toBe('118/2025/NĐ-CP');
    expect(files[OFFICIAL_30].meta.number, 'number read from the DOCX header').toBe('30/2020/NĐ-CP');
    expect(files[OFFICIAL_118].chunkIds.length).toBeGreaterThan(30);
    for (const [summary, official] of [[SUMMARY_118, OFFICIAL_118], [SUMMARY_30, OFFICIAL_30]]) {
      expect(files[summary].chunkIds).toEqual([]);
      expect(files[summary].warnings.join(' ')).toContain(`summary not searched: the official text ${official}`);
      expect(kb.snapshot.chunks.some((c) => c.docId === summary)).toBe(false);
    }
    expect(files['nd-63-2010-kiem-soat-thu-tuc-hanh-chinh.md'].chunkIds.length, 'other summaries stay').toBeGreaterThan(0);
    const listed = [...kb.documents().values()].filter((d) => d.number === '118/2025/NĐ-CP');
    expect(listed).toHaveLength(1);
  });

  it('answers from the official text and cites its own article, not as a summary', () => {
    const answer = composer.compose(kb.search('hồ sơ quá hạn thì cơ quan giải quyết phải xin lỗi người dân thế nào'));
    expect(answer.kind).toBe('answer');
    const cited = answer.citations.filter((c) => c.docNumber === '118/2025/NĐ-CP');
    expect(cited.length).toBeGreaterThan(0);
    for (const c of cited) {
      expect(c.docId).toBe(OFFICIAL_118);
      expect(c.summary).toBeUndefined();
      expect(c.officialRef).toBeUndefined();
      expect(c.path).toMatch(/Điều \d+/u);
    }
    expect(answer.notices.join(' ')).toMatch(/367\/2025\/NĐ-CP \(Điều 1\)/u);
  });

  it('resolves curated Q&As about those documents to the official articles', () => {
    const entries = kb.snapshot.faq.filter((e) => e.source.number === '118/2025/NĐ-CP').slice(0, 12);
    expect(entries.length).toBeGreaterThan(5);
    let resolved = 0;
    for (const e of entries) {
      const match = kb.search(e.question).faq;
      if (match?.entry.id !== e.id) continue;
      resolved += 1;
      expect(match.sourceChunk?.docId, e.id).toBe(OFFICIAL_118);
      const article = /Điều (\d+)/u.exec(e.source.article)![1];
      expect(match.sourceChunk?.headings.some((h) => h.kind === 'article' && h.number === article), `${e.id} → Điều ${article}`).toBe(true);
    }
    expect(resolved).toBeGreaterThan(5);
    expect(kb.faqReview().filter((r) => /118\/2025|30\/2020/u.test(r.reason))).toEqual([]);
  });

  it('brings the summary back when the official text is removed', async () => {
    unlinkSync(join(knowledgeDir, OFFICIAL_118));
    unlinkSync(join(knowledgeDir, `${OFFICIAL_118}.meta.yaml`));
    const report = await kb.reindex();
    expect(report.removed).toContain(OFFICIAL_118);
    expect(kb.snapshot.files[SUMMARY_118].chunkIds.length).toBeGreaterThan(30);
    expect(kb.snapshot.files[SUMMARY_118].warnings.join(' ')).not.toContain('summary not searched');
    const c = composer.compose(kb.search('hồ sơ quá hạn thì cơ quan giải quyết phải xin lỗi người dân thế nào')).citations.find((x) => x.docNumber === '118/2025/NĐ-CP');
    expect(c?.docId).toBe(SUMMARY_118);
    expect(c?.summary).toBe(true);
    expect(kb.snapshot.files[SUMMARY_30].chunkIds, 'the 30/2020 DOCX is still there').toEqual([]);
  }, 120_000);
});
