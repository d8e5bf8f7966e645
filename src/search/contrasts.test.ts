import { describe, expect, it } from 'vitest';
import { contrastMismatch } from './contrasts.js';
import { askedFacts, passageMismatch } from './answer-fit.js';

describe('contrastMismatch', () => {
  const online = ['Hồ sơ nộp trực tuyến thì bao lâu phải thông báo tiếp nhận?', 'Thông báo trong 08 giờ làm việc kể từ khi hệ thống tiếp nhận hồ sơ trực tuyến.'];

  it('names the word asked and the one found when the entry speaks only of the other side of a contrast', () => {
    expect(contrastMismatch('Hồ sơ nộp trực tiếp thì bao lâu phải thông báo tiếp nhận?', true, online)).toEqual({ asked: 'hình thức trực tiếp', found: 'hình thức trực tuyến' });
    expect(contrastMismatch('ho so nop truc tiep bao lau thong bao', false, online), 'typed without marks').toEqual({ asked: 'hình thức trực tiếp', found: 'hình thức trực tuyến' });
    expect(contrastMismatch('thời hạn miễn nhiệm là bao lâu', true, ['Thời hạn bổ nhiệm là 05 năm.'])).toEqual({ asked: 'miễn nhiệm', found: 'bổ nhiệm' });
    expect(contrastMismatch('Phó Chủ tịch UBND xã chịu trách nhiệm gì?', true, ['Chủ tịch Ủy ban nhân dân xã chịu trách nhiệm về cải cách hành chính.'])).toEqual({ asked: 'phó chủ tịch', found: 'chủ tịch' });
    expect(contrastMismatch('pho chu tich xa chiu trach nhiem gi', false, ['Chủ tịch xã chịu trách nhiệm.']), '"chủ tịch" is not found inside "phó chủ tịch"').toEqual({ asked: 'phó chủ tịch', found: 'chủ tịch' });
  });

  it('is undefined when the entry speaks of the side asked, of both, or of neither, or the question of none', () => {
    expect(contrastMismatch('hồ sơ nộp trực tuyến bao lâu thông báo', true, online)).toBeUndefined();
    expect(contrastMismatch('nộp trực tiếp hay trực tuyến', true, online), 'the question names both').toBeUndefined();
    expect(contrastMismatch('mức phạt tối thiểu', true, ['Mức tối đa 30 triệu, tối thiểu 500 nghìn.'])).toBeUndefined();
    expect(contrastMismatch('mức phạt tối thiểu', true, ['Mức phạt 30 triệu đồng.'])).toBeUndefined();
    expect(contrastMismatch('hồ sơ phải thông báo trong bao lâu', true, online)).toBeUndefined();
    expect(contrastMismatch('chủ tịch xã làm gì', true, ['Phó Chủ tịch giúp Chủ tịch.']), 'the head is written too').toBeUndefined();
  });
});

describe('contrasts of a question typed with abbreviations', () => {
  it('reads a deputy typed "PCT" or "PGĐ" through the question spelled out', () => {
    const found = () => 'Chủ tịch Ủy ban nhân dân cấp xã được phạt tiền đến 15.000.000 đồng.';
    const pct = askedFacts({ normalized: 'PCT xã được phạt tối đa bao nhiêu', spelled: 'phó chủ tịch xã được phạt tối đa bao nhiêu', accented: true });
    expect(passageMismatch(pct, found, undefined)).toEqual({ asked: ['phó chủ tịch'], found: ['chủ tịch'] });
    const ct = askedFacts({ normalized: 'CT xã được phạt tối đa bao nhiêu', spelled: 'chủ tịch xã được phạt tối đa bao nhiêu', accented: true });
    expect(passageMismatch(ct, found, undefined)).toBeUndefined();
  });
});
