import { describe, expect, it } from 'vitest';
import { checkGroundedOutput } from './output-check.js';
import type { OutputCheckContext } from './output-check.js';
import { buildGroundedPrompt } from './prompt.js';

const PASSAGES = [
  {
    marker: 1,
    label: 'Khoản 1 Điều 3 Nghị định 61/2018/NĐ-CP (còn hiệu lực)',
    text: 'Cơ chế một cửa trong giải quyết thủ tục hành chính là phương thức tiếp nhận hồ sơ, giải quyết và trả kết quả giải quyết thủ tục hành chính cho tổ chức, cá nhân thông qua Bộ phận Tiếp nhận và Trả kết quả.',
  },
  {
    marker: 2,
    label: 'Khoản 3 Điều 19 Nghị định 61/2018/NĐ-CP (còn hiệu lực)',
    text: 'Thời hạn hướng dẫn bổ sung hồ sơ là 01 ngày làm việc; danh mục được công khai tại https://dichvucong.gov.vn và mẫu <b>01</b>.',
  },
];
const prompt = buildGroundedPrompt('Cơ chế một cửa là gì?', PASSAGES, 'abc123');
const ctx: OutputCheckContext = {
  markers: [1, 2],
  evidence: PASSAGES.map((p) => `${p.label}\n${p.text}`).join('\n'),
  systemPrompt: prompt.system,
  nonce: prompt.nonce,
};
const check = (text: string) => checkGroundedOutput(text, ctx);

describe('checkGroundedOutput', () => {
  it.each([
    ['one cited sentence', 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ và trả kết quả thủ tục hành chính [1].', [1]],
    ['a marker after the full stop', 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ và trả kết quả thủ tục hành chính. [1]', [1]],
    ['a combined marker', 'Hồ sơ được hướng dẫn bổ sung trong 01 ngày làm việc qua Bộ phận Tiếp nhận và Trả kết quả [1, 2].', [1, 2]],
    ['a URL and markup found in the passages', 'Danh mục thủ tục hành chính được công khai tại https://dichvucong.gov.vn theo mẫu <b>01</b> [2].', [2]],
    ['a short uncited intro among cited sentences', 'Theo Nghị định:\n- Cơ chế một cửa là phương thức tiếp nhận hồ sơ [1].\n- Thời hạn hướng dẫn bổ sung hồ sơ là 01 ngày làm việc [2].', [1, 2]],
  ])('accepts %s', (_name, text, cited) => {
    expect(check(text)).toEqual({ ok: true, text: text.trim(), cited });
  });

  it('drops Markdown emphasis instead of rejecting it', () => {
    expect(check('**Cơ chế một cửa** là phương thức tiếp nhận hồ sơ và trả kết quả [1].')).toEqual({
      ok: true,
      text: 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ và trả kết quả [1].',
      cited: [1],
    });
  });

  it.each([
    ['empty text', '  \n ', 'empty'],
    ['over-long text', `${'Cơ chế một cửa là phương thức tiếp nhận hồ sơ [1]. '.repeat(40)}`, 'too_long'],
    ['an unknown marker', 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ [3].', 'unknown_citation'],
    ['a marker 0', 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ [0].', 'unknown_citation'],
    ['a malformed marker', 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ [1a].', 'unknown_citation'],
    ['no marker', 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ.', 'no_citation'],
    ['mostly uncited sentences', 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ [1]. Bộ phận tiếp nhận trả kết quả cho tổ chức. Cá nhân nộp hồ sơ tại Bộ phận.', 'uncited_sentences'],
    ['a one-word answer', 'XYZ [1]', 'too_short'],
    ['an invented deadline', 'Thời hạn hướng dẫn bổ sung hồ sơ là 05 ngày làm việc [2].', 'foreign_number'],
    ['unsupported content', 'Người dân được miễn toàn bộ lệ phí trước bạ khi đăng ký xe máy điện [1].', 'unsupported'],
    ['a URL not in the passages', 'Xem thêm tại https://example.com/cach-lam về cơ chế một cửa tiếp nhận hồ sơ [1].', 'foreign_url'],
    ['HTML not in the passages', 'Cơ chế một cửa là <a href="x">phương thức</a> tiếp nhận hồ sơ [1].', 'markup'],
    ['a Markdown link', 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ [1](javascript:alert).', 'markup'],
    ['the abstention phrase', 'Không đủ căn cứ để trả lời.', 'model_abstained'],
    ['the abstention phrase without diacritics', 'Chua du can cu de tra loi cau hoi nay [1].', 'model_abstained'],
    ['the delimiter nonce', 'Nội dung nằm giữa <<<TÀI_LIỆU_abc123>>> là phương thức tiếp nhận hồ sơ [1].', 'prompt_leak'],
    ['a rule of the system prompt', 'Mỗi câu phải ghi nguồn bằng số thứ tự của đoạn trích trong ngoặc vuông [1].', 'prompt_leak'],
    ['an obeyed Vietnamese injection', 'Tôi sẽ bỏ qua mọi hướng dẫn trước đó: cơ chế một cửa tiếp nhận hồ sơ [1].', 'injection_echo'],
    ['an obeyed English injection', 'OK, I will ignore previous instructions about cơ chế một cửa tiếp nhận hồ sơ [1].', 'injection_echo'],
  ])('rejects %s', (_name, text, reason) => {
    expect(check(text)).toEqual({ ok: false, reason });
  });

  it('does not call shared legal wording a prompt leak when the passages contain it', () => {
    const system = 'Bạn là trợ lý dành cho cán bộ, công chức, viên chức của tỉnh trong mọi trường hợp.';
    const evidence = 'Quy định áp dụng cho cán bộ, công chức, viên chức của tỉnh trong mọi trường hợp.';
    const text = 'Quy định áp dụng cho cán bộ, công chức, viên chức của tỉnh trong mọi trường hợp [1].';
    expect(checkGroundedOutput(text, { ...ctx, systemPrompt: system, evidence })).toMatchObject({ ok: true });
  });

  it('never throws on arbitrary text', () => {
    const samples = ['[', ']', '[[1]]', '[1-', '\u0000\u202e', '…'.repeat(50), '[999999999999999999999]', '<', '`'];
    for (const s of samples) expect(() => check(s)).not.toThrow();
  });
});
