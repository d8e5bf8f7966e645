import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../test/support/shared.js';
import type { ValidityStatus } from './legal-unit.js';
import { isCurrent, parseFrontMatter, parseValidityStatus, parseVietnameseDate, statusLabelVi } from './front-matter.js';

const NO_FALLBACK = { relPath: 'doc.md', firstLines: ['Tiêu đề dự phòng'] };

function corpusHead(file: string): string[] {
  return readFileSync(join(sharedDir('corpus'), file), 'utf8').split('\n', 40);
}

describe('parseFrontMatter: keys', () => {
  it('reads a complete English block like the ones in knowledge/', () => {
    const { meta, docType, problems } = parseFrontMatter(
      {
        number: '61/2018/NĐ-CP',
        title: 'Nghị định về thực hiện cơ chế một cửa, một cửa liên thông',
        doc_type: 'Nghị định',
        issuer: 'Chính phủ',
        issued: '2018-04-23',
        effective: '2018-06-21',
        status: 'bị thay thế',
        replaced_by: '118/2025/NĐ-CP',
        source_url: 'https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=129401',
        note: 'Bản tóm lược',
      },
      NO_FALLBACK,
    );
    expect(problems).toEqual([]);
    expect(docType).toBe('NĐ');
    expect(meta).toEqual({
      number: '61/2018/NĐ-CP',
      title: 'Nghị định về thực hiện cơ chế một cửa, một cửa liên thông',
      issuer: 'Chính phủ',
      issuedDate: '2018-04-23',
      effectiveDate: '2018-06-21',
      status: 'replaced',
      statusNote: 'bị thay thế',
      replacedBy: '118/2025/NĐ-CP',
      sourceUrl: 'https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=129401',
    });
  });

  it.each([
    ['so_hieu', 'number', '4599/QD-UBND', '4599/QĐ-UBND'],
    ['Số hiệu', 'number', '4599/QĐ-UBND', '4599/QĐ-UBND'],
    ['NUMBER', 'number', 'Nghị định số 30/2020/NĐ-CP', '30/2020/NĐ-CP'],
    ['ten', 'title', 'Luật Viên chức', 'Luật Viên chức'],
    ['Tiêu đề', 'title', 'Luật  Viên   chức', 'Luật Viên chức'],
    ['trich_yeu', 'title', 'Về công tác văn thư', 'Về công tác văn thư'],
    ['co_quan_ban_hanh', 'issuer', 'Chính phủ', 'Chính phủ'],
    ['Cơ quan ban hành', 'issuer', 'Quốc hội', 'Quốc hội'],
    ['ngay_ban_hanh', 'issuedDate', '23/4/2018', '2018-04-23'],
    ['ngay_hieu_luc', 'effectiveDate', 'ngày 21 tháng 6 năm 2018', '2018-06-21'],
    ['tinh_trang', 'status', 'còn hiệu lực', 'in_force'],
    ['Trạng thái', 'status', 'het hieu luc', 'expired'],
    ['thay_the_boi', 'replacedBy', '118/2025/ND-CP', '118/2025/NĐ-CP'],
    ['url', 'sourceUrl', 'http://example.gov.vn/a', 'http://example.gov.vn/a'],
    ['nguon', 'sourceUrl', 'https://vbpl.vn/x', 'https://vbpl.vn/x'],
  ] as const)('key "%s" sets %s ("%s" → "%s")', (key, field, value, expected) => {
    const { meta, problems } = parseFrontMatter({ [key]: value }, NO_FALLBACK);
    expect(meta[field], `key "${key}" was not mapped to ${field}`).toBe(expected);
    expect(problems.filter((p) => p.includes(key))).toEqual([]);
  });

  it('reports an unknown key, naming the known ones, and ignores empty values', () => {
    const { meta, problems } = parseFrontMatter({ title: 'A', tac_gia: 'X', replaced_by: '', source_url: '' }, NO_FALLBACK);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/unknown front-matter key "tac_gia".*known keys: number, title/);
    expect(meta.replacedBy).toBeUndefined();
    expect(meta.sourceUrl).toBeUndefined();
  });

  it('keeps the first of two keys for the same field and says so', () => {
    const { meta, problems } = parseFrontMatter({ number: '61/2018/NĐ-CP', so_hieu: '62/2018/NĐ-CP' }, NO_FALLBACK);
    expect(meta.number).toBe('61/2018/NĐ-CP');
    expect(problems.join('\n')).toMatch(/"so_hieu" repeats number/);
  });
});

