import { describe, expect, it } from 'vitest';
import type { Chunk, DocumentMeta, HeadingRef } from '../ingest/legal-unit.js';
import type { SearchHit } from '../search/types.js';
import { foldWord } from '../text/vietnamese.js';
import { chunkUnits, unitPath } from './clauses.js';
import { directAnswer, doubtedLead, editorial, functionFolds, titleNamingFolds } from './direct-answer.js';
import { amountMissing, quotedMissing, appearanceMissing, askedFacts, countMissing, countedNoun, dayMissing, paymentMissing, definitionAskWords, durationMissing, formNumberMissing, optionsNoun, placeMissing, statedFacts, statesCountOf } from '../text/question-facts.js';

const ND118: DocumentMeta = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force', kind: 'summary' };

function chunk(article: string, heading: string, text: string, over: Partial<Chunk> = {}): Chunk {
  const headings: HeadingRef[] = [{ kind: 'article', number: article, heading }];
  return { id: `nd-118.md#D${article}`, docId: 'nd-118.md', headings, citationPath: `Điều ${article}`, title: `Điều ${article}. ${heading}`, text, hash: article, ...over };
}

function hit(c: Chunk, score = 10, doc: DocumentMeta = ND118): SearchHit {
  return { chunk: c, doc, score, coverage: 0.8 };
}

/** Folded words of a question, as search reports them. */
function words(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(foldWord);
}

function answer(hits: SearchHit[], q: string) {
  return directAnswer(hits, q, words(q));
}

const D17 = chunk(
  '17',
  'Tiếp nhận hồ sơ thủ tục hành chính',
  [
    '1. Với hồ sơ nộp trực tiếp, người tiếp nhận kiểm tra tính chính xác, đầy đủ của hồ sơ và lập Giấy tiếp nhận hồ sơ.',
    '2. Với hồ sơ nộp trực tuyến, Cổng Dịch vụ công quốc gia phản hồi tự động cho người nộp. Người tiếp nhận phải thông báo tiếp nhận hồ sơ trực tuyến không muộn hơn 08 giờ làm việc kể từ khi hệ thống tiếp nhận hồ sơ.',
    '3. Thời hạn giải quyết được tính từ khi hồ sơ trực tuyến được tiếp nhận đầy đủ, hợp lệ.',
  ].join('\n'),
);

const D3 = chunk(
  '3',
  'Giải thích từ ngữ',
  [
    'Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:',
    '1. Hệ thống thông tin giải quyết thủ tục hành chính là nền tảng của bộ, ngành, địa phương để tiếp nhận, giải quyết thủ tục hành chính tại Bộ phận Một cửa.',
    '2. “Bộ phận Một cửa” là cách gọi chung cho Trung tâm Phục vụ hành chính công và Bộ phận Tiếp nhận và Trả kết quả.',
  ].join('\n'),
);

const D18 = chunk(
  '18',
  'Chuyển hồ sơ',
  [
    '3. Khi tiếp nhận hồ sơ, người tiếp nhận thực hiện như sau:',
    'a) Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn một lần, đầy đủ để tổ chức, cá nhân bổ sung;',
    'b) Trường hợp hồ sơ đầy đủ thì chuyển ngay hồ sơ giấy cho cơ quan giải quyết trong ngày làm việc.',
  ].join('\n'),
);

