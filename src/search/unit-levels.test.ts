import { describe, expect, it } from 'vitest';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import { UnitLevels } from './unit-levels.js';

const LAW: DocumentMeta = { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', status: 'in_force', kind: 'summary' };
const OLD: DocumentMeta = { number: '77/2015/QH13', title: 'Luật Tổ chức chính quyền địa phương', status: 'replaced', kind: 'summary' };

const article = (id: string, number: string, heading: string, text: string): Chunk => ({
  id,
  docId: id.split('#')[0],
  headings: [{ kind: 'article', number, heading }],
  citationPath: `Điều ${number}`,
  title: `Điều ${number}. ${heading}`,
  text,
  hash: id,
});

const levels = article(
  'l72.md#D1',
  '1',
  'Đơn vị hành chính',
  '1. Đơn vị hành chính được tổ chức thành 02 cấp:\na) Cấp tỉnh, gồm tỉnh và thành phố trực thuộc trung ương;\nb) Cấp xã, gồm xã, phường và đặc khu trực thuộc cấp tỉnh.\n2. Ngoài ra có đơn vị hành chính – kinh tế đặc biệt.',
);
const ends = article(
  'l72.md#D51',
  '51',
  'Hiệu lực thi hành',
  '1. Luật có hiệu lực thi hành từ ngày được thông qua.\n3. Hội đồng nhân dân, Ủy ban nhân dân và các cơ quan chuyên môn của huyện, quận, thị xã, thành phố thuộc tỉnh (gọi chung là cấp huyện) kết thúc hoạt động từ ngày 01/7/2025.',
);
// The replaced law still describes three levels: it must not answer.
const former = article('l77.md#D2', '2', 'Đơn vị hành chính', '1. Đơn vị hành chính được tổ chức thành 03 cấp: tỉnh, huyện, xã.\n2. Huyện kết thúc hoạt động khi có quyết định giải thể.');

const table = () => new UnitLevels([former, levels, ends], (i) => (i === 0 ? OLD : LAW));

describe('UnitLevels', () => {
  it('answers whether a level still exists with the clause ending it, then the levels there are now', () => {
    for (const q of ['huyện còn ko sau 1/7/2025', 'giờ huyện giải thể hết rồi phải ko mn', 'cap huyen da bi bo chua a', 'thị xã còn không']) {
      const found = table().lookup(q);
      expect(found?.map((c) => `${c.chunk.id} ${c.clause}`), q).toEqual(['l72.md#D51 3', 'l72.md#D1 1']);
    }
    const both = table().lookup('huyện còn không');
    expect(both?.[1].sentence).toBe('Đơn vị hành chính được tổ chức thành 02 cấp: a) Cấp tỉnh, gồm tỉnh và thành phố trực thuộc trung ương; b) Cấp xã, gồm xã, phường và đặc khu trực thuộc cấp tỉnh.');
  });

  it('answers a kind no clause ends with the levels there are, reading Telex leftovers', () => {
    expect(table().lookup('thi tran con ko hay doi het thanh xa phuowng r')?.map((c) => c.chunk.id)).toEqual(['l72.md#D1']);
  });

  it('leaves alone a named unit, another topic, "cơ quan", "thì xã" and questions asking nothing of the kind', () => {
    for (const q of [
      'huyện Châu Thành còn không',
      'huyện cũ còn lưu hồ sơ không',
      'cơ quan còn không',
      'sau sáp nhập thì xã còn không',
      'huyện có mấy phó chủ tịch',
      'ubnd huyện còn ký không',
    ]) {
      expect(table().lookup(q), q).toBeUndefined();
    }
  });
});
