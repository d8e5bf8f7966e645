import { describe, it, expect } from 'vitest';
import { classifyMessage } from './message-kind.js';

describe('classifyMessage', () => {
  it.each([
    ['z', 'one letter'],
    ['7', 'one digit'],
    ['0912 345 678', 'digits only'],
    ['!!!', 'punctuation only'],
    ['<p><br></p>', 'markup only'],
    ['<a href="x">abc</a>', 'markup around a test word'],
    ['https://example.gov.vn/trang-chu', 'a link only'],
    ['[Video]', 'a platform placeholder'],
    ['{{ten}}', 'a template placeholder'],
    ['qqqqqqq', 'one letter repeated'],
    ['zxcvbnmq', 'keyboard mash'],
    ['select * from users where id = 1', 'text that is not Vietnamese'],
    ['😀😀', 'emoji only'],
  ])('calls %s junk (%s)', (text) => {
    expect(classifyMessage(text)).toBe('junk');
  });

  it.each([
    ['Chào anh chị ạ'],
    ['cam on ban nhieu nhe'],
    ['Dạ vâng, em hiểu rồi ạ'],
    ['ok'],
    ['tạm biệt'],
    ['bot trả lời sai rồi'],
    ['bạn là ai'],
    ['hihi 😄'],
    ['mn ơi'],
    ['bot oi'],
  ])('calls %s social', (text) => {
    expect(classifyMessage(text)).toBe('social');
  });

  it.each([
    ['cảm ơn, cho em hỏi thủ tục một cửa ở đâu', 'thanks followed by a question'],
    ['chào bot, nđ 118 còn hiệu lực không', 'greeting followed by a question'],
    ['CCHC là gì', 'an abbreviation and a question'],
    ['PAR INDEX', 'abbreviations in capitals'],
    ['tthc', 'a lower-case field abbreviation'],
    ['thủ tục hành chính', 'a topic without a question word'],
    ['đúng hay sai', 'words that also appear in social phrases'],
    ['Điều 5', 'an article'],
    ['mn ơi thủ tục một cửa ở đâu', 'a call for attention followed by a question'],
  ])('leaves %s to search (%s)', (text) => {
    expect(classifyMessage(text)).toBeUndefined();
  });
});
