import { describe, expect, it } from 'vitest';
import { askedTerm, contrastedTerms, definesTerm, glossaryLacks, leadLacksDefinition, termAsWritten } from './definition-match.js';

describe('askedTerm', () => {
  it.each([
    ['thủ tục hành chính là gì', 'thu tuc hanh chinh'],
    ['thu tuc hanh chinh la gi', 'thu tuc hanh chinh'],
    ['thế nào là cơ chế một cửa', 'co che mot cua'],
    ['khái niệm vị trí việc làm', 'vi tri viec lam'],
    ['ngạch được hiểu là gì', 'ngach'],
    ['dvc toàn trình là gì, cấp tỉnh phải làm gì', 'dvc toan trinh'],
    ['cổng dịch vụ công quốc gia có chức năng gì', 'cong dich vu cong quoc gia'],
    ['bo phan mot cua co vai tro j', 'bo phan mot cua'],
    ['trung tâm phục vụ hành chính công có nhiệm vụ như thế nào', 'trung tam phuc vu hanh chinh cong'],
    ['Định nghĩa của "Người sử dụng lao động"?', 'nguoi su dung lao dong'],
    ['khái niệm của dịch vụ công trực tuyến toàn trình', 'dich vu cong truc tuyen toan trinh'],
    ['Theo Bộ luật Dân sự 2015 “tài sản” được hiểu như thế nào và bao gồm những gì?', 'tai san'],
    ['theo nđ 118 thì ‘bộ phận một cửa’ là gì', 'bo phan mot cua'],
    ['“Thủ tục hành chính” là gì', 'thu tuc hanh chinh'],
  ])('reads the asked term of "%s"', (q, want) => {
    expect(askedTerm(q)?.join(' ')).toBe(want);
  });

  it('finds no term in a question that asks for no definition', () => {
    expect(askedTerm('hồ sơ trễ hạn thì phải làm gì')).toBeUndefined();
    expect(askedTerm('ai có chức năng kiểm soát thủ tục')).toBeUndefined();
    expect(askedTerm('thời hạn giải quyết là bao lâu')).toBeUndefined();
    expect(askedTerm('ký hiệu văn bản hành chính ghi như thế nào'), '"như thế nào" alone asks how').toBeUndefined();
    expect(askedTerm('vị trí việc làm được hiểu như thế nào')?.join(' ')).toBe('vi tri viec lam');
    expect(askedTerm('văn bản “khẩn” thì xử lý thế nào'), 'quotes alone ask nothing').toBeUndefined();
  });

  it('takes the term after a named source, and quotes only there', () => {
    expect(askedTerm('theo nđ 118 thì cơ chế một cửa là gì')?.join(' ')).toBe('co che mot cua');
    expect(askedTerm('văn bản “hỏa tốc” là gì')?.join(' '), 'quotes inside a term do not cut it').toBe('van ban hoa toc');
    expect(askedTerm('Theo Luật Lao động “A” và “B” là gì')?.join(' '), 'two quoted spans: the read text stays').toBe('theo luat lao dong a va b');
  });
});

describe('definesTerm', () => {
  const term = (q: string) => askedTerm(q) as string[];
  it('recognises a definition line, a quoted term, a colon and a definition inside a paragraph', () => {
    expect(definesTerm('1. Thủ tục hành chính là trình tự, cách thức thực hiện …', term('thủ tục hành chính là gì'))).toBe(true);
    expect(definesTerm('Trong Nghị định này:\n2. “Bộ phận Một cửa” là tên gọi chung …', term('bo phan mot cua la gi'))).toBe(true);
    expect(definesTerm('1. Cơ chế một cửa: một cơ quan có thẩm quyền tiếp nhận hồ sơ …', term('thế nào là cơ chế một cửa'))).toBe(true);
    expect(definesTerm('Công vụ là hoạt động của cán bộ. Vị trí việc làm là công việc gắn với chức danh.', term('vị trí việc làm là gì'))).toBe(true);
  });

  it('does not take a passage that only uses the term, nor the definition of a word inside a longer term', () => {
    expect(definesTerm('Bộ phận Một cửa tiếp nhận hồ sơ thủ tục hành chính và trả kết quả.', term('thủ tục hành chính là gì'))).toBe(false);
    expect(definesTerm('1. Thủ tục hành chính là trình tự, cách thức thực hiện …', term('tài khoản thực hiện thủ tục hành chính là gì'))).toBe(false);
    expect(definesTerm('1. Cán bộ là công dân Việt Nam …', term('cán bộ công chức cấp xã là gì'))).toBe(false);
  });
});

