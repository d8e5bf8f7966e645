import { describe, expect, it } from 'vitest';
import { contactMissing, rankMissing, appearanceElsewhere, appearanceMissing, asksPenalty, asksYesNo, powerToFineElsewhere, statesPowerToFine, definitionHead, missingMember, choiceOptions, choiceMissing, techFault } from './question-facts.js';

describe('asksYesNo', () => {
  it('reads a yes-or-no particle typed in chat or spelled out, with or without diacritics and fillers', () => {
    for (const q of [
      'dan muon lay ket qua ban giay thay vi ban dien tu dc ko',
      'huyện còn không sau 1/7/2025',
      'văn bản ký số gửi đi rồi có cần ký tay thêm bản giấy ko ạ',
      'giờ huyện giải thể hết rồi phải ko mn',
      'Mô hình mới xã có được lập phòng chuyên môn tham mưu như tỉnh không?',
      'nghị định 61 còn hiệu lực chưa',
    ]) expect(asksYesNo(q), q).toBe(true);
  });

  it('is false for a question that also asks for a fact, a place, a count or a reason, for a choice, and for one word', () => {
    for (const q of [
      'thời hạn giải quyết là bao lâu, có được gia hạn không',
      'hồ sơ nộp ở đâu có được nộp qua bưu điện không',
      'cơ quan nào có thẩm quyền, xã có được tự công bố không',
      'ubnd làm việc theo chế độ tập thể hay chế độ thủ trưởng',
      'cán bộ không hoàn thành nhiệm vụ thì bị xử lý thế nào',
      'không',
      'k',
    ]) expect(asksYesNo(q), q).toBe(false);
  });

  it('does not take a negation inside the question for the particle', () => {
    expect(asksYesNo('công chức không hoàn thành nhiệm vụ bị xếp loại gì')).toBe(false);
    expect(asksYesNo('hồ sơ không đầy đủ thì trả lại cho dân')).toBe(false);
  });
});

describe('missingMember', () => {
  const lead = ['Về Chính phủ điện tử, Chính phủ số: phát triển hạ tầng, cơ sở dữ liệu, dịch vụ công trực tuyến lấy người dùng làm trung tâm.'];
  it('returns what a yes-or-no question asks to be in something when the lead does not name it', () => {
    expect(missingMember('an toàn thông tin có trong nhiệm vụ chính phủ số của nq 76 không', lead)).toEqual(['an', 'toan', 'thong', 'tin']);
    expect(missingMember('an toan thong tin co nam trong nhiem vu chinh phu so ko', lead)).toEqual(['an', 'toan', 'thong', 'tin']);
  });

  it('is undefined when the lead names most of it, or for another shape of question', () => {
    expect(missingMember('cơ sở dữ liệu có trong nhiệm vụ chính phủ số không', lead)).toBeUndefined();
    expect(missingMember('giấy mời với giấy giới thiệu có nằm trong các loại văn bản hành chính không', ['Văn bản hành chính gồm 29 loại: nghị quyết, quyết định, giấy mời, giấy giới thiệu.'])).toBeUndefined();
    expect(missingMember('nhiệm vụ chính phủ số gồm những gì', lead)).toBeUndefined();
    expect(missingMember('an toàn thông tin là gì', lead)).toBeUndefined();
  });
});

describe('choiceOptions and choiceMissing', () => {
  it('reads the two things a question asks to choose between', () => {
    expect(choiceOptions('trụ sở ubnd tỉnh gia lai mới đặt ở quy nhơn hay pleiku ạ')).toEqual([['quy', 'nhon'], ['pleiku']]);
    expect(choiceOptions('ubnd lam viec theo che do tap the hay la thu truong vay')).toEqual([['tap', 'the'], ['thu', 'truong']]);
    expect(choiceOptions('người được thua bằng tiền hay hiện vật trị giá từ 5.000.000 đồng thì bị phạt bao nhiêu'), 'a statement\'s "or"').toBeUndefined();
    expect(choiceOptions('Phát triển giáo dục là quốc sách hàng đầu, đúng hay sai?')).toBeUndefined();
    // As the composer reads it: the message as typed, then as normalised.
    expect(choiceOptions('tru so moi o quy nhon hay pleiku a . tru so moi o quy nhon hay pleiku')).toEqual([['quy', 'nhon'], ['pleiku']]);
  });

  it('reads no choice in a yes or no with an alternative, between figures, or in "hay" meaning often', () => {
    expect(choiceOptions('nd 42 con hieu luc khong hay bi thay roi')).toBeUndefined();
    expect(choiceOptions('đặc khu dưới 1000 dân có HĐND không hay chỉ có UBND')).toBeUndefined();
    expect(choiceOptions('thời hiệu là 1 năm hay 2 năm')).toBeUndefined();
    expect(choiceOptions('dấu đóng lên chữ ký trùm bao nhiêu ạ, em hay đóng lệch')).toBeUndefined();
    expect(choiceOptions('có hay không')).toBeUndefined();
  });

  it('is missing when the lead names neither option as a phrase', () => {
    const merged = ['Tỉnh Gia Lai và tỉnh Bình Định hợp thành tỉnh Gia Lai; quy định về trụ sở do cấp có thẩm quyền quyết định.'];
    expect(choiceMissing('trụ sở tỉnh gia lai mới đặt ở quy nhơn hay pleiku', merged)).toEqual([['quy', 'nhon'], ['pleiku']]);
    expect(choiceMissing('trụ sở tỉnh gia lai mới đặt ở quy nhơn hay pleiku', ['Trụ sở đặt tại Quy Nhơn.'])).toBeUndefined();
    expect(choiceMissing('ubnd làm việc theo chế độ tập thể hay chế độ thủ trưởng', ['Ủy ban nhân dân làm việc theo chế độ tập thể.'])).toBeUndefined();
  });
});