describe('directAnswer', () => {
  it('answers a deadline question with the sentence that states the deadline, whole, and cites its clause', () => {
    const d = answer([hit(D17)], 'hồ sơ nộp trực tuyến thì bao lâu phải thông báo tiếp nhận');
    expect(d?.sentences).toEqual(['Người tiếp nhận phải thông báo tiếp nhận hồ sơ trực tuyến không muộn hơn 08 giờ làm việc kể từ khi hệ thống tiếp nhận hồ sơ.']);
    expect(d?.path).toBe('Khoản 2 Điều 17');
  });

  it('answers "là gì" with the definition of the asked term, not of another term sharing its words', () => {
    const d = answer([hit(D3)], 'bộ phận một cửa là gì');
    expect(d?.sentences[0]).toMatch(/^“Bộ phận Một cửa” là cách gọi chung/u);
    expect(d?.path).toBe('Khoản 2 Điều 3');
  });

  it('answers "thế nào gọi là X" with the sentence defining X, not a sentence of the clause sharing more words', () => {
    const D1 = chunk('1', 'Cán bộ, công chức', [
      '1. Cán bộ là công dân Việt Nam giữ chức vụ, chức danh theo nhiệm kỳ trong cơ quan của Đảng, Nhà nước.',
      '2. Công chức là công dân Việt Nam được tuyển dụng vào vị trí việc làm trong các cơ quan nói trên, trong biên chế. Định nghĩa áp dụng chung cho cả cấp xã; cán bộ, công chức cấp xã tuyển dụng theo luật cũ được chuyển tiếp.',
    ].join('\n'));
    const d = answer([hit(D1)], 'theo luật 80 thì thế nào gọi là công chức');
    expect(d?.sentences[0]).toMatch(/^Công chức là công dân Việt Nam được tuyển dụng/u);
    expect(d?.path).toBe('Khoản 2 Điều 1');
  });

  it('quotes a whole clause with its number, and a point with its clause lead-in', () => {
    const d = answer([hit(D17)], 'thời hạn giải quyết hồ sơ trực tuyến tính từ khi nào');
    expect(d?.quotes[0].text).toBe('3. Thời hạn giải quyết được tính từ khi hồ sơ trực tuyến được tiếp nhận đầy đủ, hợp lệ.');
    const p = answer([hit(D18)], 'hồ sơ chưa đầy đủ thì hướng dẫn thế nào');
    expect(p?.path).toBe('Điểm a Khoản 3 Điều 18');
    expect(p?.quotes[0].text).toBe(
      '3. Khi tiếp nhận hồ sơ, người tiếp nhận thực hiện như sau:\na) Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn một lần, đầy đủ để tổ chức, cá nhân bổ sung;',
    );
    expect(p?.sentences[0], 'a list item reads as a sentence in the lead').toMatch(/bổ sung\.$/u);
  });

  it('shows a point after its clause\'s opening line, which the checks of the lead do not read', () => {
    const p = answer([hit(D18)], 'hồ sơ chưa đầy đủ thì hướng dẫn thế nào');
    expect(p?.intro).toBe('Khi tiếp nhận hồ sơ, người tiếp nhận thực hiện như sau: a)');
    expect(p?.sentences).toEqual(['Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn một lần, đầy đủ để tổ chức, cá nhân bổ sung.']);
    // The quote would repeat the lead: it is not shown.
    expect(p?.quotes[0].shown).toBe(false);
    // A clause (no point) has no intro.
    expect(answer([hit(D17)], 'thời hạn giải quyết hồ sơ trực tuyến tính từ khi nào')?.intro).toBeUndefined();
  });

  it('answers "khi nào" with the occasions a sentence names ("khi được tuyển dụng"), over a date of another rule', () => {
    const grades = chunk('24', 'Ngạch công chức và việc xếp ngạch công chức', '2. Công chức được xếp ngạch tương ứng với vị trí việc làm khi được tuyển dụng, khi được bổ nhiệm chức vụ lãnh đạo, quản lý.', { id: 'l80.md#D24' });
    const trainees = chunk('45', 'Quy định chuyển tiếp', '3. Người đang tập sự được xếp vào ngạch công chức tương ứng với vị trí việc làm tuyển dụng từ ngày 01/7/2025.', { id: 'l80.md#D45' });
    const q = 'khi nào thì công chức được xếp ngạch tương ứng với vị trí việc làm';
    expect(answer([hit(grades, 10), hit(trainees, 9)], q)?.path).toBe('Khoản 2 Điều 24');
    // A date asked ("từ ngày nào") is still answered by the date.
    expect(answer([hit(grades, 10), hit(trainees, 9)], 'người đang tập sự được xếp vào ngạch công chức từ ngày nào')?.path).toBe('Khoản 3 Điều 45');
  });

  it('does not pick the sentence by the words that name the document by its title after its number', () => {
    const nd63: DocumentMeta = { number: '63/2010/NĐ-CP', title: 'Nghị định về kiểm soát thủ tục hành chính', status: 'in_force', kind: 'summary' };
    const scope = chunk('1', 'Phạm vi điều chỉnh', [
      '1. Nghị định quy định việc kiểm soát quy định, thực hiện, rà soát, đánh giá thủ tục hành chính.',
      '2. Nghị định không áp dụng cho:',
      'a) Thủ tục hành chính nội bộ của từng cơ quan hành chính;',
      'b) Ba loại thủ tục: xử lý vi phạm hành chính; thanh tra; thủ tục hành chính chứa nội dung bí mật nhà nước.',
    ].join('\n'), { id: 'nd-63.md#D1', docId: 'nd-63.md' });
    const q = 'Thủ tục thanh tra có thuộc phạm vi điều chỉnh của NĐ 63/2010 về kiểm soát thủ tục hành chính không?';
    const d = answer([hit(scope, 10, nd63)], q);
    expect(d?.path).toBe('Điểm b Khoản 2 Điều 1');
    expect(d?.intro).toBe('Nghị định không áp dụng cho: b)');
    // "thủ tục" ("thủ tục thanh tra") and "chính" ("điều chỉnh" folds to "dieu chinh") are used outside the name: they stay.
    expect([...titleNamingFolds(q, nd63)].sort()).toEqual(['hanh', 'kiem', 'soat']);
    expect([...titleNamingFolds('nd 63 ve kiem soat tthc co ap dung cho thu tuc thanh tra ko', nd63)].sort()).toEqual(['chinh', 'hanh', 'kiem', 'soat', 'tthc']);
    // Not right after the number, or another document's number: the words are what is asked.
    expect(titleNamingFolds('nd 63 quy định gì về kiểm soát thủ tục hành chính', nd63).size).toBe(0);
    expect(titleNamingFolds('nd 30 về kiểm soát thủ tục hành chính', nd63).size).toBe(0);
  });

  it('answers "bao nhiêu %" with the sentence that gives a share, not one that only has years', () => {
    const goals = chunk('2', 'Mục tiêu', [
      'Đề án thực hiện trong giai đoạn 2022 – 2030, với các mốc mục tiêu năm 2025 và năm 2030.',
      'Đến năm 2025 có trên 85% và đến năm 2030 có trên 95% cán bộ được bồi dưỡng.',
    ].join('\n'));
    expect(answer([hit(goals)], 'mục tiêu đến 2025, 2030 là bao nhiêu %')?.sentences[0]).toMatch(/^Đến năm 2025 có trên 85%/u);
  });

  it('does not quote a clause that only repeats the direct answer (it is still cited)', () => {
    const d = answer([hit(D17)], 'thời hạn giải quyết hồ sơ trực tuyến tính từ khi nào');
    expect(d?.quotes[0]).toMatchObject({ shown: false, path: 'Khoản 3 Điều 17' });
  });

  it('adds a second quote only when it brings a word or fact the lead lacks', () => {
    const d = answer([hit(D17)], 'hồ sơ nộp trực tiếp kiểm tra gì, nộp trực tuyến thì thông báo tiếp nhận trong bao lâu');
    expect(d?.quotes.map((q) => q.path).sort()).toEqual(['Khoản 1 Điều 17', 'Khoản 2 Điều 17']);
    const single = answer([hit(D17)], 'thông báo tiếp nhận hồ sơ trực tuyến không muộn hơn mấy giờ');
    expect(single?.quotes).toHaveLength(1);
  });

  it('is extractive: the lead and the quotes are the passage’s own sentences', () => {
    const questions = ['bộ phận một cửa là gì', 'hồ sơ trực tuyến thông báo trong bao lâu', 'hồ sơ đầy đủ thì chuyển cho ai', 'thời hạn giải quyết tính từ khi nào'];
    const all = [D3, D17, D18].map((c) => c.text).join('\n');
    for (const q of questions) {
      const d = answer([hit(D3, 10), hit(D17, 9), hit(D18, 8)], q);
      expect(d, q).toBeDefined();
      for (const s of d?.sentences ?? []) expect(all, `lead of "${q}" is not in the passages`).toContain(s.replace(/[.;:]$/u, ''));
      for (const quote of d?.quotes ?? []) {
        for (const line of quote.text.split('\n')) expect(all, `quote of "${q}"`).toContain(line.replace(/^…\s*|\s*…$/gu, '').replace(/^(\d+\.)\s*…\s*/u, '$1 '));
      }
    }
  });

  it('prefers a document in force to a replaced one of the same rank (the composer orders the hits)', () => {
    const old = hit({ ...D17, id: 'nd-61.md#D17', docId: 'nd-61.md' }, 9, { number: '61/2018/NĐ-CP', title: 'Nghị định cũ', status: 'replaced' });
    const d = answer([hit(D17, 9), old], 'hồ sơ nộp trực tuyến thì bao lâu phải thông báo tiếp nhận');
    expect(d?.hit.doc.number).toBe('118/2025/NĐ-CP');
  });

  it('rests the lead on the first hit’s document even when another document’s sentence shares more words', () => {
    const other: DocumentMeta = { number: '63/2010/NĐ-CP', title: 'Nghị định về kiểm soát thủ tục', status: 'in_force', kind: 'summary' };
    const duties = hit(
      chunk('18', 'Trách nhiệm của cơ quan thực hiện thủ tục hành chính', 'Cơ quan tiếp nhận hồ sơ phải ghi rõ lý do khi từ chối tiếp nhận hồ sơ và hướng dẫn người nộp hồ sơ bổ sung.', { id: 'nd-63.md#D18', docId: 'nd-63.md' }),
      9.5,
      other,
    );
    const d = answer([hit(D17, 10), duties], 'từ chối tiếp nhận hồ sơ có phải ghi rõ lý do không');
    expect(d?.hit.doc.number, 'the lead left the best source for a sentence of the second document').toBe('118/2025/NĐ-CP');
    expect(d?.quotes.map((q) => q.hit.doc.number), 'the other document may still be quoted second').toContain('63/2010/NĐ-CP');
  });

  it('takes the lead from another document only when the first one shares no content word', () => {
    const other: DocumentMeta = { number: '42/2022/NĐ-CP', title: 'Nghị định về dịch vụ công trực tuyến', status: 'in_force', kind: 'summary' };
    const online = hit(chunk('9', 'Dịch vụ công toàn trình', 'Dịch vụ công toàn trình cho phép nộp và nhận kết quả hoàn toàn trên mạng.', { id: 'nd-42.md#D9', docId: 'nd-42.md' }), 5, other);
    expect(answer([hit(D18, 10), online], 'dịch vụ công toàn trình là gì')?.hit.doc.number).toBe('42/2022/NĐ-CP');
  });

  it('matches a word typed with tone marks as typed: "ký" is not "kỹ"', () => {
    const rules = chunk('9', 'Quy định chung', ['1. Cán bộ phải có kỹ năng giao tiếp.', '2. Cán bộ phải ký văn bản đúng thẩm quyền.'].join('\n'));
    expect(answer([hit(rules)], 'cán bộ ký thế nào')?.path).toBe('Khoản 2 Điều 9');
    // A mark no passage writes is taken for a slip of the keyboard: matched folded.
    const skills = chunk('9', 'Quy định chung', ['1. Cán bộ nghỉ phép.', '2. Cán bộ học kỹ năng.'].join('\n'));
    expect(answer([hit(skills)], 'cán bộ kỵ')?.path).toBe('Khoản 2 Điều 9');
  });

  it('gives up (the caller quotes passages) when no sentence shares a content word with the question', () => {
    expect(answer([hit(D17)], 'lương hưu cán bộ ra sao')).toBeUndefined();
  });

  it('takes the next sentence’s time limit along when a short lead states only a first step’s', () => {
    const steps = chunk(
      '17',
      'Tiếp nhận hồ sơ thủ tục hành chính',
      '2. Với hồ sơ nộp trực tuyến, trong vòng 02 giờ hệ thống báo cho người tiếp nhận để kiểm tra. Người tiếp nhận thông báo kết quả kiểm tra không muộn hơn 08 giờ làm việc kể từ khi hệ thống nhận hồ sơ.',
    );
    const d = answer([hit(steps)], 'hồ sơ nộp trực tuyến bao lâu thì phải tiếp nhận');
    expect(d?.sentences).toEqual([
      'Với hồ sơ nộp trực tuyến, trong vòng 02 giờ hệ thống báo cho người tiếp nhận để kiểm tra.',
      'Người tiếp nhận thông báo kết quả kiểm tra không muộn hơn 08 giờ làm việc kể từ khi hệ thống nhận hồ sơ.',
    ]);
    // A long sentence with its own time limit is a whole provision: it stands alone.
    const whole = chunk(
      '19',
      'Giải quyết thủ tục hành chính',
      '5. Hồ sơ trực tuyến chưa đủ điều kiện thì cơ quan có thẩm quyền trả lại cho Bộ phận Một cửa kèm thông báo nêu rõ lý do trong không quá 03 ngày làm việc kể từ ngày tiếp nhận, trừ khi pháp luật chuyên ngành quy định khác. Sau 15 ngày kể từ ngày thông báo mà không bổ sung thì trả lại hồ sơ.',
    );
    expect(answer([hit(whole)], 'hồ sơ trực tuyến chưa đủ điều kiện thì trả lại trong bao lâu')?.sentences).toHaveLength(1);
  });
});

