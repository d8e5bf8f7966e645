import { describe, it, expect } from 'vitest';
import { gapAsked, gapNotes } from './gap-note.js';

const passage =
  'Đề án có 05 nội dung thực hiện: xây dựng đội ngũ; hoàn thiện tài liệu. Năm nội dung này được chia thành 10 nhiệm vụ cụ thể; tài liệu nguồn của bản tóm lược không liệt kê các nhiệm vụ đó.';

describe('gapNotes', () => {
  it('reads the note and resolves its pronoun to the phrase it refers to', () => {
    expect(gapNotes(passage)).toEqual([{ verb: 'liệt kê', what: '10 nhiệm vụ cụ thể' }]);
  });

  it('resolves the pronoun from the previous sentence and keeps a note without one as written', () => {
    expect(gapNotes('Đề án chia thành 7 dự án thành phần. Tài liệu nguồn không nêu các dự án thành phần này.')).toEqual([{ verb: 'nêu', what: '7 dự án thành phần' }]);
    expect(gapNotes('Nguồn tóm lược không nêu ngày có hiệu lực và tình trạng hiệu lực; Đề án thực hiện 2022 – 2030.')).toEqual([
      { verb: 'nêu', what: 'ngày có hiệu lực và tình trạng hiệu lực' },
    ]);
  });

  it('reads no rule as a note: only our source leaving something out counts', () => {
    expect(gapNotes('Từ chối hồ sơ mà không nêu rõ lý do bằng văn bản; kéo dài thời gian giải quyết.')).toEqual([]);
  });
});

describe('gapAsked', () => {
  const [note] = gapNotes(passage);

  it('holds for a question asking for the items, typed with or without marks', () => {
    expect(gapAsked('10 nhiem vu cu the cua de an 4599 gom nhung nhiem vu nao', note)).toBe(true);
    expect(gapAsked('đề án 4599 có 10 nhiệm vụ, liệt kê giúp e với', note)).toBe(true);
    expect(gapAsked('to chuc hoi thi co phai la 1 trong 10 nhiem vu cua de an ko', note)).toBe(true);
    expect(gapAsked('các nhiệm vụ cụ thể của đề án là gì', note)).toBe(true);
  });

  it('does not hold for what the passage states, nor for its other content', () => {
    expect(gapAsked('đề án có 10 nhiệm vụ không', note)).toBe(false);
    expect(gapAsked('đề án 4599 gồm những nội dung nào', note)).toBe(false);
    expect(gapAsked('đề án có những nhiệm vụ gì', note)).toBe(false);
  });
});