describe('parseFrontMatter: values', () => {
  it('keeps an unrecognisable number as written, with a problem', () => {
    const { meta, problems } = parseFrontMatter({ number: 'số 61 năm 2018' }, NO_FALLBACK);
    expect(meta.number).toBe('số 61 năm 2018');
    expect(problems.join('\n')).toMatch(/number "số 61 năm 2018" is not a recognisable/);
  });

  it.each([['2018-02-30'], ['31/4/2018'], ['hôm qua'], ['2018/04/23'], ['23/4/18']])('drops the bad date "%s" with a problem', (value) => {
    const { meta, problems } = parseFrontMatter({ issued: value }, NO_FALLBACK);
    expect(meta.issuedDate).toBeUndefined();
    expect(problems.join('\n')).toContain(`issued date "${value}"`);
  });

  it('flags an effective date before the issued date', () => {
    const { problems } = parseFrontMatter({ issued: '2020-05-01', effective: '2020-04-01' }, NO_FALLBACK);
    expect(problems.join('\n')).toMatch(/effective date 2020-04-01 is before the issued date 2020-05-01/);
  });

  it('splits and canonicalises a list of replacing documents', () => {
    const { meta, problems } = parseFrontMatter(
      { status: 'đã bị thay thế', replaced_by: '118/2025/ND-CP, Nghị định số 119/2025/NĐ-CP; abc' },
      NO_FALLBACK,
    );
    expect(meta.replacedBy).toBe('118/2025/NĐ-CP, 119/2025/NĐ-CP, abc');
    expect(problems).toEqual(['replaced_by "abc" is not a recognisable document number; kept as written']);
  });

  it('takes the replacement from a status like "bị thay thế bởi Nghị định 118/2025/NĐ-CP"', () => {
    const { meta } = parseFrontMatter({ status: 'Bị thay thế bởi Nghị định 118/2025/NĐ-CP' }, NO_FALLBACK);
    expect(meta.status).toBe('replaced');
    expect(meta.replacedBy).toBe('118/2025/NĐ-CP');
    expect(meta.statusNote).toBe('Bị thay thế bởi Nghị định 118/2025/NĐ-CP');
  });

  it('flags replaced_by on a document said to be in force', () => {
    const { problems } = parseFrontMatter({ status: 'còn hiệu lực', replaced_by: '118/2025/NĐ-CP' }, NO_FALLBACK);
    expect(problems.join('\n')).toMatch(/replaced_by is given but the status is "còn hiệu lực"/);
  });

  it.each([['ftp://example.com/x'], ['vbpl.vn/abc'], ['javascript:alert(1)']])('drops the non-http source_url "%s"', (url) => {
    const { meta, problems } = parseFrontMatter({ source_url: url }, NO_FALLBACK);
    expect(meta.sourceUrl).toBeUndefined();
    expect(problems.join('\n')).toContain(`source_url "${url}" is not an http(s) address`);
  });

  it('reports an unknown doc_type and otherwise infers the type from the number', () => {
    const bad = parseFrontMatter({ doc_type: 'Tờ trình', number: '4599/QĐ-UBND' }, NO_FALLBACK);
    expect(bad.problems.join('\n')).toMatch(/doc_type "Tờ trình" not recognised; known types: Luật/);
    expect(bad.docType, 'falls back to the type in the number').toBe('QĐ');
    expect(parseFrontMatter({ doc_type: 'thong tu' }, NO_FALLBACK).docType).toBe('TT');
  });
});

