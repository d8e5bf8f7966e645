import { describe, it, expect } from 'vitest';
import { normalizeQuestion, NORMALIZER_RULES } from './question-normalizer.js';
import { Analyzer } from './analyzer.js';
import { typedWithDiacritics } from './vietnamese.js';

const cases: Array<[string, string, string]> = [
  // [typed, expected, what probably broke if it fails]
  ['cho e hỏi hồ sơ trễ hạn thì phải làm gì ạ', 'hồ sơ trễ hạn thì phải làm gì', 'opener "cho e hỏi" or closer "ạ"'],
  ['anh chị ơi cho em hỏi thủ tục một cửa là gì ạ 🙏🙏', 'thủ tục một cửa là gì', 'openers in a row, emoji'],
  ['a ơi cho e hỏi đk cấp giấy phép', 'điều kiện cấp giấy phép', '"đk" before a noun means điều kiện'],
  ['nộp trc hạn đc k', 'nộp trước hạn được không', 'chat spellings trc/đc/k'],
  ['nd 61 con hieu luc ko', 'nd 61 con hieu luc khong', 'meaning typed without diacritics in an unaccented question'],
  ['thoi han giai quyet hs bn ngay', 'thoi han giai quyet ho so bao nhieu ngay', 'hs/bn expansions'],
  ['mức phạt ntn vs cq nhà nước???', 'mức phạt như thế nào với cơ quan nhà nước?', 'ntn/vs/cq and repeated "?"'],
  ['dvc toàn trình là gì vậy mn', 'dvc toàn trình là gì', 'closers "vậy", "mn"; glossary abbreviation kept'],
  ['thủ tục là j z', 'thủ tục là gì', '"j" → gì, "z" closer'],
  ['khôngggg ạaaa', 'không', 'repeated letters'],
  ['lưu trữ hồ sơ nghỉ hưu ạaa', 'lưu trữ hồ sơ nghỉ hưu', '"ưu" is not a doubled vowel (ư and u differ by their quality mark)'],
  ['tra cuu buu dien uu tien', 'tra cuu buu dien uu tien', 'a final "uu" is "ưu" typed without marks, not emphasis'],
  ['lưuuu trữ', 'lưu trữ', 'a run of three letters still collapses after ư'],
  ['thu tuc 1 cua o dau', 'thu tuc mot cua o dau', '"1 cửa" → một cửa'],
  ['như nào thì được', 'như thế nào thì được', '"như nào"'],
  ['mn cho hoi kho du lieu la gi', 'kho du lieu la gi', 'a bare addressee "mn" before an opener'],
  ['em làm báo cáo thống kê có được không', 'làm báo cáo thống kê có được không', 'pronoun "em" opening the message'],
  ['bên em giải quyết chậm thì sao', 'bên giải quyết chậm thì sao', 'possessive pronoun after "bên"'],
  ['đ19 nđ118 k6 nói gì', 'điều 19 nđ 118 khoản 6 nói gì', 'article, clause and decree letters glued to their numbers'],
  ['d5 luat 72 quy dinh gi', 'dieu 5 luat 72 quy dinh gi', 'a glued article next to a law, typed without diacritics'],
];

const kept: Array<[string, string]> = [
  ['điểm k khoản 1 điều 5 là gì', 'list letter after "điểm"'],
  ['khoản 2 điểm a', 'closing list letter'],
  ['Chương III có mấy điều', 'roman numeral'],
  ['Trung tâm TTPVHCC', 'abbreviation ending in a doubled consonant'],
  ['NĐ 61/2018/NĐ-CP Điều 5', 'document number'],
  ['CCHC gồm mấy nội dung', 'field abbreviations are left to the glossary'],
  ['cấp thẻ', 'accented content word that folds like a closer ("thế")'],
  ['thủ tục cho em bé mới sinh', 'a pronoun-like word inside the question ("em bé")'],
  ['admin', 'a message that is only an addressee stays'],
  ['phòng k2 ở đâu', 'a letter and number with no other legal reference is a name, not a clause'],
];

