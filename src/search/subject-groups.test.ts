import { describe, expect, it } from 'vitest';
import { groupsNamed, subjectMismatch, levelMismatch, levelsAsked, levelsNamed } from './subject-groups.js';

const CONG_CHUC = 'Điều 36. Hình thức kỷ luật đối với công chức\n1. Công chức vi phạm bị áp dụng một trong các hình thức: a) Khiển trách; b) Cảnh cáo.';
const VIEN_CHUC = 'Điều 52. Các hình thức kỷ luật đối với viên chức\n1. Khiển trách. 2. Cảnh cáo. 3. Cách chức. 4. Buộc thôi việc.';

describe('subjectMismatch', () => {
  it('finds passages on công chức for a question on viên chức, typed with or without diacritics', () => {
    expect(subjectMismatch('các hình thức kỷ luật viên chức', () => [CONG_CHUC])).toEqual({ asked: ['viên chức'], found: ['cán bộ, công chức'] });
    expect(subjectMismatch('vien chuc bi ky luat co nhung hinh thuc nao', () => [CONG_CHUC])?.asked).toEqual(['viên chức']);
  });

  it('is satisfied when any top passage names a group the question names', () => {
    expect(subjectMismatch('các hình thức kỷ luật viên chức', () => [CONG_CHUC, VIEN_CHUC])).toBeUndefined();
    expect(subjectMismatch('bồi dưỡng cán bộ, công chức, viên chức', () => [CONG_CHUC])).toBeUndefined();
    expect(subjectMismatch('cán bộ một cửa được hưởng chế độ gì', () => [CONG_CHUC]), 'cán bộ and công chức are one group').toBeUndefined();
  });

  it('says nothing when the question names no group, or the passages name none', () => {
    expect(subjectMismatch('thời hạn giải quyết hồ sơ', () => [CONG_CHUC])).toBeUndefined();
    expect(subjectMismatch('viên chức được nghỉ phép mấy ngày', () => ['Hồ sơ được tiếp nhận trong ngày làm việc.'])).toBeUndefined();
  });

  it('reads the groups of a text', () => {
    expect(groupsNamed('Người lao động và người sử dụng lao động')).toEqual(['người lao động']);
    expect(groupsNamed('cbccvc')).toEqual(['cán bộ, công chức', 'viên chức']);
  });
});

