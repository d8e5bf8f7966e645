import { describe, it, expect } from 'vitest';
import { parseLosslessJson } from './lossless-json.js';

describe('parseLosslessJson', () => {
  it('keeps integers beyond 2^53 as their exact digits, and safe numbers as numbers', () => {
    expect(parseLosslessJson('{"a":9007199254740993,"b":-12345678901234567890,"c":42,"d":1.5,"e":1e3,"f":[1234567890123456789]}'))
      .toEqual({ a: '9007199254740993', b: '-12345678901234567890', c: 42, d: 1.5, e: 1000, f: ['1234567890123456789'] });
  });

  it('leaves digits inside strings alone, including escaped quotes before them', () => {
    const text = '{"text":"mã: 12345678901234567890, \\"x\\": 99999999999999999999}","id":"9791000000000000001"}';
    expect(parseLosslessJson(text)).toEqual({ text: 'mã: 12345678901234567890, "x": 99999999999999999999}', id: '9791000000000000001' });
  });

  it('throws SyntaxError on malformed JSON, like JSON.parse', () => {
    expect(() => parseLosslessJson('{"a": 1,')).toThrow(SyntaxError);
    expect(() => parseLosslessJson('{"a": "unterminated')).toThrow(SyntaxError);
  });
});