describe('normalizeQuestion', () => {
  it.each(cases)('%s → %s', (typed, expected, hint) => {
    expect(normalizeQuestion(typed).text, `help: ${hint}`).toBe(expected);
  });

  it.each(kept)('keeps "%s" (%s)', (typed, hint) => {
    expect(normalizeQuestion(typed).text, `help: ${hint}`).toBe(typed);
  });

  it('keeps the question asked under a pasted text (rule "pasted")', () => {
    const pasted =
      'Kính gửi các đồng chí, thực hiện chủ trương sắp xếp tổ chức bộ máy, từ ngày 01/7/2025 các xã mới chính thức vận hành. Đề nghị các đồng chí chủ động tiếp nhận hồ sơ. mn cho hỏi sau 1/7 xã mình còn chịu sự kiểm tra của huyện không';
    expect(normalizeQuestion(pasted).text).toBe('sau 1/7 xã còn chịu sự kiểm tra của huyện không');
    const plain = 'Thuc hien ke hoach so 45/KH-UBND cua UBND tinh ve day manh dich vu cong truc tuyen, de nghi cac xa ra soat quy trinh. Cho em hoi dvc toan trinh la gi a';
    expect(normalizeQuestion(plain).text).toBe('dvc toan trinh la gi');
    // Too little before the cue: an ordinary question with an opener, left to the openers rule.
    expect(normalizeQuestion('thủ tục này rắc rối quá, cho em hỏi hồ sơ trễ hạn thì làm gì').text).toContain('thủ tục này rắc rối quá');
    expect(normalizeQuestion(pasted, { disabled: new Set(['pasted']) }).text).toContain('Kính gửi');
    // The text cut off is kept, so the answer reads what is asked from the question alone.
    expect(normalizeQuestion(plain).pasted).toBe('Thuc hien ke hoach so 45/KH-UBND cua UBND tinh ve day manh dich vu cong truc tuyen, de nghi cac xa ra soat quy trinh.');
    expect(normalizeQuestion('thủ tục này rắc rối quá, cho em hỏi hồ sơ trễ hạn thì làm gì').pasted).toBeUndefined();
  });

  it('reports what it removed and expanded', () => {
    const r = normalizeQuestion('cho e hỏi hs nộp ở đâu ạ');
    expect(r.fillers).toEqual(['cho e hỏi', 'ạ']);
    expect(r.expansions).toEqual([['hs', 'hồ sơ']]);
    expect(r.original).toBe('cho e hỏi hs nộp ở đâu ạ');
  });

  it('keeps the message when removing fillers would leave nothing', () => {
    expect(normalizeQuestion('cảm ơn nhé').text).toBe('cảm ơn');
    expect(normalizeQuestion('ạ').text).toBe('ạ');
    expect(normalizeQuestion('🙏').text).toBe('');
  });

  it('reads "định nghĩa / khái niệm (của / về) X" as "X là gì"', () => {
    expect(normalizeQuestion('Định nghĩa của thủ tục hành chính').text).toBe('thủ tục hành chính là gì');
    expect(normalizeQuestion('cho e hỏi khái niệm về vị trí việc làm ạ').text).toBe('vị trí việc làm là gì');
    expect(normalizeQuestion('khai niem co che mot cua?').text).toBe('co che mot cua la gi');
    expect(normalizeQuestion('định nghĩa Bộ phận Một cửa').text).toBe('Bộ phận Một cửa là gì');
    expect(normalizeQuestion('khái niệm thủ tục hành chính gồm những gì').text, 'a question of its own stays').toBe('khái niệm thủ tục hành chính gồm những gì');
    expect(normalizeQuestion('nội dung của định nghĩa này').text, 'only as the opening').toBe('nội dung của định nghĩa này');
    expect(normalizeQuestion('khái niệm').text).toBe('khái niệm');
    expect(normalizeQuestion('định nghĩa của thủ tục hành chính', { disabled: new Set(['definition-of']) }).text).toBe('định nghĩa của thủ tục hành chính');
  });

  it('leaves out a short example after the question ("…, vd qd-ubnd", "(ví dụ: UBND xã)"), never the question itself', () => {
    const n = normalizeQuestion('ky hieu van ban hanh chinh ghi ntn, vd qd-ubnd');
    expect(n.text).toBe('ky hieu van ban hanh chinh ghi nhu the nao');
    expect(n.fillers).toContain(', vd qd-ubnd');
    expect(normalizeQuestion('ký hiệu của công văn viết thế nào (ví dụ: UBND xã) ạ').text).toBe('ký hiệu của công văn viết thế nào');
    expect(normalizeQuestion('vd, xã em có 3 phó chủ tịch thì được không').text, 'an example the question is about').toBe('vd, xã có 3 phó chủ tịch thì được không');
    expect(normalizeQuestion('viet tat, vd qd').text, 'too little question before it').toBe('viet tat, vd qd');
    expect(normalizeQuestion('ký hiệu ghi thế nào cho đúng, ví dụ như ghi QĐ-UBND hay UBND-QĐ hay kiểu khác').text, 'a long example stays').toContain('ví dụ');
  });

  it('reads "X (có) nghĩa là gì / là sao", "X hiểu đơn giản là cái gì" as "X là gì", and leaves "ý nghĩa" and "nghĩa vụ" alone', () => {
    expect(normalizeQuestion('mn cho e hoi dvc toan trinh nghia la gi vay').text).toBe('dvc toan trinh la gi');
    expect(normalizeQuestion('dịch vụ công toàn trình có nghĩa là thế nào ạ').text).toBe('dịch vụ công toàn trình là gì');
    expect(normalizeQuestion('một cửa liên thông nghĩa là sao').text).toBe('một cửa liên thông là gì');
    expect(normalizeQuestion('cải cách hành chính có ý nghĩa là gì').text).toBe('cải cách hành chính có ý nghĩa là gì');
    expect(normalizeQuestion('nghĩa vụ của công chức là gì').text).toBe('nghĩa vụ của công chức là gì');
    expect(normalizeQuestion('dvc toan trinh nghia la gi', { disabled: new Set(['definition-of']) }).text).toBe('dvc toan trinh nghia la gi');
    expect(normalizeQuestion('vị trí việc làm hiểu đơn giản là cái gì').text).toBe('vị trí việc làm là gì');
    expect(normalizeQuestion('mot cua lien thong noi nom na la gi a').text).toBe('mot cua lien thong la gi');
    expect(normalizeQuestion('tthc là cái gì').text).toBe('tthc là gì');
  });

  it('writes a number glued to its unit as documents do, and leaves letters of articles and codes alone', () => {
    expect(normalizeQuestion('lề trái để 30 hay 35mm mới đúng chuẩn ạ').text).toBe('lề trái để 30 hay 35 mm mới đúng chuẩn');
    expect(normalizeQuestion('4h chiều dân mới nộp, phạt 500k hay 5tr').text).toBe('4 giờ chiều dân mới nộp, phạt 500 nghìn hay 5 triệu');
    expect(normalizeQuestion('4h chieu dan moi nop ho so').text, 'without diacritics, the unit too').toBe('4 gio chieu dan moi nop ho so');
    expect(normalizeQuestion('khổ giấy A4 hay 210x297mm').text).toBe('khổ giấy A4 hay 210x297 mm');
    expect(normalizeQuestion('điều 10a luật 72 quy định gì').text).toBe('điều 10a luật 72 quy định gì');
    expect(normalizeQuestion('lề trái 35mm', { disabled: new Set(['units']) }).text).toBe('lề trái 35mm');
  });

  it('applies only the rules left on', () => {
    expect(normalizeQuestion('cho e hỏi hs ạ', { disabled: new Set(['openers']) }).text).toBe('cho hỏi hồ sơ');
    expect(normalizeQuestion('hs nộp ở đâu', { disabled: new Set(['ho-so']) }).text).toBe('hs nộp ở đâu');
    const all = new Set(NORMALIZER_RULES);
    expect(normalizeQuestion('cho e hỏi hs ạaaa', { disabled: all }).text).toBe('cho e hỏi hs ạaaa');
  });

  it('never throws on random strings and keeps the analyser working', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = 'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạ ̣̀́̉̃.,;:!?()<>/"\'–-0123456789\n\t😀🙏ĐỦkoj';
    const analyzer = new Analyzer();
    for (let i = 0; i < 300; i++) {
      const s = Array.from({ length: Math.floor(rand() * 50) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const r = normalizeQuestion(s);
      expect(typeof r.text).toBe('string');
      expect(() => analyzer.analyzeQuery(r.text)).not.toThrow();
    }
  });
});

describe('typedWithDiacritics', () => {
  it('calls a question accented when a quarter of its syllables carry diacritics', () => {
    expect(typedWithDiacritics('thủ tục hành chính là gì'.split(' '))).toBe(true);
    expect(typedWithDiacritics('thu tuc nay co đc ko'.split(' ')), 'a lone đ does not count').toBe(false);
    expect(typedWithDiacritics(['CCHC', '2025'])).toBe(false);
  });
});