describe('techFault', () => {
  it('reads an ask how to fix a fault of a program or a device, typed either way', () => {
    expect(techFault('cổng dvc không đăng nhập được bằng vneid, làm sao khắc phục ạ')).toBe(true);
    expect(techFault('may in o bo phan mot cua bi ket giay sua the nao')).toBe(true);
    expect(techFault('usb token cắm vào không nhận, phải làm sao')).toBe(true);
    expect(techFault('phan mem mot cua bao loi khi ky so, xu ly sao a')).toBe(true);
  });

  it('leaves rules about faults, faults of people and questions without a fault to the rules', () => {
    expect(techFault('hệ thống dvc bị sập cả ngày thì luật bắt cơ quan phải chuẩn bị gì'), 'a rule asked').toBe(false);
    expect(techFault('kết quả bị sai do lỗi cán bộ thì xử lý sao'), 'no device').toBe(false);
    expect(techFault('trả lời sai thì xử lý sao')).toBe(false);
    expect(techFault('phần mềm một cửa báo lỗi thì cán bộ nào chịu trách nhiệm'), 'no fix asked, a duty').toBe(false);
    expect(techFault('hệ thống một cửa bị lỗi thì bộ phận một cửa phải làm gì'), '"phải làm gì" asks a duty as often').toBe(false);
    expect(techFault('quyền lợi của cán bộ một cửa là gì')).toBe(false);
  });
});

describe('definitionHead', () => {
  it('skips the clause number before the defined term', () => {
    expect(definitionHead('11. Bản sao lục là bản được sao lại từ bản sao y.')).toEqual(['ban', 'sao', 'luc']);
    expect(definitionHead('b) Văn bản điện tử là văn bản dưới dạng thông điệp dữ liệu.')).toEqual(['van', 'ban', 'dien', 'tu']);
  });
});

describe('appearanceElsewhere', () => {
  const lead = [
    'Một số yêu cầu cơ bản của Phụ lục I (Phần I): khổ giấy A4 (210 mm x 297 mm), trình bày theo chiều dài trang; phông chữ Times New Roman, màu đen; phần nội dung dùng cỡ chữ từ 13 đến 14.',
  ];
  it('holds when every part giving the asked size or colour is about something the question does not name', () => {
    expect(appearanceElsewhere('Quốc hiệu với tiêu ngữ trình bày cỡ chữ bao nhiêu, in hoa hay in thường?', lead)).toBe(true);
    expect(appearanceElsewhere('co chu quoc hieu va tieu ngu trong vb hanh chinh la bn', lead)).toBe(true);
  });
  it('does not hold when a part giving it names what is asked of', () => {
    expect(appearanceElsewhere('vb hành chính in giấy gì, chữ màu gì, nội dung cỡ mấy', lead)).toBe(false);
    expect(appearanceElsewhere('phần nội dung văn bản cỡ chữ bao nhiêu', lead)).toBe(false);
    expect(appearanceElsewhere('văn bản hành chính có bao nhiêu thành phần', lead), 'no appearance asked').toBe(false);
  });
  it('reads "co chu … bao nhieu" typed bare as a size asked', () => {
    expect(appearanceMissing('co chu quoc hieu la bn', ['Văn bản hành chính có 09 thành phần chính.'])).toBe(true);
  });
});

