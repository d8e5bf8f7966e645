import { describe, it, expect } from 'vitest';
import { citationFor, docLabel, officialRefOf, sourceLead, summaryNote, validityNotice } from './citations.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';

const chunk = (over: Partial<Chunk> = {}): Chunk => ({
  id: 'nd-118.md#D19',
  docId: 'nd-118.md',
  headings: [{ kind: 'article', number: '19', heading: 'Giải quyết thủ tục hành chính' }],
  citationPath: 'Điều 19',
  title: 'Điều 19. Giải quyết thủ tục hành chính',
  text: '…',
  hash: 'h',
  ...over,
});

const summary: DocumentMeta = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force', kind: 'summary' };

describe('citationFor', () => {
  it('marks a summary passage and names the official article it stands for', () => {
    const c = citationFor(chunk(), summary, 1);
    expect(c).toMatchObject({ summary: true, officialRef: 'Điều 19', path: 'Điều 19' });
    expect(summaryNote(c)).toBe('bản tóm lược');
  });

  it('uses the summary article\'s own official reference when it gathers several provisions', () => {
    const c = citationFor(chunk({ officialRef: 'Khoản 1, 3, 5 Điều 12', citationPath: 'Điều 12' }), summary, 1);
    expect(c.officialRef).toBe('Khoản 1, 3, 5 Điều 12');
    expect(summaryNote(c)).toBe('bản tóm lược, tương ứng Khoản 1, 3, 5 Điều 12 văn bản gốc');
  });

  it('gives no official reference for an unnumbered summary section and says so', () => {
    const topic = chunk({ citationPath: 'phần “Hồ sơ điện tử”', headings: [{ kind: 'article', number: 't1', heading: 'Hồ sơ điện tử', topic: true }] });
    const c = citationFor(topic, summary, 1);
    expect(c.officialRef).toBeUndefined();
    expect(summaryNote(c)).toMatch(/chưa đối chiếu được số Điều/);
  });

  it('leaves official texts unmarked', () => {
    const official = { ...summary, kind: undefined };
    const c = citationFor(chunk(), official, 1);
    expect(c.summary).toBeUndefined();
    expect(officialRefOf(chunk(), official)).toBeUndefined();
    expect(summaryNote(c)).toBeUndefined();
  });
});

