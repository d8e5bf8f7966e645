import { describe, expect, it } from 'vitest';
import { isAppError } from '../common/errors.js';
import { parseFrontMatter } from '../ingest/front-matter.js';
import { FIELD_ALIASES, META_FIELDS, fieldOfKey, metaValues, validateMetaPatch } from './meta-fields.js';

function refusal(input: unknown): { code: string; detail: string } {
  try {
    validateMetaPatch(input);
  } catch (err: unknown) {
    if (isAppError(err)) return { code: err.code, detail: err.detail };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('FIELD_ALIASES', () => {
  it.each(META_FIELDS.flatMap((f) => FIELD_ALIASES[f].map((alias) => [alias, f])))('"%s" is a key parseFrontMatter knows (sets %s)', (alias) => {
    const { problems } = parseFrontMatter({ [alias]: 'x' }, { relPath: 'a.md', firstLines: [] });
    expect(problems.join('\n'), 'help: ingest/front-matter.ts KEY_ALIASES changed; update admin/meta-fields.ts FIELD_ALIASES').not.toMatch(/unknown front-matter key/);
  });
});

describe('fieldOfKey', () => {
  it.each([
    ['số hiệu', 'number'],
    ['Số hiệu', 'number'],
    ['so_hieu', 'number'],
    ['Tình trạng hiệu lực', 'status'],
    ['ngày ban hành', 'issued'],
    ['URL', 'source_url'],
    ['note', undefined],
    ['doc_type', undefined],
  ])('maps %j to %s', (key, field) => {
    expect(fieldOfKey(key)).toBe(field);
  });
});

describe('metaValues', () => {
  it('reads each field from whichever alias the file uses, the first one winning', () => {
    const v = metaValues({ 'số hiệu': '61/2018/NĐ-CP', title: 'Nghị định', number: '1/2000/NĐ-CP', note: 'x' });
    expect(v.number).toBe('61/2018/NĐ-CP');
    expect(v.title).toBe('Nghị định');
    expect(v.status).toBe('');
  });
});

describe('validateMetaPatch', () => {
  it('normalises dates to ISO, canonicalises numbers and collapses spaces', () => {
    expect(validateMetaPatch({ issued: '23/4/2018', effective: 'ngày 1 tháng 7 năm 2025', number: '118 / 2025 / nd-cp', title: '  Nghị   định  về  một cửa ' })).toEqual({
      issued: '2018-04-23',
      effective: '2025-07-01',
      number: '118/2025/NĐ-CP',
      title: 'Nghị định về một cửa',
    });
  });

  it('keeps an empty value (it removes the key) and a status written in words', () => {
    expect(validateMetaPatch({ replaced_by: '', status: 'bị thay thế bởi Nghị định 118/2025/NĐ-CP' })).toEqual({ replaced_by: '', status: 'bị thay thế bởi Nghị định 118/2025/NĐ-CP' });
  });

  it('refuses bad dates, statuses and URLs all at once with FRONT_MATTER_INVALID', () => {
    const r = refusal({ issued: '31/2/2020', status: 'tạm dừng', source_url: 'javascript:alert(1)' });
    expect(r.code).toBe('FRONT_MATTER_INVALID');
    expect(r.detail).toContain('issued');
    expect(r.detail).toContain('status');
    expect(r.detail).toContain('source_url');
  });

  it.each([[null], [[]], ['x'], [{ unknown: 'x' }], [{ title: 5 }]])('refuses %j with INVALID_INPUT', (input) => {
    expect(refusal(input).code).toBe('INVALID_INPUT');
  });
});