describe('glossaryLacks', () => {
  const glossary = '1. Cơ chế một cửa: một cơ quan tiếp nhận, giải quyết và trả kết quả.\n2. Hệ thống thông tin giải quyết thủ tục hành chính là nền tảng thống nhất để tiếp nhận, giải quyết thủ tục.';
  const term = (q: string) => askedTerm(q) ?? [];

  it('sees a definitions article that defines other terms but not the asked one', () => {
    expect(glossaryLacks('Điều 3. Giải thích từ ngữ', glossary, term('hệ thống thông tin một cửa điện tử là gì'))).toBe(true);
  });

  it('accepts the article when it defines the term, and reads no other article or question shape this way', () => {
    expect(glossaryLacks('Điều 3. Giải thích từ ngữ', glossary, term('cơ chế một cửa là gì'))).toBe(false);
    expect(glossaryLacks('Điều 27. Xây dựng hệ thống thông tin', glossary, term('hệ thống thông tin một cửa điện tử là gì')), 'not a definitions article').toBe(false);
    const shaped = term('Thông tin do cơ quan nhà nước tạo ra được định nghĩa như thế nào theo Luật Tiếp cận thông tin?');
    expect(glossaryLacks('Điều 2. Giải thích từ ngữ', glossary, shaped), 'a term read from another question shape').toBe(false);
  });
});

describe('leadLacksDefinition', () => {
  const term = (q: string) => askedTerm(q) ?? [];

  it('sees a lead that names the asked term only in passing', () => {
    const penalty = ['Phạt cảnh cáo khi không lập Biên bản thu nộp hồ sơ, tài liệu vào lưu trữ lịch sử.'];
    expect(leadLacksDefinition(penalty, term('lưu trữ lịch sử là gì vậy ạ'), 'lưu trữ lịch sử là gì vậy ạ')).toBe(true);
    expect(leadLacksDefinition(penalty, term('luu tru lich su la gi'), 'luu tru lich su la gi')).toBe(true);
    const pasted = 'Đối tượng phải xây dựng kế hoạch thực hiện, nêu rõ tiến độ và giải thích lý do.';
    expect(leadLacksDefinition(['Người có thẩm quyền xem xét lý do chậm thực hiện.'], term(pasted), pasted), '"giải thích" in a pasted paragraph asks no definition').toBe(false);
  });

  it('accepts a lead that opens with the term and says what it is, and leaves a lead without the term alone', () => {
    const check = (lead: string, q: string) => leadLacksDefinition([lead], term(q), q);
    expect(check('Lưu trữ lịch sử là cơ quan thực hiện thu thập, bảo quản tài liệu có giá trị vĩnh viễn.', 'lưu trữ lịch sử là gì')).toBe(false);
    expect(check('2. “Bộ phận Một cửa” là cách gọi chung cho các trung tâm.', 'bộ phận một cửa là gì')).toBe(false);
    expect(check('Người được giao giải quyết công việc mở hồ sơ theo Danh mục hồ sơ.', 'lập hồ sơ công việc là gì'), 'other words').toBe(false);
    expect(check('Ngạch được nhắc ở đây.', 'ngạch được hiểu là gì'), 'a one-word term').toBe(false);
  });
});

describe('termAsWritten', () => {
  it('gives the asked term as the official wrote it', () => {
    expect(termAsWritten(['he', 'thong', 'mot', 'cua'], 'cho mình hỏi hệ thống một cửa là gì')).toBe('hệ thống một cửa');
    expect(termAsWritten(['dich', 'vu', 'cong'], 'dvc là gì', 'dịch vụ công là gì')).toBe('dịch vụ công');
  });
});

describe('definesTerm and the words officials put around a term', () => {
  const term = (q: string) => askedTerm(q) ?? [];
  it('reads the term before its setting and after a word for its kind', () => {
    const line = 'Hồ sơ điện tử là hồ sơ thủ tục hành chính ở dạng thông điệp dữ liệu.';
    expect(definesTerm(line, term('ho so dien tu trong giai quyet thu tuc hanh chinh la gi'))).toBe(true);
    expect(definesTerm(line, term('ho so dien tu khi lam tthc la gi'))).toBe(true);
    expect(definesTerm('11. Bản sao lục là bản được sao lại từ bản sao y.', term('van ban ban sao luc la gi'))).toBe(true);
  });
  it('still reads no definition of another term', () => {
    expect(definesTerm('1. Văn bản là thông tin thành văn.', term('van ban ban sao luc la gi'))).toBe(false);
    expect(definesTerm('Hồ sơ giấy là hồ sơ nộp trực tiếp.', term('ho so dien tu trong giai quyet tthc la gi'))).toBe(false);
  });
});

describe('contrastedTerms', () => {
  it('reads the two terms whose difference is asked', () => {
    expect(contrastedTerms('bản sao y với bản trích sao khác nhau thế nào')).toEqual([['ban', 'sao', 'y'], ['ban', 'trich', 'sao']]);
    expect(contrastedTerms('dieu dong vs biet phai khac nhau ntn, biet phai xong thi bien che tinh o dau')).toEqual([['dieu', 'dong'], ['biet', 'phai']]);
    expect(contrastedTerms('phân biệt điều động và luân chuyển')).toEqual([['dieu', 'dong'], ['luan', 'chuyen']]);
    expect(contrastedTerms('Làm sao để phân biệt nơi thường trú và nơi tạm trú?')).toEqual([['noi', 'thuong', 'tru'], ['noi', 'tam', 'tru']]);
  });
  it('reads none in other questions', () => {
    expect(contrastedTerms('bản sao y là gì')).toBeUndefined();
    expect(contrastedTerms('công chức và viên chức có được kinh doanh không')).toBeUndefined();
  });
});