describe('parseValidityStatus', () => {
  it.each<[string, ValidityStatus]>([
    ['còn hiệu lực', 'in_force'],
    ['Còn hiệu lực', 'in_force'],
    ['con hieu luc', 'in_force'],
    ['Đang có hiệu lực', 'in_force'],
    ['hết hiệu lực', 'expired'],
    ['HẾT HIỆU LỰC TOÀN BỘ', 'expired'],
    ['không còn hiệu lực', 'expired'],
    ['bị thay thế', 'replaced'],
    ['đã bị thay thế', 'replaced'],
    ['thay thế', 'replaced'],
    ['bi thay the boi Luat sua doi 2019', 'replaced'],
    ['hết hiệu lực một phần', 'partly_expired'],
    ['bị thay thế một phần', 'partly_expired'],
    ['được sửa đổi, bổ sung', 'partly_expired'],
    ['sửa đổi bổ sung một phần', 'partly_expired'],
    ['Còn hiệu lực, được sửa đổi bởi Luật 52/2019/QH14', 'partly_expired'],
    ['chưa có hiệu lực', 'not_yet_in_force'],
    ['chua hieu luc', 'not_yet_in_force'],
    ['in_force', 'in_force'],
    ['in force', 'in_force'],
    ['partly-expired', 'partly_expired'],
    ['not_yet_in_force', 'not_yet_in_force'],
    ['unknown', 'unknown'],
    ['chưa rõ', 'unknown'],
  ])('"%s" → %s', (text, status) => {
    expect(parseValidityStatus(text)).toBe(status);
  });

  it('returns undefined for text it cannot read, and parseFrontMatter then reports it', () => {
    expect(parseValidityStatus('đang xem xét')).toBeUndefined();
    const { meta, problems } = parseFrontMatter({ status: 'đang xem xét' }, NO_FALLBACK);
    expect(meta.status).toBe('unknown');
    expect(meta.statusNote, 'the admin text is kept').toBe('đang xem xét');
    expect(problems.join('\n')).toMatch(/status "đang xem xét" not understood.*còn hiệu lực/);
  });
});

describe('parseVietnameseDate', () => {
  it.each([
    ['2018-04-23', '2018-04-23'],
    ['2018-4-3', '2018-04-03'],
    ['23/4/2018', '2018-04-23'],
    ['23/04/2018', '2018-04-23'],
    ['23-04-2018', '2018-04-23'],
    ['23.4.2018', '2018-04-23'],
    ['ngày 23 tháng 4 năm 2018', '2018-04-23'],
    ['Ngày 01 tháng 07 năm 2025', '2025-07-01'],
    ['29/2/2024', '2024-02-29'],
  ])('"%s" → %s', (text, iso) => {
    expect(parseVietnameseDate(text)).toBe(iso);
  });

  it.each([['29/2/2023'], ['0/1/2020'], ['1/13/2020'], ['2018-04'], ['ngày 23 tháng 4'], ['1/1/1800']])('rejects "%s"', (text) => {
    expect(parseVietnameseDate(text)).toBeUndefined();
  });
});