describe('asksPenalty and statesPowerToFine', () => {
  it('reads the fine for an act asked, typed with or without marks', () => {
    expect(asksPenalty('cá nhân hành nghề lưu trữ mà chưa có chứng chỉ thì mức phạt là bao nhiêu?')).toBe(true);
    expect(asksPenalty('ca nhan ko co chung chi hanh nghe thi bi phat bn')).toBe(true);
    expect(asksPenalty('cty lam dich vu luu tru ma ko co chung chi thi bi phat muc nao')).toBe(true);
  });
  it('does not read an official\'s power to fine, nor a question on something else, as the fine for an act', () => {
    expect(asksPenalty('chủ tịch ubnd xã được phạt tối đa bao nhiêu tiền')).toBe(false);
    expect(asksPenalty('thẩm quyền xử phạt của giám đốc sở nội vụ mức phạt bao nhiêu')).toBe(false);
    expect(asksPenalty('lệ phí cấp bản sao bao nhiêu')).toBe(false);
  });
  it('tells a ceiling for whoever fines from the fine for an act', () => {
    expect(statesPowerToFine(['Chủ tịch Ủy ban nhân dân cấp xã được phạt cảnh cáo, phạt tiền đến 15.000.000 đồng.'])).toBe(true);
    expect(statesPowerToFine(['Giám đốc Sở Nội vụ được phạt tiền đến 24.000.000 đồng.'])).toBe(true);
    expect(statesPowerToFine(['Mang tài liệu lưu trữ ra khỏi lưu trữ khi chưa được phép bị phạt từ 15.000.000 đến 20.000.000 đồng.'])).toBe(false);
  });
});

describe('powerToFineElsewhere', () => {
  const lead = ['Chủ tịch Ủy ban nhân dân cấp xã được phạt cảnh cáo, phạt tiền đến 15.000.000 đồng, tước quyền sử dụng Chứng chỉ hành nghề lưu trữ từ 03 đến 06 tháng.'];
  it('holds for a question on no sanction, or on an official the lead does not name', () => {
    expect(powerToFineElsewhere('chung chi hanh nghe luu tru do co quan nao cap v', lead)).toBe(true);
    expect(powerToFineElsewhere('truong cong an xa co tham quyen xu phat vi pham ve luu tru ko mn', lead)).toBe(true);
  });
  it('does not hold for the official named, a sanction asked, or a lead stating no power to fine', () => {
    expect(powerToFineElsewhere('chủ tịch ubnd xã được phạt tối đa bao nhiêu', lead)).toBe(false);
    expect(powerToFineElsewhere('vi pham luu tru co the bi tuoc chung chi hanh nghe toi da bao lau', lead)).toBe(false);
    expect(powerToFineElsewhere('chung chi hanh nghe luu tru do co quan nao cap', ['Sở Nội vụ cấp Chứng chỉ hành nghề lưu trữ.'])).toBe(false);
  });
});

describe('contactMissing', () => {
  const rule = ['Cơ quan trung ương tổ chức theo ngành dọc cử người ra làm việc tại Trung tâm Phục vụ hành chính công cấp tỉnh, cấp xã.'];
  it('holds when an address or a number asked is not given', () => {
    expect(contactMissing('trung tam phuc vu hanh chinh cong tinh o dia chi nao', rule)).toBe(true);
    expect(contactMissing('sdt duong day nong cua trung tam la so may a', rule)).toBe(true);
    expect(contactMissing('cho em xin số điện thoại bộ phận một cửa', rule)).toBe(true);
  });
  it('does not hold when one is given, or when none is asked', () => {
    expect(contactMissing('sdt duong day nong la so may', ['Đường dây nóng: 0236 3822 000.'])).toBe(false);
    expect(contactMissing('địa chỉ cổng dịch vụ công là gì', ['Cổng Dịch vụ công quốc gia tại https://dichvucong.gov.vn.'])).toBe(false);
    expect(contactMissing('ông cụ không dùng điện thoại thông minh thì có được nộp hồ sơ giấy không', rule)).toBe(false);
  });
});

describe('rankMissing', () => {
  const lead = ['Kết quả cải cách hành chính được đánh giá hằng năm bằng Chỉ số cải cách hành chính (PAR INDEX).'];
  it('holds when a rank asked is not given', () => {
    expect(rankMissing('PAR INDEX năm 2025 tỉnh mình đứng thứ mấy cả nước', lead)).toBe(true);
    expect(rankMissing('tinh minh xep hang bao nhieu ve par index', lead)).toBe(true);
  });
  it('does not hold when one is given, nor for an ordinal of a list', () => {
    expect(rankMissing('tỉnh đứng thứ mấy', ['Năm 2025 tỉnh xếp thứ 5 cả nước.'])).toBe(false);
    expect(rankMissing('chinh phu so nam o noi dung thu may cua cchc', lead)).toBe(false);
  });
});