describe('levels of government', () => {
  it('are read from place nouns with diacritics, and from forms that cannot be other words without them', () => {
    expect(levelsNamed('Giám đốc Trung tâm Phục vụ hành chính công cấp tỉnh là ai?', true)).toEqual(['cấp tỉnh']);
    expect(levelsNamed('phường có phải đơn vị hành chính cấp xã không', true)).toEqual(['cấp xã']);
    expect(levelsNamed('tổ chức chính trị – xã hội', true), '"xã hội" is society').toEqual([]);
    expect(levelsNamed('thị xã có còn không', true).sort()).toEqual(['cấp huyện', 'cấp xã']);
    expect(levelsNamed('chu tich ubnd tinh co quyen gi', false)).toEqual(['cấp tỉnh']);
    expect(levelsNamed('dan o xa co nop online duoc khong', false), '"ở xa" is far away').toEqual([]);
    expect(levelsNamed('tinh diem xep loai the nao', false), '"tính điểm" is to count').toEqual([]);
    expect(levelsNamed('trung tam phuc vu hcc xa duoc co may pho giam doc', false), 'the centre of a xã').toEqual(['cấp xã']);
    expect(levelsNamed('bo phan mot cua tinh lam viec thu 7 khong', false)).toEqual(['cấp tỉnh']);
    // A city under the centre is of the tỉnh level, however it is typed.
    expect(levelsNamed('tp truc thuoc tw chon mo hinh trung tam mot cap', false)).toEqual(['cấp tỉnh']);
    expect(levelsNamed('thanh pho truc thuoc trung uong co may pho chu tich', false)).toEqual(['cấp tỉnh']);
    expect(levelsNamed('tp trực thuộc tw có mấy phó chủ tịch', true)).toEqual(['cấp tỉnh']);
  });

  it('do not ask about the huyện when the question asks whether it still exists (the answer is the two levels left)', () => {
    expect(levelsAsked('giờ huyện giải thể hết rồi phải ko mn', true)).toEqual([]);
    expect(levelsAsked('huyen con ko sau 1/7/2025', false)).toEqual([]);
    expect(levelsAsked('trách nhiệm của chủ tịch UBND huyện về CCHC', true)).toEqual(['cấp huyện']);
    expect(levelsAsked('cán bộ huyện sách nhiễu thì chủ tịch phải làm gì', true), '"cán bộ huyện" is no "bỏ huyện"').toEqual(['cấp huyện']);
    const twoLevels = ['Chính quyền địa phương gồm cấp tỉnh và cấp xã.'];
    expect(levelMismatch('giờ huyện giải thể hết rồi phải ko mn', true, () => twoLevels)).toBeUndefined();
    expect(levelMismatch('trách nhiệm của chủ tịch UBND huyện về CCHC', true, () => twoLevels)).toBeDefined();
  });

  it('do not ask about a level set aside with "ngoài" when the question names another', () => {
    expect(levelsAsked('Ngoài xã ra thì UBND tỉnh có phải tổ chức đối thoại với dân không', true)).toEqual(['cấp tỉnh']);
    expect(levelsAsked('ngoai cap xa thi ubnd tinh co phai doi thoai ko', false)).toEqual(['cấp tỉnh']);
    expect(levelsAsked('ngoài tỉnh thì cấp xã có trung tâm phục vụ hành chính công không', true)).toEqual(['cấp xã']);
    // The only level named stays asked; "ngoài" before another word sets no level aside.
    expect(levelsAsked('ngoài xã ra còn cấp nào phải đối thoại với dân', true)).toEqual(['cấp xã']);
    expect(levelsAsked('ngoài kinh phí của tỉnh thì xã được dùng nguồn nào', true)).toEqual(['cấp xã', 'cấp tỉnh']);
    const commune = ['Ít nhất mỗi năm một lần, chính quyền cấp xã tổ chức hội nghị đối thoại với Nhân dân.'];
    expect(levelMismatch('Ngoài xã ra thì UBND tỉnh có phải tổ chức đối thoại với dân định kỳ không', true, () => commune)).toEqual({ asked: ['cấp tỉnh'], found: ['cấp xã'] });
    expect(levelMismatch('UBND xã có phải tổ chức đối thoại với dân định kỳ không', true, () => commune)).toBeUndefined();
  });

  it('do not ask about a level named to compare with ("như cấp xã", "giống xã"), unless "cũng như" adds it', () => {
    expect(levelsAsked('UBND tỉnh có bắt buộc phải tổ chức hội nghị đối thoại với Nhân dân hằng năm không, như cấp xã ấy?', true)).toEqual(['cấp tỉnh']);
    expect(levelsAsked('ubnd tinh co phai doi thoai voi dan giong nhu xa ko', false)).toEqual(['cấp tỉnh']);
    expect(levelsAsked('UBND tỉnh cũng như UBND xã có phải đối thoại với dân không', true)).toEqual(['cấp xã', 'cấp tỉnh']);
  });

  it('tell a curated answer on another level from one on the level asked, or on none', () => {
    const xa = ['Giám đốc Trung tâm Phục vụ hành chính công cấp xã là ai?', 'Giám đốc Trung tâm cấp xã tương đương Trưởng phòng thuộc Ủy ban nhân dân cấp xã.'];
    const other = (q: string, accented: boolean, texts: readonly string[]) => levelMismatch(q, accented, () => texts) !== undefined;
    expect(other('Giám đốc Trung tâm Phục vụ hành chính công cấp tỉnh là ai?', true, xa)).toBe(true);
    expect(other('giam doc trung tam hcc cap xa la ai', false, xa)).toBe(false);
    expect(other('giám đốc trung tâm là ai', true, xa), 'no level asked').toBe(false);
    expect(other('ở tỉnh thì sao', true, ['Người dân nộp hồ sơ trực tuyến.']), 'an entry on no level').toBe(false);
  });
});

describe('levelMismatch', () => {
  const xa = () => ['Luật Tổ chức chính quyền địa phương\nĐiều 23. Nhiệm vụ, quyền hạn của Chủ tịch Ủy ban nhân dân xã\nLãnh đạo và chịu trách nhiệm về cải cách hành chính.'];
  it('names the levels asked and found when the passages speak only of another level', () => {
    expect(levelMismatch('trách nhiệm của chủ tịch UBND huyện về CCHC', true, xa)).toEqual({ asked: ['cấp huyện'], found: ['cấp xã'] });
    expect(levelMismatch('chu tich ubnd tinh chiu trach nhiem gi ve cchc', false, xa)).toEqual({ asked: ['cấp tỉnh'], found: ['cấp xã'] });
  });
  it('is undefined when the levels agree, or either side names none', () => {
    expect(levelMismatch('trách nhiệm của chủ tịch UBND xã về CCHC', true, xa)).toBeUndefined();
    expect(levelMismatch('trách nhiệm của chủ tịch về CCHC', true, xa)).toBeUndefined();
    expect(levelMismatch('trách nhiệm của chủ tịch UBND tỉnh', true, () => ['Chủ tịch lãnh đạo công việc.'])).toBeUndefined();
  });
});