describe('parseFrontMatter: fallbacks from the document', () => {
  it.each([
    ['22-2008-QH12.txt', '22/2008/QH12', 'LUẬT CÁN BỘ, CÔNG CHỨC', '2008-11-13'],
    ['58-2010-QH12.txt', '58/2010/QH12', 'LUẬT VIÊN CHỨC', '2010-11-15'],
    ['80-2015-QH13.txt', '80/2015/QH13', 'LUẬT BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT', '2015-06-22'],
  ])('reads number, title and date from the header of %s', (file, number, title, issued) => {
    const { meta, docType, problems } = parseFrontMatter({}, { relPath: `renamed/${file}.bak`, firstLines: corpusHead(file) });
    expect(meta.number, '"Luật số: …" line not read').toBe(number);
    expect(meta.title, 'type line + trích yếu not joined').toBe(title);
    expect(meta.issuedDate, '"Hà Nội, ngày … tháng … năm …" not read').toBe(issued);
    expect(docType).toBe('QH');
    expect(meta.status).toBe('unknown');
    expect(problems).toEqual([]);
  });

  it('prefers front matter over the header', () => {
    const { meta } = parseFrontMatter({ title: 'Luật Cán bộ, công chức 2008' }, { relPath: 'x.txt', firstLines: corpusHead('22-2008-QH12.txt') });
    expect(meta.title).toBe('Luật Cán bộ, công chức 2008');
    expect(meta.number).toBe('22/2008/QH12');
  });

  it('reads a decree header with a sentence-case trích yếu and a decision with a two-line one', () => {
    const decree = ['CHÍNH PHỦ', '-------', 'Số: 61/2018/NĐ-CP', 'Hà Nội, ngày 23 tháng 4 năm 2018', 'NGHỊ ĐỊNH', 'Về thực hiện cơ chế một cửa, một cửa liên thông', 'trong giải quyết thủ tục hành chính', 'Căn cứ Luật tổ chức Chính phủ ngày 19 tháng 6 năm 2015;'];
    const d = parseFrontMatter({}, { relPath: 'a.txt', firstLines: decree });
    expect(d.meta).toMatchObject({ number: '61/2018/NĐ-CP', issuedDate: '2018-04-23', title: 'Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính' });
    expect(d.docType).toBe('NĐ');
    const decision = ['ỦY BAN NHÂN DÂN TỈNH X', 'Số: 4599/QĐ-UBND', 'X, ngày 31 tháng 12 năm 2022', '', 'QUYẾT ĐỊNH', 'PHÊ DUYỆT ĐỀ ÁN TĂNG CƯỜNG NĂNG LỰC', 'ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC', 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH', 'Căn cứ …'];
    const q = parseFrontMatter({}, { relPath: 'b.txt', firstLines: decision });
    expect(q.meta.title, 'the authority line must not join the title').toBe('QUYẾT ĐỊNH PHÊ DUYỆT ĐỀ ÁN TĂNG CƯỜNG NĂNG LỰC ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC');
    expect(q.meta.number).toBe('4599/QĐ-UBND');
  });

  it('uses the first meaningful line when there is no type heading', () => {
    const { meta, problems } = parseFrontMatter({}, { relPath: 'hoi-dap.md', firstLines: ['', '# Hỏi đáp về một cửa', 'Nội dung'] });
    expect(meta.title).toBe('Hỏi đáp về một cửa');
    expect(meta.number).toBe('');
    expect(problems).toEqual([]);
  });

  it.each([
    ['22-2008-QH12.txt', '22/2008/QH12'],
    ['van-ban/61-2018-nd-cp.docx', '61/2018/NĐ-CP'],
    ['tt-02-2021-tt-btc-phi-kiem-dinh-pccc.pdf', '02/2021/TT-BTC'],
    ['luat-15-2012-qh13-xu-ly-vi-pham-hanh-chinh.pdf', '15/2012/QH13'],
    ['nd-297-2025-lien-thong-dien-tu.html', ''],
    ['qd-4599-2022-de-an.md', ''],
  ])('derives the number of an empty file named %s as "%s"', (relPath, number) => {
    const { meta, problems } = parseFrontMatter({}, { relPath, firstLines: [] });
    expect(meta.number).toBe(number);
    expect(problems.some((p) => p.includes('taken from the file name') && p.includes('number'))).toBe(number !== '');
    expect(problems.join('\n'), 'title from the file name must be reported').toMatch(/no title .* taken from the file name/);
  });

  it('turns the file name into a title as the last resort', () => {
    expect(parseFrontMatter({}, { relPath: 'a/b/nd-61-2018_mot-cua.md', firstLines: ['', '  '] }).meta.title).toBe('nd 61 2018 mot cua');
  });
});

describe('statusLabelVi and isCurrent', () => {
  it.each<[ValidityStatus, string, boolean]>([
    ['in_force', 'còn hiệu lực', true],
    ['partly_expired', 'hết hiệu lực một phần', true],
    ['expired', 'hết hiệu lực', false],
    ['replaced', 'đã bị thay thế', false],
    ['not_yet_in_force', 'chưa có hiệu lực', false],
    ['unknown', 'chưa rõ hiệu lực', false],
  ])('%s reads "%s" and is current: %s', (status, label, current) => {
    expect(statusLabelVi(status)).toBe(label);
    expect(statusLabelVi(status), 'labels must be NFC').toBe(label.normalize('NFC'));
    expect(isCurrent({ status })).toBe(current);
  });

  it('round-trips: every Vietnamese label parses back to its status', () => {
    for (const s of ['in_force', 'partly_expired', 'expired', 'replaced', 'not_yet_in_force', 'unknown'] as const) {
      expect(parseValidityStatus(statusLabelVi(s)), statusLabelVi(s)).toBe(s);
    }
  });
});