describe('a question that names an article', () => {
  const D19 = chunk(
    '19',
    'Giải quyết thủ tục hành chính',
    [
      '1. Người đứng đầu cơ quan có thẩm quyền phân công người xử lý, thẩm định hồ sơ.',
      '2. Người xử lý kiểm tra tài liệu điện tử do Bộ phận Một cửa chuyển đến.',
      '6. Hồ sơ dự kiến quá hạn thì cơ quan giải quyết có văn bản xin lỗi gửi tổ chức, cá nhân.',
    ].join('\n'),
  );
  const cites19 = chunk('17', 'Tiếp nhận hồ sơ', '3. Người được phân công giải quyết thì giải quyết theo Điều 19 Nghị định 118 và cập nhật kết quả.');

  it('answers "Điều N … quy định gì" with the opening of that article, not a sentence that cites it', () => {
    for (const q of ['điều 19 nđ 118 nói gì', 'dieu 19 nd 118 quy dinh ve cai gi', 'Điều 19 Nghị định 118/2025/NĐ-CP quy định những gì']) {
      const d = answer([hit(D19, 20), hit(cites19, 8)], q);
      expect(d?.path, q).toBe('Khoản 1 Điều 19');
      expect(d?.sentences, q).toEqual(['Người đứng đầu cơ quan có thẩm quyền phân công người xử lý, thẩm định hồ sơ.']);
    }
  });

  it('answers with the clause named with it', () => {
    const d = answer([hit(D19, 20), hit(cites19, 8)], 'điều 19 nđ 118 khoản 6 nói gì');
    expect(d?.path).toBe('Khoản 6 Điều 19');
  });

  it('keeps a reference to another document as what is asked about', () => {
    const law72: DocumentMeta = { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', status: 'in_force', kind: 'summary' };
    const d51 = chunk('51', 'Hiệu lực thi hành', ['1. Luật có hiệu lực thi hành từ ngày được thông qua.', '2. Luật Tổ chức chính quyền địa phương số 65/2025/QH15 hết hiệu lực từ ngày Luật này có hiệu lực.'].join('\n'));
    expect(answer([hit(d51, 10, law72)], 'luat 65/2025 con hieu luc ko')?.path).toBe('Khoản 2 Điều 51');
  });
});

describe('a question about a list of kinds', () => {
  const D36 = chunk(
    '36',
    'Hình thức kỷ luật đối với công chức',
    [
      '1. Công chức vi phạm bị áp dụng một trong các hình thức:',
      'a) Khiển trách;',
      'b) Cảnh cáo;',
      'c) Buộc thôi việc.',
      '2. Công chức bị kết án phạt tù không được hưởng án treo thì đương nhiên bị buộc thôi việc; công chức lãnh đạo, quản lý bị kết án thì thôi giữ chức vụ.',
      '3. Chính phủ quy định chi tiết về xử lý kỷ luật.',
    ].join('\n'),
  );

  it('leads with the clause that lists them, its points in the lead', () => {
    const a = answer([hit(D36)], 'cán bộ công chức bị kỷ luật có mấy hình thức');
    expect(a?.path).toBe('Khoản 1 Điều 36');
    expect(a?.sentences).toEqual(['Công chức vi phạm bị áp dụng một trong các hình thức: a) Khiển trách; b) Cảnh cáo; c) Buộc thôi việc.']);
    expect(a?.quotes[0].shown, 'the quote would repeat the lead').toBe(false);
  });

  const D1 = chunk(
    '1',
    'Đơn vị hành chính',
    [
      '1. Đơn vị hành chính được tổ chức thành 02 cấp:',
      'a) Cấp tỉnh, gồm tỉnh và thành phố trực thuộc trung ương;',
      'b) Cấp xã, gồm xã, phường và đặc khu trực thuộc cấp tỉnh.',
      '2. Ngoài ra có đơn vị hành chính – kinh tế đặc biệt do Quốc hội quyết định thành lập.',
    ].join('\n'),
  );
  const D2 = chunk(
    '2',
    'Đơn vị hành chính',
    [
      'Theo Luật này, đơn vị hành chính được tổ chức thành ba cấp:',
      '1. Cấp tỉnh, gồm tỉnh và thành phố trực thuộc trung ương;',
      '2. Cấp huyện, gồm huyện, quận, thị xã;',
      '3. Cấp xã, gồm xã, phường và thị trấn.',
      'Đơn vị hành chính – kinh tế đặc biệt do Quốc hội quyết định.',
    ].join('\n'),
  );

  it('answers with the whole list when one item shares most words with the question (a point under its clause)', () => {
    const q = 'đơn vị hành chính cấp tỉnh gồm những gì';
    const a = answer([hit(D1)], q);
    expect(a?.path).toBe('Khoản 1 Điều 1');
    expect(a?.sentences[0]).toBe('Đơn vị hành chính được tổ chức thành 02 cấp: a) Cấp tỉnh, gồm tỉnh và thành phố trực thuộc trung ương; b) Cấp xã, gồm xã, phường và đặc khu trực thuộc cấp tỉnh.');
    expect(answer([hit(D1)], 'thành phố trực thuộc trung ương thuộc cấp tỉnh phải không')?.path, 'the item itself answers a question that asks for no list').toBe('Điểm a Khoản 1 Điều 1');
  });

  it('answers with an article lead-in and the clauses it introduces', () => {
    const a = answer([hit(D2)], 'đơn vị hành chính cấp huyện có mấy cấp');
    expect(a?.path).toBe('Điều 2');
    expect(a?.sentences[0]).toBe('Theo Luật này, đơn vị hành chính được tổ chức thành ba cấp: 1. Cấp tỉnh, gồm tỉnh và thành phố trực thuộc trung ương; 2. Cấp huyện, gồm huyện, quận, thị xã; 3. Cấp xã, gồm xã, phường và thị trấn.');
    expect(a?.quotes[0].text, 'the quote holds the clauses, and not the line after them').not.toContain('kinh tế đặc biệt');
  });

  it('reads "có", "bị", "mấy" typed with diacritics as function words, not as "cơ", "bí", "máy"', () => {
    expect([...functionFolds('công chức bị kỷ luật có mấy hình thức')].sort()).toEqual(['bi', 'co', 'may']);
    expect([...functionFolds('cơ quan có thẩm quyền là ai')], '"cơ" folds like "có": both kept').toEqual([]);
    // Without diacritics, "bi" and "co" are read from their neighbours ("bí mật", "cơ quan" would be content
    // words); "may" is left a content word ("máy tính").
    expect([...functionFolds('cong chuc bi ky luat co may hinh thuc')].sort()).toEqual(['bi', 'co']);
    expect([...functionFolds('co quan co tham quyen la ai')], 'the first "co" of "cơ quan" keeps "co" a content word').toEqual([]);
  });
});

describe('a list question answered by an article whose clauses are the list', () => {
  const D15 = chunk(
    '15',
    'Cách thức nộp hồ sơ, nhận kết quả giải quyết thủ tục hành chính',
    ['1. Nộp hồ sơ, nhận kết quả trực tiếp tại Bộ phận Một cửa.', '2. Qua dịch vụ bưu chính công ích hoặc qua ủy quyền.', '3. Trực tuyến tại Cổng Dịch vụ công quốc gia.'].join('\n'),
  );

  it('leads with all the numbered clauses and cites the article', () => {
    const a = answer([hit(D15)], 'dân có mấy cách nộp hồ sơ');
    expect(a?.path).toBe('Điều 15');
    expect(a?.sentences).toEqual(['1. Nộp hồ sơ, nhận kết quả trực tiếp tại Bộ phận Một cửa. 2. Qua dịch vụ bưu chính công ích hoặc qua ủy quyền. 3. Trực tuyến tại Cổng Dịch vụ công quốc gia.']);
    expect(a?.quotes.map((q) => q.shown)).toEqual([false]);
  });

  it('keeps one clause when it states the list itself, when the clauses are long rules, or when the question asks no list', () => {
    const members = chunk('8', 'Ủy ban nhân dân', ['1. Ủy ban nhân dân do Hội đồng nhân dân cùng cấp bầu.', '2. Thành phần Ủy ban nhân dân gồm Chủ tịch, các Phó Chủ tịch và các Ủy viên.'].join('\n'));
    expect(answer([hit(members)], 'thành phần ủy ban nhân dân gồm những ai')?.path).toBe('Khoản 2 Điều 8');
    const long = chunk('15', 'Cách thức nộp hồ sơ', ['1. Nộp hồ sơ trực tiếp tại Bộ phận Một cửa.', `2. ${'Qua dịch vụ bưu chính công ích, '.repeat(8)}hoặc qua ủy quyền.`].join('\n'));
    expect(answer([hit(long)], 'dân có mấy cách nộp hồ sơ')?.path).toMatch(/^Khoản \d Điều 15$/u);
    expect(answer([hit(D15)], 'nộp hồ sơ trực tuyến ở đâu')?.path).toBe('Khoản 3 Điều 15');
  });
});

describe('directAnswer: a step named in one article and detailed in another', () => {
  const ND30: DocumentMeta = { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force', kind: 'summary' };
  const steps = chunk('14', 'Quy trình quản lý văn bản đi', ['1. Kiểm tra thể thức, kỹ thuật trình bày văn bản.', '2. Cấp số, thời gian ban hành văn bản.', '3. Đăng ký văn bản đi.'].join('\n'), { id: 'nd30.md#D14', docId: 'nd30.md' });
  const detail = chunk(
    '15',
    'Cấp số, thời gian ban hành văn bản',
    ['1. Số và thời gian ban hành được lấy theo thứ tự ban hành trong năm.', '2. Với văn bản giấy, việc cấp số thực hiện sau khi người có thẩm quyền ký; văn bản mật có hệ thống số riêng.'].join('\n'),
    { id: 'nd30.md#D15', docId: 'nd30.md' },
  );
  const q = 'cấp số văn bản đi thế nào khi văn bản là mật';

  it('leads with the detailing article, not with the bare name of the step', () => {
    const a = answer([hit(steps, 12, ND30), hit(detail, 9, ND30)], q);
    expect(a?.path).toBe('Khoản 2 Điều 15');
    expect(a?.sentences[0]).toContain('văn bản mật có hệ thống số riêng');
    expect(a?.quotes.map((x) => x.text).join(' '), 'the bare step name is not quoted either').not.toContain('Cấp số, thời gian ban hành văn bản.');
  });

  it('keeps a step that no chosen article details', () => {
    expect(answer([hit(steps, 12, ND30)], 'văn bản đi phải đăng ký không')?.path).toBe('Khoản 3 Điều 14');
  });
});

describe('directAnswer: a count of what is asked', () => {
  const QD: DocumentMeta = { number: '4599/QĐ-UBND', title: 'Quyết định phê duyệt Đề án', status: 'in_force', kind: 'summary' };
  const goals = chunk('1', 'Mục tiêu của Đề án', 'Đồng thời, 100% số người này được tiếp cận tài liệu về cải cách hành chính để tra cứu khi làm nhiệm vụ.', { id: 'qd.md#1', docId: 'qd.md' });
  const contents = chunk(
    '2',
    'Nội dung thực hiện',
    `Đề án có 05 nội dung, chia thành 10 nhiệm vụ cụ thể: ${Array.from({ length: 4 }, (_, i) => `nhiệm vụ thứ ${i + 1} về đào tạo, bồi dưỡng cán bộ, công chức làm công tác cải cách hành chính`).join('; ')}.`,
    { id: 'qd.md#2', docId: 'qd.md' },
  );

  it('leads with the sentence that counts the thing asked, not with any figure', () => {
    expect(contents.text.length, 'long enough to be penalised for its length').toBeGreaterThan(400);
    const a = answer([hit(contents, 10, QD), hit(goals, 9, QD)], 'đề án có bao nhiêu nhiệm vụ');
    expect(a?.sentences[0]).toMatch(/^Đề án có 05 nội dung, chia thành 10 nhiệm vụ/);
  });

  it('reads what a quantity question counts, and whether a sentence counts it', () => {
    expect(countedNoun('đề án 4599 có bao nhiêu nhiệm vụ')).toBe('nhiem');
    expect(countedNoun('thi tuyển mấy vòng')).toBe('vong');
    expect(countedNoun('phạt tối đa bao nhiêu tiền'), 'money is counted in đồng').toBe('dong');
    expect(countedNoun('tỷ lệ là bao nhiêu')).toBeUndefined();
    expect(countedNoun('bồi dưỡng bao nhiêu một ngày'), 'a number word is no noun').toBeUndefined();
    expect(countedNoun('lap ban mo ta cong viec theo mau so bao nhieu cua phu luc VI'), 'a number that names counts nothing').toBeUndefined();
    expect(countedNoun('công văn đi đánh số mấy trong năm'), 'nor does a function word after it').toBeUndefined();
    expect(countedNoun('phiếu xếp loại theo mẫu số mấy phụ lục II')).toBeUndefined();
    expect(statesCountOf('Đề án có 05 nội dung, chia thành 10 nhiệm vụ cụ thể', 'nhiem')).toBe(true);
    expect(statesCountOf('Năm nội dung thực hiện', 'noi')).toBe(true);
    expect(statesCountOf('100% số người này khi làm nhiệm vụ', 'nhiem')).toBe(false);
    expect(statesCountOf('phạt tiền đến 15.000.000 đồng', 'dong')).toBe(true);
  });

  it('leads a figure asked of one item of a list with the sentence introducing the list, which states it', () => {
    const BL: DocumentMeta = { number: '01/VBHN-VPQH', title: 'Bộ luật Hình sự', status: 'in_force' };
    const crimes = chunk(
      '110',
      'Tội gián điệp',
      [
        '1. Người nào có một trong các hành vi sau đây, thì bị phạt tù từ 12 năm đến 20 năm, tù chung thân hoặc tử hình:',
        'a) Hoạt động tình báo, phá hoại hoặc gây cơ sở để hoạt động tình báo, phá hoại chống nước Cộng hòa xã hội chủ nghĩa Việt Nam;',
        'b) Gây cơ sở để hoạt động tình báo, phá hoại theo sự chỉ đạo của nước ngoài; hoạt động thám báo, chỉ điểm, chứa chấp, dẫn đường hoặc thực hiện hành vi khác giúp người nước ngoài hoạt động tình báo, phá hoại;',
        'c) Cung cấp hoặc thu thập nhằm cung cấp bí mật Nhà nước cho nước ngoài; thu thập, cung cấp tin tức, tài liệu khác nhằm mục đích để nước ngoài sử dụng chống nước Cộng hòa xã hội chủ nghĩa Việt Nam.',
        '2. Phạm tội trong trường hợp ít nghiêm trọng, thì bị phạt tù từ 05 năm đến 15 năm.',
      ].join('\n'),
      { id: 'bl.md#110', docId: 'bl.md' },
    );
    const q = 'hành vi hoạt động tình báo, phá hoại chống nước Cộng hòa xã hội chủ nghĩa Việt Nam bị phạt tối thiểu bao nhiêu năm tù';
    const a = answer([hit(crimes, 10, BL)], q);
    expect(a?.sentences[0]).toMatch(/^Người nào có một trong các hành vi sau đây, thì bị phạt tù từ 12 năm đến 20 năm/);
    // Asked what the item is, the item itself leads.
    expect(answer([hit(crimes, 10, BL)], 'hoạt động tình báo chống nước Cộng hòa xã hội chủ nghĩa Việt Nam là hành vi gì')?.sentences[0]).toMatch(/Hoạt động tình báo/);
  });
});

describe('askedFacts', () => {
  it.each([
    ['công chức bị kỷ luật có mấy hình thức', ['quantity', 'list']],
    ['thời hạn giải quyết là bao lâu', ['time']],
    ['thoi han giai quyet la bao lau', ['time']],
    ['đề án có mấy nội dung', ['quantity', 'list']],
    ['tỷ lệ hồ sơ trực tuyến đạt bao nhiêu %', ['quantity', 'percent']],
    ['thủ tục hành chính là gì', ['definition']],
    ['cổng dịch vụ công quốc gia có chức năng gì', ['definition']],
    ['ai phê duyệt danh mục hồ sơ', ['who']],
    ['hồ sơ gồm những gì', ['list']],
    ['dân có mấy cách nộp hồ sơ', ['list']],
    ['nộp hồ sơ bằng những cách nào', ['list']],
    ['máy tính ở bộ phận một cửa', []],
    ['thế nào thì gọi là một cửa liên thông', ['definition']],
    ['the nao la thu tuc hanh chinh', ['definition']],
    ['hồi trước gọi là bộ phận tiếp nhận, đổi tên từ lúc nào', ['time']],
    ['luật này bắt đầu áp dụng ngày mấy', ['time']],
    ['đề án do sở nào chủ trì', ['who']],
  ])('%s → %j', (q, kinds) => {
    expect(askedFacts(q)).toEqual(kinds);
  });

  it('reads when in the year, or how often, as a statement of time', () => {
    expect(statedFacts('Đầu mỗi năm, người đứng đầu cơ quan phê duyệt Danh mục hồ sơ.', ['time'])).toEqual(['time']);
    expect(statedFacts('Định kỳ hằng quý, Bộ phận Một cửa báo cáo kết quả.', ['time'])).toEqual(['time']);
    expect(statedFacts('Người đứng đầu cơ quan phê duyệt Danh mục hồ sơ.', ['time'])).toEqual([]);
  });
});

describe('a count written out', () => {
  it('leads with the sentence that counts in words ("gồm sáu nội dung") over one that only shares more words', () => {
    const nq76: DocumentMeta = { number: '76/NQ-CP', title: 'Nghị quyết ban hành Chương trình tổng thể', status: 'in_force', kind: 'summary' };
    const contents = chunk('1', 'Sáu nội dung cải cách hành chính', 'Chương trình tổng thể gồm sáu nội dung: cải cách thể chế; cải cách thủ tục hành chính; cải cách chế độ công vụ.', { id: 'nq76.md#s1', docId: 'nq76.md' });
    const validity = chunk('2', 'Hiệu lực của Nghị quyết', 'Nghị quyết số 76/NQ-CP ban hành Chương trình tổng thể cải cách hành chính nhà nước cho giai đoạn 2021 – 2030.', { id: 'nq76.md#s2', docId: 'nq76.md' });
    const a = answer([hit(contents, 10, nq76), hit(validity, 8, nq76)], 'Chương trình tổng thể cchc giai đoạn 2021-2030 theo NQ 76 gồm mấy nội dung cải cách?');
    expect(a?.sentences.join(' ')).toMatch(/^Chương trình tổng thể gồm sáu nội dung/u);
    expect(statedFacts('Chương trình tổng thể gồm sáu nội dung.', ['quantity'])).toEqual(['quantity']);
  });
});

describe('dayMissing', () => {
  it('finds a day of the week or a day off asked and a lead that speaks of none', () => {
    const lead = ['Cơ quan trung ương tổ chức theo ngành dọc ở địa phương cử người ra làm việc tại Trung tâm Phục vụ hành chính công cấp tỉnh, cấp xã.'];
    expect(dayMissing('trung tâm phục vụ hcc cấp xã có phải làm việc sáng thứ 7 ko ạ', lead)).toBe(true);
    expect(dayMissing('bpmc co lam viec chu nhat ko', lead)).toBe(true);
    expect(dayMissing('ngày lễ có trực bộ phận một cửa không', lead)).toBe(true);
    expect(dayMissing('thứ 7 có làm việc không', lead), 'a day opening the question').toBe(true);
  });

  it('accepts a lead that speaks of the day or of days off, and reads "thứ N" after a noun as an ordinal', () => {
    expect(dayMissing('trực ca thứ 7 thì có được nghỉ bù không', ['Được nghỉ bù khi làm thêm giờ, làm việc vào ngày nghỉ.'])).toBe(false);
    expect(dayMissing('sáng thứ bảy có mở cửa không', ['Trung tâm làm việc từ thứ hai đến sáng thứ bảy.'])).toBe(false);
    expect(dayMissing('noi dung thu 4 cua de an 4599 la gi', ['Đề án có năm nội dung.'])).toBe(false);
    expect(dayMissing('lần thứ hai vi phạm thì xử lý thế nào', ['Vi phạm thì bị xử lý kỷ luật.'])).toBe(false);
    expect(dayMissing('thời hạn giải quyết mấy ngày làm việc', ['Trong 03 ngày làm việc.'])).toBe(false);
  });
});

describe('paymentMissing', () => {
  it('finds who pays or whether a fee is due, asked of a lead that speaks of no payment', () => {
    const lead = ['Doanh nghiệp bưu chính công ích không được cản trở việc giải quyết thủ tục.'];
    expect(paymentMissing('nop ho so qua buu chinh cong ich thi cuoc phi gui ho so ai tra, dan hay co quan giai quyet', lead)).toBe(true);
    expect(paymentMissing('Cán bộ xã xin cấp chữ ký số có phải đóng phí không hay được cấp miễn phí', lead)).toBe(true);
    expect(paymentMissing('dân có phải trả tiền sao y không', lead)).toBe(true);
    expect(paymentMissing('nhận kết quả qua bưu điện thì tiền cước gửi do dân trả hay cơ quan giải quyết trả?', lead)).toBe(true);
  });

  it('accepts a lead on fees or costs, and reads "ai trả lời", "ai chịu trách nhiệm", "ai nộp hồ sơ" as no payment asked', () => {
    expect(paymentMissing('cước gửi kết quả ai trả', ['Tổ chức, cá nhân trả phí dịch vụ bưu chính theo giá cước.'])).toBe(false);
    expect(paymentMissing('hồ sơ làm mất thì ai chịu chi phí', ['Người làm mất chịu chi phí xin cấp lại giấy tờ.'])).toBe(false);
    for (const q of ['ai trả lời phản ánh kiến nghị', 'ai chịu trách nhiệm', 'ai trả kết quả cho dân', 'ai nộp hồ sơ']) expect(paymentMissing(q, ['Bộ phận Một cửa tiếp nhận.']), q).toBe(false);
  });
});

describe('appearanceMissing', () => {
  it('finds a colour or a size asked and a lead that names none', () => {
    const lead = ['Người làm việc tại Bộ phận Một cửa mặc đồng phục hoặc trang phục ngành, đeo thẻ công chức.'];
    expect(appearanceMissing('Đồng phục có quy định bắt buộc màu gì, kiểu gì không ạ?', lead)).toBe(true);
    expect(appearanceMissing('Mẫu thẻ CC đeo lúc tiếp công dân thì kích thướt, màu sắc ra sao ạ?', lead)).toBe(true);
    expect(appearanceMissing('the cong chuc kich thuoc bao nhieu', lead)).toBe(true);
  });

  it('accepts a lead that names a colour or a size, and does not read folded "mẫu nào", "có mấy" as a colour or a size', () => {
    expect(appearanceMissing('mực ký màu gì ạ', ['Chữ ký trên văn bản giấy dùng mực màu xanh.'])).toBe(false);
    expect(appearanceMissing('văn bản in khổ giấy gì', ['Văn bản trình bày trên khổ A4.'])).toBe(false);
    expect(appearanceMissing('dung mau nao de bao cao', ['Báo cáo theo Mẫu số 01.'])).toBe(false);
    expect(appearanceMissing('xa co may cong chuc', ['Xã có công chức chuyên môn.'])).toBe(false);
  });
});

describe('directAnswer: a colour or a size asked', () => {
  it('leads with the point that names the colour asked, before a point of the same clause sharing more words', () => {
    const d33 = chunk(
      '33',
      'Sử dụng con dấu, thiết bị lưu khóa bí mật',
      [
        '1. Sử dụng con dấu:',
        'a) Hình dấu phải rõ nét, ngay ngắn, đúng chiều; mực dấu màu đỏ theo quy định;',
        'd) Việc đóng dấu treo, dấu giáp lai, dấu nổi do người đứng đầu cơ quan, tổ chức quy định;',
      ].join('\n'),
    );
    expect(answer([hit(d33)], 'đóng dấu thì mực màu gì mới đúng')?.sentences.join(' ')).toMatch(/màu đỏ/u);
    expect(answer([hit(d33)], 'đóng dấu treo do ai quy định')?.sentences.join(' '), 'no colour asked').toMatch(/dấu treo/u);
  });

  it('asked a colour and a size, leads with the sentence naming both before one naming only sizes', () => {
    const d9 = chunk(
      '9',
      'Kỹ thuật trình bày văn bản',
      // Điều 9 of Nghị định 30/2020 as knowledge/ summarises it.
      'Kỹ thuật trình bày văn bản gồm khổ giấy, kiểu trình bày, định lề trang, phông chữ, cỡ chữ, kiểu chữ, vị trí các thành phần thể thức và số trang; văn bản hành chính trình bày theo Phụ lục I, viết hoa theo Phụ lục II, chữ viết tắt tên loại văn bản theo Phụ lục III của Nghị định. Một số yêu cầu cơ bản của Phụ lục I (Phần I): khổ giấy A4 (210 mm x 297 mm), trình bày theo chiều dài trang; phông chữ Times New Roman, bộ mã Unicode theo TCVN 6909:2001, màu đen; lề trên và lề dưới cách mép 20 – 25 mm, lề trái 30 – 35 mm, lề phải 15 – 20 mm; phần nội dung dùng cỡ chữ từ 13 đến 14; số trang đánh bằng chữ số Ả Rập, đặt giữa phần lề trên, không hiển thị số ở trang thứ nhất; ngày nhỏ hơn 10 và tháng 1, tháng 2 phải thêm số 0 phía trước.',
    );
    expect(answer([hit(d9)], 'văn bản hành chính in giấy gì, chữ màu gì, nội dung cỡ mấy')?.sentences[0]).toMatch(/màu đen/u);
  });
});

describe('placeMissing', () => {
  it('finds an "ở đâu" answered by a lead that says no place', () => {
    expect(placeMissing('truoc 1/7/2025 bo phan tiep nhan va tra ket qua cap huyen dat o dau', ['Mô hình bốn cấp không còn áp dụng từ ngày 01/7/2025, khi chính quyền cấp huyện kết thúc hoạt động.'])).toBe(true);
    expect(placeMissing('lịch tiếp công dân niêm yết tại đâu', ['Lịch tiếp công dân ghi rõ thời gian và thành phần tiếp.'])).toBe(true);
  });

  it('reads where asked, but not "X khác Y ở chỗ nào" (how two things differ)', () => {
    expect(askedFacts('công chức chuyển sang xã khác hồi tháng 9 thì cuối năm nơi nào xếp loại')).toContain('place');
    expect(askedFacts('nop ho so o dau')).toContain('place');
    expect(askedFacts('luân chuyển khác điều động ở chỗ nào')).not.toContain('place');
    expect(askedFacts('hai mức dịch vụ công khác nhau ở đâu')).not.toContain('place');
  });

  it('accepts any word that says where, and reads "khác nhau chỗ nào" as no place asked', () => {
    expect(placeMissing('nộp hồ sơ ở đâu', ['Hồ sơ nộp trực tiếp tại Bộ phận Một cửa hoặc trực tuyến.'])).toBe(false);
    expect(placeMissing('csdl quoc gia ve tthc tra cuu o dau', ['Cổng gồm Cơ sở dữ liệu quốc gia về thủ tục hành chính.'])).toBe(false);
    expect(placeMissing('luân chuyển khác điều động ở chỗ nào', ['Luân chuyển là việc cử công chức giữ chức vụ khác trong một thời hạn.'])).toBe(false);
    expect(placeMissing('thủ tục này do ai giải quyết', ['Chủ tịch Ủy ban nhân dân xã giải quyết.'])).toBe(false);
  });
});

describe('durationMissing', () => {
  it('takes how often ("định kỳ hằng năm") for "bao lâu 1 lần", not for "bao lâu"', () => {
    const lead = ['Việc kiểm tra được tiến hành định kỳ hằng năm hoặc đột xuất.'];
    expect(durationMissing('kiem tra hoat dong KSTTHC bao lau 1 lan', lead)).toBe(false);
    expect(durationMissing('ket qua kiem tra phai luu trong bao lau', lead)).toBe(true);
  });

  it('finds a "bao lâu / mấy ngày" answered with no span of time', () => {
    expect(durationMissing('camera o bo phan mot cua phai luu du lieu hinh anh trong bao lau', ['Thủ tục không phải thẩm tra thì thẩm định, trình quyết định và trả kết quả.'])).toBe(true);
    expect(durationMissing('công chức bị khiển trách thì bao lâu được nâng lương', ['Số công chức hoàn thành xuất sắc không vượt quá 20% số công chức hoàn thành tốt nhiệm vụ.'])).toBe(true);
    expect(durationMissing('hồ sơ phải bổ sung trong mấy ngày', ['Người tiếp nhận hướng dẫn bổ sung hồ sơ một lần.'])).toBe(true);
  });

  it('accepts a number of days, months or years, an immediate time, an end set by an event, or a span left to an authority', () => {
    const q = 'thời hạn đại diện là bao lâu';
    expect(durationMissing(q, ['Thời hạn đại diện là 01 năm, kể từ thời điểm phát sinh quyền đại diện.'])).toBe(false);
    expect(durationMissing(q, ['Thời hạn đại diện được tính đến thời điểm chấm dứt giao dịch dân sự đó.'])).toBe(false);
    expect(durationMissing('hồ sơ nhận trực tiếp bao lâu phải chuyển', ['Hồ sơ nhận trực tiếp được chuyển ngay trong ngày làm việc.'])).toBe(false);
    expect(durationMissing('tạm đình chỉ tối đa mấy ngày', ['Thời hạn tạm đình chỉ do Chính phủ quy định.'])).toBe(false);
    expect(durationMissing('xep loai dinh ky bao lau 1 lan', ['Định kỳ 03 tháng họp một lần.'])).toBe(false);
  });

  it('leaves alone questions on a date or a moment', () => {
    const none = ['Khi cán bộ có dấu hiệu vi phạm, người đứng đầu có thể tạm đình chỉ công tác.'];
    expect(durationMissing('cc được tạm đình chỉ công tác khi nào', none)).toBe(false);
    expect(durationMissing('nq 76 co hieu luc tu ngay nao', none)).toBe(false);
    expect(durationMissing('cong chuc cu chua duoc bo tri vtvl thi den bao gio phai xong', none)).toBe(false);
  });
});

describe('quotedMissing', () => {
  it('finds short phrases the question quotes that the answer names none of', () => {
    const q = 'Theo NĐ 30 thì chữ viết tắt tên loại của “hướng dẫn”, “công điện” và “biên bản” là gì?';
    expect(quotedMissing(q, ['Chữ viết tắt tên loại văn bản theo Phụ lục III, ví dụ QĐ-UBND, KH-SNV.'])).toEqual(['hướng dẫn', 'công điện', 'biên bản']);
    expect(quotedMissing(q, ['Biên bản viết tắt là BB.']), 'one of them named').toBeUndefined();
    expect(quotedMissing('tên gọi chung “Bộ phận Một cửa” bắt đầu có từ nghị định nào', ['Bộ phận Một cửa là tên gọi chung của …'])).toBeUndefined();
    expect(quotedMissing('"Người dân có thể gửi hồ sơ qua dịch vụ bưu chính công ích đến Trung tâm." đúng không', ['Khác hẳn.']), 'a quoted sentence is no name').toBeUndefined();
  });
});

describe('amountMissing', () => {
  it('finds an amount asked and answered with no figure, reading article, document numbers and dates as no figure', () => {
    const q = 'chế độ bồi dưỡng cho công chức làm ở trung tâm phục vụ hcc xã bao nhiêu một ngày';
    expect(amountMissing(q, ['Ở cấp xã, Trung tâm Phục vụ hành chính công cấp xã được dùng con dấu; theo sửa đổi tại Khoản 3 Điều 1 Nghị định số 367/2025/NĐ-CP ngày 01/7/2025.'])).toBe(true);
    // "tâm", "năm" fold to number words: "trung tâm cấp xã" states no figure, "một cấp" neither.
    expect(amountMissing(q, ['Địa phương đã chọn mô hình trung tâm một cấp thì không tổ chức trung tâm cấp xã.'])).toBe(true);
    expect(amountMissing('trung tam hcc xa duoc co toi da may pho giam doc', ['3. Trung tâm do Giám đốc đứng đầu, năm 2025 có Phó Giám đốc giúp việc.'])).toBe(true);
  });

  it('accepts digits, a number written out before its unit, a share in words, an open amount or one left to an authority', () => {
    const q = 'mức phạt tối đa là bao nhiêu';
    expect(amountMissing(q, ['Phạt tiền đến 15.000.000 đồng.'])).toBe(false);
    expect(amountMissing(q, ['Được hưởng 50% lương.'])).toBe(false);
    expect(amountMissing('ubnd xã có bao nhiêu phó chủ tịch', ['Ủy ban nhân dân xã có hai Phó Chủ tịch.'])).toBe(false);
    expect(amountMissing('đóng dấu trùm bao nhiêu chữ ký', ['Hình dấu phủ khoảng một phần ba (1/3) chữ ký.'])).toBe(false);
    expect(amountMissing('đóng dấu trùm bao nhiêu chữ ký', ['Hình dấu phủ khoảng một phần ba chữ ký.'])).toBe(false);
    expect(amountMissing('hội đồng áp dụng tối đa bao nhiêu biện pháp', ['Hội đồng có thể áp dụng một hoặc một số biện pháp khẩn cấp tạm thời.'])).toBe(false);
    expect(amountMissing(q, ['Mức phạt do Chính phủ quy định.'])).toBe(false);
  });

  it('takes a sum left to an authority only from a sentence on money', () => {
    const q = 'Cán bộ làm mất con dấu của UBND xã thì bị phạt bao nhiêu tiền ạ?';
    const seal = ['Công chức cấp xã được dùng con dấu của Ủy ban nhân dân cấp xã, trong phạm vi do Hội đồng nhân dân cấp tỉnh quy định.'];
    expect(amountMissing(q, seal)).toBe(true);
    expect(amountMissing(q, ['Mức phạt tiền do Chính phủ quy định.'])).toBe(false);
    // A count that is no money keeps the older rule: a number left to an authority answers it.
    expect(amountMissing('ubnd xã có tối đa bao nhiêu phó chủ tịch', ['Số lượng Phó Chủ tịch do Chính phủ quy định.'])).toBe(false);
  });

  it('needs a coefficient for a pay coefficient asked, typed either way, not a share of staff', () => {
    const lead = ['Ngạch chuyên viên chính: ở cơ quan chuyên môn thuộc tỉnh không quá 50% biên chế công chức được giao.'];
    expect(amountMissing('xep ngach chuyen vien chinh thi he so luong khoi diem la bao nhieu', lead)).toBe(true);
    expect(amountMissing('xếp ngạch chuyên viên chính thì hệ số lương khởi điểm là bao nhiêu', lead)).toBe(true);
    expect(amountMissing('he so luong chuyen vien chinh la bao nhieu', ['Chuyên viên chính áp dụng hệ số lương từ 4,40 đến 6,78.'])).toBe(false);
  });

  it('reads a fee asked without marks ("mat phi", "thu phi") as money: a figure that is no amount is no answer', () => {
    const cost = ['Chậm nhất trong 03 ngày làm việc kết quả đã đính chính phải được chuyển lại; người có lỗi chịu chi phí đính chính.'];
    expect(amountMissing('photo giay to o bo phan mot cua mat phi bao nhieu 1 trang', cost)).toBe(true);
    expect(amountMissing('bo phan mot cua thu phi bao nhieu 1 ban sao', cost)).toBe(true);
    expect(amountMissing('photo giay to o bo phan mot cua mat phi bao nhieu 1 trang', ['Phí sao chụp là 2.000 đồng một trang.'])).toBe(false);
  });

  it('leaves alone questions on a date and those asking no amount', () => {
    const none = ['Nghị định có hiệu lực kể từ ngày ký.'];
    expect(amountMissing('nghị định có hiệu lực từ ngày bao nhiêu', none)).toBe(false);
    expect(amountMissing('điều kiện tối thiểu về cơ sở vật chất là đúng hay sai', none)).toBe(false);
    expect(amountMissing('bộ phận một cửa làm những việc gì', none)).toBe(false);
  });
});

describe('formNumberMissing', () => {
  it('finds a form asked by its number and answered without one', () => {
    const q = 'phieu de nghi gia han theo nd 118 la mau so may vay a';
    expect(formNumberMissing(q, ['Cơ quan giải quyết có văn bản xin lỗi theo mẫu Phiếu đề nghị gia hạn thời gian giải quyết.'])).toBe(true);
    expect(formNumberMissing(q, ['Công chức lập Phiếu xếp loại chất lượng (Mẫu số 02 Phụ lục II).'])).toBe(false);
    expect(formNumberMissing('giấy tiếp nhận dùng mẫu bao nhiêu', ['Giấy tiếp nhận theo mẫu 01/TTHC.'])).toBe(false);
    expect(formNumberMissing('phiếu gia hạn dùng mẫu nào', ['Theo mẫu Phiếu đề nghị gia hạn.'])).toBe(false);
  });
});

describe('countMissing', () => {
  it('finds an answer that gives no count of what the question counts', () => {
    expect(countMissing('hội đồng nhân dân xã có bao nhiêu đại biểu', ['Đại biểu Hội đồng nhân dân đại diện cho ý chí, nguyện vọng của Nhân dân.'])).toBe(true);
    expect(countMissing('nghi quyet 76 co bao nhieu nhiem vu', ['Nghị quyết ban hành Chương trình tổng thể giai đoạn 2021 – 2030.'])).toBe(true);
    // "mấy" before copies, sessions, pages, sheets, sets counts too ("máy" folds the same, hence a list of units).
    expect(countMissing('nđ 30/2020 quy định lưu văn bản đi mấy bản', ['Lưu văn bản đi.'])).toBe(true);
    expect(countMissing('hđnd xã mỗi năm họp mấy kỳ', ['Ít nhất mỗi năm một lần, chính quyền cấp xã tổ chức hội nghị đối thoại với Nhân dân.'])).toBe(true);
    expect(countMissing('nộp lưu hồ sơ giấy phải lập mấy bản mục lục', ['Khi nộp lưu hồ sơ giấy, lập 02 bản Mục lục hồ sơ.'])).toBe(false);
  });

  it('accepts a count, a list of the steps asked, a number left to an authority, a proportion or no limit', () => {
    expect(countMissing('đề án có bao nhiêu nhiệm vụ', ['Đề án có 05 nội dung, chia thành 10 nhiệm vụ cụ thể.'])).toBe(false);
    expect(countMissing('văn bản đi có mấy bước quản lý', ['1. Cấp số. 2. Đăng ký văn bản đi. 3. Phát hành.'])).toBe(false);
    expect(countMissing('ubnd xa co bao nhieu pho chu tich', ['Chính phủ quy định khung số lượng Phó Chủ tịch.'])).toBe(false);
    expect(countMissing('làm chưa đủ 12 tháng thì được nghỉ bao nhiêu ngày', ['Số ngày nghỉ tính theo tỷ lệ tương ứng với số tháng làm việc.'])).toBe(false);
    expect(countMissing('được sửa di chúc bao nhiêu lần', ['Người lập di chúc có thể sửa đổi di chúc vào bất cứ lúc nào.'])).toBe(false);
  });

  it('accepts a share of what is counted ("quá nửa tổng số thành viên"), not a share of something else', () => {
    const q = 'quyet dinh cua ubnd xa can bao nhieu thanh vien bieu quyet tan thanh';
    expect(countMissing(q, ['Quyết định của Ủy ban nhân dân phải được quá nửa tổng số thành viên biểu quyết tán thành.'])).toBe(false);
    expect(countMissing(q, ['Nghị quyết được hai phần ba tổng số thành viên tán thành.'])).toBe(false);
    expect(countMissing(q, ['Quá nửa số đại biểu có mặt thì phiên họp hợp lệ.'])).toBe(true);
  });

  it('reads "mấy X" in a clause that asks how ("… mấy tháng ở sở tính sao") as no count asked', () => {
    expect(countedNoun('kết quả theo dõi mấy tháng ở sở tính sao ạ')).toBeUndefined();
    expect(countedNoun('trễ mấy ngày thì xử lý thế nào')).toBeUndefined();
    expect(countedNoun('được nghỉ mấy ngày, nghỉ thế nào')).toBe('ngay');
    expect(countedNoun('được nghỉ mấy ngày')).toBe('ngay');
  });

  it('reads "bao nhiêu năm" as years, not five, and a date as no count of years', () => {
    const q = 'hồ sơ đã trả kết quả phải lưu giữ bao nhiêu năm mới được hủy';
    expect(countedNoun(q)).toBe('nam');
    expect(countMissing(q, ['Trung tâm chuyển hồ sơ giấy trong không quá 01 ngày làm việc kể từ ngày 01 tháng 7 năm 2025.'])).toBe(true);
    expect(countMissing(q, ['Hồ sơ được lưu trữ trong thời hạn 10 năm.'])).toBe(false);
  });

  it('reads a choice between two figures as a count asked, and needs the answer to give one', () => {
    const q = 'thoi hieu xu phat vi pham hanh chinh ve luu tru la 1 nam hay 2 nam vay';
    expect(optionsNoun(q)).toBe('nam');
    expect(optionsNoun('nộp 2 bản hay 3')).toBe('ban');
    expect(optionsNoun('1 năm hay 2 tháng')).toBeUndefined();
    expect(optionsNoun('mẫu số 2 hay số 3')).toBeUndefined();
    expect(countMissing(q, ['Nghị định quy định hành vi vi phạm hành chính về nghiệp vụ lưu trữ, hình thức, mức xử phạt.'])).toBe(true);
    expect(countMissing(q, ['Thời hiệu xử phạt vi phạm hành chính về lưu trữ là 01 năm.'])).toBe(false);
  });

  it('needs the count in the lead: one in a quote of another passage is not the answer given', () => {
    const q = 'hội đồng kỷ luật công chức cấp xã gồm mấy người';
    expect(countMissing(q, ['Bên nhận ủy quyền dùng văn bản, con dấu của mình.'], ['Đặc khu dân số thường trú dưới 1.000 người chỉ có Ủy ban nhân dân.'])).toBe(true);
    expect(countMissing(q, ['Hội đồng kỷ luật gồm 05 người.'], [])).toBe(false);
    // A list asked ("mấy bước") may be enumerated by the quote under an introducing lead.
    expect(countMissing('văn bản đi có mấy bước', ['Văn bản đi được quản lý theo các bước sau:'], ['1. Cấp số. 2. Đăng ký văn bản đi. 3. Phát hành.'])).toBe(false);
  });

  it('takes a number left to an authority as the answer only where it speaks of what is counted', () => {
    // A quote on retirement "unless the competent level rules otherwise" does not answer how many days of leave.
    const leave = 'công chức nghỉ phép năm bao nhiêu ngày';
    expect(countMissing(leave, ['Công chức nghỉ hưu theo Bộ luật Lao động, trừ trường hợp cấp có thẩm quyền quy định khác.'])).toBe(true);
    expect(countMissing(leave, ['Số ngày nghỉ phép năm do Chính phủ quy định.'])).toBe(false);
  });

  it('leaves questions that count nothing named alone', () => {
    expect(countMissing('thời hạn giải quyết là bao lâu', ['Thời hạn do pháp luật chuyên ngành quy định.'])).toBe(false);
    expect(countMissing('tỷ lệ hồ sơ trực tuyến là bao nhiêu', ['Hồ sơ được tiếp nhận trực tuyến.'])).toBe(false);
    expect(countMissing('bộ phận một cửa làm những việc gì', ['Tiếp nhận hồ sơ.'])).toBe(false);
  });
});

describe('definitionAskWords', () => {
  it.each([
    ['theo luật 80 thì thế nào gọi là công chức', ['the', 'nao', 'goi', 'la']],
    ['thủ tục hành chính là gì', ['la', 'gi']],
    ['tên gọi của bộ phận một cửa', []],
  ])('%s → %j', (q, words) => {
    expect([...definitionAskWords(q)]).toEqual(words);
  });
});

describe('clauses', () => {
  it('numbers clauses and points, and gives unnumbered lines after a clause to that clause', () => {
    const units = chunkUnits('Lead-in text.\n1. First clause:\na) point a;\nb) point b.\nMore text of clause 1.\n2. Second. Another sentence.');
    expect(units.map((u) => [u.clause ?? '', u.point ?? '', u.prefix])).toEqual([
      ['', '', ''],
      ['1', '', '1. '],
      ['1', 'a', 'a) '],
      ['1', 'b', 'b) '],
      ['1', '', ''],
      ['2', '', '2. '],
    ]);
    expect(units[5].sentences).toEqual(['Second.', 'Another sentence.']);
  });

  it('cites a clause of an article, but not of a summary section without number or one gathering several articles', () => {
    expect(unitPath(D18, { clause: '3', point: 'a' })).toBe('Điểm a Khoản 3 Điều 18');
    expect(unitPath({ ...D18, officialRef: 'Khoản 1–4 Điều 18 (Khoản 1 sửa đổi bởi Khoản 10 Điều 1 Nghị định số 367/2025/NĐ-CP)' }, { clause: '3' })).toBe('Khoản 3 Điều 18');
    expect(unitPath({ ...D18, officialRef: 'Khoản 2 Điều 17, Khoản 5 Điều 19' }, { clause: '3' }), 'several official articles').toBe('Điều 18');
    const topic = chunk('T1', 'Mục tiêu', '1. Một.', { headings: [{ kind: 'article', number: 'T1', heading: 'Mục tiêu', topic: true }], citationPath: 'phần “Mục tiêu”' });
    expect(unitPath(topic, { clause: '1' })).toBe('phần “Mục tiêu”');
  });
});

describe('directAnswer and levels of government', () => {
  const D10 = chunk(
    '10',
    'Người làm việc tại Bộ phận Một cửa',
    [
      '2. Trung tâm Phục vụ hành chính công cấp tỉnh có một Giám đốc, ngang cấp Phó Chánh Văn phòng Ủy ban nhân dân cấp tỉnh, và không quá 03 Phó Giám đốc tương đương Trưởng phòng.',
      '3. Trung tâm Phục vụ hành chính công cấp xã do Giám đốc tương đương Trưởng phòng thuộc Ủy ban nhân dân cấp xã đứng đầu.',
    ].join('\n'),
  );

  it('leads a question about the xã with the clause on the xã, not the one on the tỉnh that shares more words', () => {
    const a = answer([hit(D10)], 'gđ trung tâm phục vụ hcc của xã ngang cấp với trưởng phòng à');
    expect(a?.path).toBe('Khoản 3 Điều 10');
    expect(a?.sentences[0]).toContain('cấp xã');
  });

  it('still leads with the tỉnh clause when the question names the tỉnh, or no level', () => {
    expect(answer([hit(D10)], 'giám đốc trung tâm phục vụ hcc tỉnh ngang cấp gì')?.path).toBe('Khoản 2 Điều 10');
    expect(answer([hit(D10)], 'giám đốc trung tâm phục vụ hành chính công ngang cấp với ai, có mấy phó giám đốc')?.path).toBe('Khoản 2 Điều 10');
  });
});

describe('directAnswer: a long lead sentence cut to the part that answers', () => {
  const NQ76: DocumentMeta = { number: '76/NQ-CP', title: 'Nghị quyết ban hành Chương trình tổng thể cải cách hành chính', status: 'in_force', kind: 'summary' };
  const duties = chunk(
    '9',
    'Trách nhiệm tổ chức thực hiện',
    [
      '1. Bộ Nội vụ là cơ quan thường trực về cải cách hành chính của Chính phủ, hướng dẫn, theo dõi, tổng hợp và chủ trì cải cách tổ chức bộ máy, chế độ công vụ; Bộ Tư pháp chủ trì cải cách thể chế; Văn phòng Chính phủ chủ trì cải cách thủ tục hành chính; Bộ Tài chính chủ trì cải cách tài chính công; người đứng đầu chịu trách nhiệm về kết quả cải cách hành chính tại cơ quan, địa phương mình.',
      '2. Quyết định công bố của Bộ trưởng, Thủ trưởng cơ quan ngang bộ phải được ban hành chậm nhất 20 ngày làm việc trước ngày văn bản quy phạm pháp luật có quy định thủ tục có hiệu lực; quyết định công bố của Chủ tịch Ủy ban nhân dân cấp tỉnh phải được ban hành chậm nhất 05 ngày làm việc trước ngày đó.',
      '3. Văn bản được thông qua ngày 19/6/2015 và áp dụng từ ngày 01/01/2016, cùng ngày với các văn bản về Quốc hội, Chính phủ và tòa án; từ ngày đó Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân số 11/2003/QH11 hết hiệu lực, trừ trường hợp chuyển tiếp nêu tại Điều 142 và các việc đang làm dở.',
      '4. Cán bộ xã được nghỉ phép 12 ngày làm việc mỗi năm khi đủ 12 tháng công tác, nghỉ một lần hoặc nhiều lần theo kế hoạch nghỉ hằng năm của cơ quan; cán bộ tỉnh được nghỉ phép 14 ngày làm việc mỗi năm khi đủ 12 tháng công tác, nghỉ một lần hoặc nhiều lần theo kế hoạch nghỉ hằng năm của cơ quan.',
    ].join('\n'),
    { id: 'nq-76.md#D9', docId: 'nq-76.md' },
  );
  const lead = (q: string) => answer([hit(duties, 10, NQ76)], q);

  it('leads with the part that holds what was asked, and quotes the whole clause under it', () => {
    const d = lead('người đứng đầu có chịu trách nhiệm về kết quả cchc của đơn vị mình không');
    expect(d?.sentences).toEqual(['Người đứng đầu chịu trách nhiệm về kết quả cải cách hành chính tại cơ quan, địa phương mình.']);
    expect(d?.path).toBe('Khoản 1 Điều 9');
    expect(d?.quotes[0]).toMatchObject({ shown: true });
    expect(d?.quotes[0].text).toContain('Bộ Tư pháp chủ trì cải cách thể chế');
  });

  it('keeps the run of parts between two asked words', () => {
    expect(lead('bộ tư pháp với văn phòng chính phủ thì mỗi bên chủ trì cải cách nào')?.sentences[0]).toBe('Bộ Tư pháp chủ trì cải cách thể chế; Văn phòng Chính phủ chủ trì cải cách thủ tục hành chính.');
  });

  it('leaves the sentence whole for a "… gì" or list question, whose answer may be every part', () => {
    for (const q of ['bộ tư pháp chủ trì cải cách gì', 'bộ tư pháp chủ trì những nội dung nào']) {
      expect(lead(q)?.sentences[0]).toMatch(/^Bộ Nội vụ là cơ quan thường trực.*địa phương mình\.$/u);
    }
  });

  it('leaves the sentence whole when two parts hold the question alike (rules the question did not choose between)', () => {
    expect(lead('cán bộ được nghỉ phép mấy ngày làm việc')?.sentences[0]).toMatch(/^Cán bộ xã .* cán bộ tỉnh .*hằng năm của cơ quan\.$/u);
  });

  it('keeps a later part that points back to the run ("trước ngày đó")', () => {
    expect(lead('quyết định công bố thủ tục ban hành trước hay sau khi văn bản có hiệu lực')?.sentences[0]).toMatch(/05 ngày làm việc trước ngày đó\.$/u);
  });

  it('does not lead with a part that points back to the one before it ("từ ngày đó")', () => {
    expect(lead('luật tổ chức hđnd và ubnd hết hiệu lực chưa')?.sentences[0]).toMatch(/^Văn bản được thông qua ngày 19\/6\/2015/u);
  });
});

describe('directAnswer: the sentence that counts what is asked, however long its list', () => {
  const ND30: DocumentMeta = { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force', kind: 'summary' };
  const kinds = chunk(
    '7',
    'Các loại văn bản hành chính',
    'Văn bản hành chính gồm 29 loại: nghị quyết (cá biệt), quyết định (cá biệt), chỉ thị, quy chế, quy định, thông cáo, thông báo, hướng dẫn, chương trình, kế hoạch, phương án, đề án, dự án, báo cáo, biên bản, tờ trình, hợp đồng, công văn, công điện, bản ghi nhớ, bản thỏa thuận, giấy ủy quyền, giấy mời, giấy giới thiệu, giấy nghỉ phép, phiếu gửi, phiếu chuyển, phiếu báo, thư công.',
    { id: 'nd-30.md#D7', docId: 'nd-30.md' },
  );
  const symbols = chunk(
    '8',
    'Thể thức văn bản',
    '4. Cách trình bày cụ thể từng thành phần thể thức theo Phụ lục I của Nghị định. Theo đó, ký hiệu của văn bản hành chính gồm chữ viết tắt tên loại văn bản và chữ viết tắt tên cơ quan, tổ chức ban hành; chữ viết tắt tên loại văn bản theo Phụ lục III.',
    { id: 'nd-30.md#D8', docId: 'nd-30.md' },
  );
  const hits = [hit(symbols, 12, ND30), hit(kinds, 11, ND30)];

  it('leads a count question ("có mấy loại") with the sentence giving the count', () => {
    expect(answer(hits, 'văn bản hành chính có mấy loại')?.path).toBe('Điều 7');
  });

  it('leads a list question ("gồm những loại nào") with the sentence counting that noun', () => {
    expect(answer(hits, 'nđ 30 văn bản hành chính gồm những loại nào')?.path).toBe('Điều 7');
  });
});

describe('directAnswer: function words typed without diacritics', () => {
  it('are function words ("có", "của", "để") unless their neighbours make them content words ("cơ quan", "một cửa", "đề án")', () => {
    expect(functionFolds('chinh quyen cap tinh co trach nhiem gi doi voi chinh quyen xa')).toEqual(new Set(['co']));
    expect(functionFolds('co quan nao cap giay phep')).toEqual(new Set());
    expect(functionFolds('thu tuc mot cua la gi')).toEqual(new Set());
    expect(functionFolds('quyen han cua can bo de lam gi')).toEqual(new Set(['cua', 'de']));
    expect(functionFolds('de an 4599 do ai ky')).toEqual(new Set());
  });

  it('"thi" is the "thì" joining a condition to what is asked, not a word to look for, unless it is an exam or carrying out', () => {
    expect(functionFolds('co ket qua som hon ngay hen thi tra luon cho dan dc ko')).toEqual(new Set(['co', 'thi']));
    expect(functionFolds('ky thi tuyen cong chuc to chuc khi nao').has('thi')).toBe(false);
    expect(functionFolds('thi hanh cong vu thi phai deo the ko').has('thi'), 'one "thi" of "thi hành" keeps it a content word').toBe(false);
  });

  it('does not lead with a sentence for its "thì" ("co ket qua som hon ngay hen thi tra luon cho dan")', () => {
    const d22 = chunk('22', 'Trả hồ sơ, kết quả giải quyết thủ tục hành chính', ['5. Nghị định khuyến khích trả kết quả trước hạn; khi trả sớm, Bộ phận Một cửa phải báo trước cho người nhận.'].join('\n'));
    const d19 = chunk('19', 'Giải quyết thủ tục hành chính', ['3. Thủ tục không phải thẩm tra, xác minh thì thẩm định, trình quyết định và trả kết quả; nếu không đủ điều kiện thì trả lại hồ sơ.'].join('\n'));
    expect(answer([hit(d19, 12), hit(d22, 11)], 'co ket qua som hon ngay hen thi tra luon cho dan dc ko ad')?.path).toBe('Khoản 5 Điều 22');
  });
});

describe('editorial', () => {
  it('marks sentences in which the knowledge team speaks of its own work, not those with a note in brackets or after a semicolon', () => {
    expect(editorial('Khoản này có thể đã được sửa đổi tiếp bởi Nghị định số 92/2017/NĐ-CP mà nhóm dự án chưa đối chiếu được.')).toBe(true);
    expect(editorial('Lưu ý khi tra cứu: số Điều, Khoản giữ theo văn bản gốc.')).toBe(true);
    expect(editorial('Nhóm dự án chưa rà soát các văn bản sửa đổi (nếu có).')).toBe(true);
    expect(editorial('Ở huyện, cấp chính quyền địa phương gồm Hội đồng nhân dân huyện và Ủy ban nhân dân huyện (ghi chú của nhóm dự án: cấp huyện đã kết thúc hoạt động từ ngày 01/7/2025).')).toBe(false);
    expect(editorial('Nghị định số 61/2018/NĐ-CP được ký ngày 23/4/2018; ngày bắt đầu có hiệu lực chưa được nhóm dự án đối chiếu với văn bản gốc.')).toBe(false);
    expect(editorial('Bộ phận Một cửa tiếp nhận hồ sơ.')).toBe(false);
  });

  it('never leads with an editorial sentence, even when it shares the most words with the question', () => {
    const d5 = chunk('5', 'Cơ quan kiểm soát thủ tục hành chính', '1. Bộ Tư pháp giúp Chính phủ thống nhất quản lý nhà nước về kiểm soát thủ tục hành chính. Khoản này có thể đã được sửa đổi bởi Nghị định số 92/2017/NĐ-CP mà nhóm dự án chưa đối chiếu được.');
    const lead = answer([hit(d5)], 'khoản về kiểm soát thủ tục hành chính đã được sửa đổi bởi nghị định 92/2017 chưa')?.sentences ?? [];
    expect(lead.join(' ')).toMatch(/Bộ Tư pháp/u);
    expect(lead.join(' ')).not.toMatch(/nhóm dự án/u);
  });
});

describe('doubtedLead', () => {
  it('reads the knowledge team saying a clause may have been amended or replaced by a text it has not compared', () => {
    for (const clause of [
      'Bộ Tư pháp giúp Chính phủ … Khoản này có thể đã được sửa đổi tiếp bởi Nghị định số 92/2017/NĐ-CP mà nhóm dự án chưa đối chiếu được.',
      'tổ chức pháp chế tham mưu …; khoản này cũng có thể đã được Nghị định số 92/2017/NĐ-CP sửa đổi.',
      'giao việc quy định tổ chức, biên chế; nội dung hiện hành cần đối chiếu với Nghị định số 92/2017/NĐ-CP.',
    ]) expect(doubtedLead([clause.split(/(?<=\.) /u)[0]], clause), clause).toBe(true);
  });

  it('reads a note in brackets as doubting its own sentence only', () => {
    const clause = 'Cơ quan được giao (theo Nghị định số 48/2013/NĐ-CP là Bộ Tư pháp; nội dung có thể đã được Nghị định số 92/2017/NĐ-CP thay đổi) duy trì cổng tiếp nhận. Hiện nay Cổng Dịch vụ công quốc gia có hợp phần tiếp nhận phản ánh.';
    expect(doubtedLead(['Cơ quan được giao (theo Nghị định số 48/2013/NĐ-CP là Bộ Tư pháp; nội dung có thể đã được Nghị định số 92/2017/NĐ-CP thay đổi) duy trì cổng tiếp nhận.'], clause)).toBe(true);
    expect(doubtedLead(['Hiện nay Cổng Dịch vụ công quốc gia có hợp phần tiếp nhận phản ánh.'], clause)).toBe(false);
  });

  it('leaves rules that only say something may be done alone', () => {
    for (const t of [
      'Thời hạn giải quyết có thể được gia hạn một lần theo quy định của Nghị định này.',
      'Hồ sơ đã được số hóa có giá trị pháp lý được dùng lại cho các thủ tục sau.',
      'Cơ quan có thể đã được giao nhiệm vụ kiểm soát thì tiếp tục thực hiện.',
    ]) expect(doubtedLead([t], t), t).toBe(false);
  });
});

describe('directAnswer and definitions of copies and of several terms in one sentence', () => {
  const ND30: DocumentMeta = { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force', kind: 'summary' };
  const terms = chunk(
    '3',
    'Giải thích từ ngữ',
    [
      '1. Văn bản là thông tin thành văn, thể hiện bằng ngôn ngữ hoặc ký hiệu, hình thành trong hoạt động của cơ quan.',
      '10. Bản sao y là bản sao giữ nguyên toàn bộ nội dung của bản gốc hoặc bản chính văn bản.',
      '11. Bản sao lục là bản được sao lại từ bản sao y, giữ đầy đủ và chính xác nội dung.',
      '12. Bản trích sao là bản chỉ sao lại chính xác phần nội dung cần dùng của bản gốc hoặc bản chính.',
    ].join('\n'),
  );
  const copies = chunk('26', 'Giá trị pháp lý của bản sao', 'Các bản sao y, sao lục, trích sao được làm đúng quy định có giá trị pháp lý tương đương bản chính.');
  const staff = chunk(
    '5',
    'Giải thích từ ngữ',
    'Công vụ là hoạt động của cán bộ, công chức. Điều động là chuyển công chức sang làm việc ở cơ quan khác; luân chuyển là phân công người lãnh đạo giữ chức vụ ở nơi khác có thời hạn; biệt phái là cử công chức đến làm việc có thời hạn ở cơ quan khác ngoài phạm vi cơ quan quản lý.',
  );

  it('reads "sao" in "bản sao lục" as the copy, and leads with its definition, not the one of "văn bản"', () => {
    for (const q of ['văn bản bản sao lục là gì', 'van ban ban sao luc la gi vay mn']) {
      expect(answer([hit(terms, 10, ND30)], q)?.sentences[0]).toMatch(/^Bản sao lục là bản được sao lại/u);
    }
  });

  it('reads "biệt phái" typed with its marks as the asked term, and leads with the part that defines it', () => {
    const a = answer([hit(staff)], 'biệt phái là gì');
    expect(a?.sentences).toEqual(['Biệt phái là cử công chức đến làm việc có thời hạn ở cơ quan khác ngoài phạm vi cơ quan quản lý.']);
    expect(answer([hit(staff)], 'luân chuyển là gì')?.sentences[0]).toMatch(/^Luân chuyển là phân công/u);
  });

  it('leads a difference between two defined terms with both definitions, citing both clauses', () => {
    const a = answer([hit(copies, 10, ND30), hit(terms, 9, ND30)], 'bản sao y với bản trích sao khác nhau thế nào');
    expect(a?.sentences).toEqual([
      'Bản sao y là bản sao giữ nguyên toàn bộ nội dung của bản gốc hoặc bản chính văn bản.',
      'Bản trích sao là bản chỉ sao lại chính xác phần nội dung cần dùng của bản gốc hoặc bản chính.',
    ]);
    expect(a?.path).toBe('Khoản 10, 12 Điều 3');
    expect(a?.quotes.map((q) => q.path)).toEqual(['Khoản 10 Điều 3', 'Khoản 12 Điều 3']);
  });

  it('answers a difference as any question when one of the terms is not defined', () => {
    const a = answer([hit(copies, 10, ND30), hit(terms, 9, ND30)], 'bản sao y với bản sao điện tử khác nhau thế nào');
    expect(a?.sentences.length).toBe(1);
  });
});