describe('validityNotice', () => {
  it('names the amending document and its provisions for a document in force that was amended', () => {
    const meta: DocumentMeta = { ...summary, amendedBy: [{ number: '367/2025/NĐ-CP', articles: 'Điều 1' }] };
    expect(validityNotice(meta)).toBe('Lưu ý: Nghị định 118/2025/NĐ-CP đã được sửa đổi, bổ sung bởi Nghị định 367/2025/NĐ-CP (Điều 1); cần đối chiếu nội dung sửa đổi.');
  });

  it('says which document made a document partly expired, with the provisions', () => {
    const meta: DocumentMeta = { number: '45/2020/NĐ-CP', title: 'Nghị định', status: 'partly_expired', amendedBy: [{ number: '118/2025/NĐ-CP', articles: 'Khoản 8 Điều 40' }] };
    expect(validityNotice(meta)).toBe('Lưu ý: Nghị định 45/2020/NĐ-CP đã hết hiệu lực một phần bởi Nghị định 118/2025/NĐ-CP (Khoản 8 Điều 40); cần đối chiếu văn bản sửa đổi, thay thế.');
  });

  it('says the quoted text is up to date with the amendments the summary includes, and to compare it with the others', () => {
    const nd118: DocumentMeta = { ...summary, status: 'partly_expired', amendedBy: [{ number: '367/2025/NĐ-CP', articles: 'Điều 1' }], consolidated: ['367/2025/NĐ-CP'] };
    expect(validityNotice(nd118)).toBe('Lưu ý: Nghị định 118/2025/NĐ-CP đã hết hiệu lực một phần bởi Nghị định 367/2025/NĐ-CP (Điều 1); nội dung trích dẫn đã cập nhật các sửa đổi này.');
    expect(validityNotice({ ...nd118, status: 'in_force' })).toBe('Lưu ý: Nghị định 118/2025/NĐ-CP đã được sửa đổi, bổ sung bởi Nghị định 367/2025/NĐ-CP (Điều 1); nội dung trích dẫn đã cập nhật các sửa đổi này.');
    const nd63: DocumentMeta = {
      number: '63/2010/NĐ-CP',
      title: 'Nghị định',
      status: 'partly_expired',
      amendedBy: [{ number: '48/2013/NĐ-CP', articles: 'Điều 1' }, { number: '92/2017/NĐ-CP' }],
      consolidated: ['48/2013/NĐ-CP'],
    };
    expect(validityNotice(nd63)).toBe(
      'Lưu ý: Nghị định 63/2010/NĐ-CP đã hết hiệu lực một phần bởi Nghị định 48/2013/NĐ-CP (Điều 1), Nghị định 92/2017/NĐ-CP; nội dung trích dẫn đã cập nhật theo Nghị định 48/2013/NĐ-CP, chưa cập nhật theo Nghị định 92/2017/NĐ-CP, cần đối chiếu.',
    );
    // A document replaced wholly is never "up to date".
    expect(validityNotice({ ...nd118, status: 'replaced', replacedBy: '999/2026/NĐ-CP' })).toMatch(/đã bị thay thế bởi 999\/2026\/NĐ-CP/u);
  });

  it('points a replaced document to its replacement and appends the caution', () => {
    const meta: DocumentMeta = { number: '61/2018/NĐ-CP', title: 'Nghị định', status: 'replaced', replacedBy: '118/2025/NĐ-CP', caution: 'Chưa đối chiếu toàn văn.' };
    expect(validityNotice(meta)).toBe(
      'Lưu ý: Nghị định 61/2018/NĐ-CP đã bị thay thế bởi 118/2025/NĐ-CP; nội dung trích dẫn không còn là quy định hiện hành. Lưu ý về Nghị định 61/2018/NĐ-CP: Chưa đối chiếu toàn văn.',
    );
  });

  it('says a scanned document was recognised by OCR and may have spelling errors', () => {
    expect(validityNotice({ number: '40/2013/QH13', title: 'Luật', status: 'in_force', scanned: true })).toBe(
      'Lưu ý: nội dung trích từ Luật 40/2013/QH13 được nhận dạng từ văn bản quét, có thể sai chính tả; cần đối chiếu với bản gốc.',
    );
    const replaced: DocumentMeta = { number: '61/2018/NĐ-CP', title: 'Nghị định', status: 'replaced', scanned: true };
    expect(validityNotice(replaced)).toMatch(/^Lưu ý: Nghị định 61\/2018\/NĐ-CP đã bị thay thế.* văn bản quét, có thể sai chính tả/u);
  });

  it('says nothing for a document in force with no amendment and no caution', () => {
    expect(validityNotice({ number: '30/2020/NĐ-CP', title: 'Nghị định', status: 'in_force' })).toBeUndefined();
  });
});

describe('docLabel', () => {
  it('labels a resolution of the Quốc hội as a Nghị quyết, not a Luật', () => {
    expect(docLabel({ number: '202/2025/QH15', title: 'Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh' })).toBe('Nghị quyết 202/2025/QH15');
    expect(docLabel({ number: '80/2025/QH15', title: 'Luật Cán bộ, công chức' })).toBe('Luật 80/2025/QH15');
  });
});

describe('sourceLead', () => {
  const archives: DocumentMeta = { number: '31/2026/NĐ-CP', title: 'Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực lưu trữ', status: 'in_force' };
  const answer = 'Chủ tịch Ủy ban nhân dân cấp xã được phạt tiền đến 15.000.000 đồng.';

  it('names the field a document is confined to when the question does not', () => {
    expect(sourceLead(archives, 'Khoản 1 Điều 17', answer, 'chu tich ubnd xa duoc phat toi da bao nhieu tien')).toBe(
      `Theo Khoản 1 Điều 17 Nghị định 31/2026/NĐ-CP (lĩnh vực lưu trữ): ${answer}`,
    );
    expect(sourceLead(archives, 'Khoản 1 Điều 17', answer, 'chủ tịch xã phạt vi phạm về lưu trữ tối đa bao nhiêu')).toBe(`Theo Khoản 1 Điều 17 Nghị định 31/2026/NĐ-CP: ${answer}`);
  });

  it('puts the field and a replaced status in one bracket', () => {
    const old = { ...archives, status: 'replaced' as const };
    expect(sourceLead(old, 'Điều 17', answer, 'phạt tối đa bao nhiêu')).toBe(`Theo Điều 17 Nghị định 31/2026/NĐ-CP (lĩnh vực lưu trữ, đã bị thay thế): ${answer}`);
  });
});
