import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../common/errors.js';
import type { ErrorCode } from '../common/errors.js';
import { pathInside, safeDocumentName } from './file-names.js';

function codeOf(fn: () => unknown): ErrorCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (err: unknown) {
    if (isAppError(err)) return err.code;
    throw err;
  }
}

describe('safeDocumentName', () => {
  it.each([
    ['Quyết định 4599.PDF', 'quyet-dinh-4599.pdf'],
    ['Nghị định số 118 (bản mới).docx', 'nghi-dinh-so-118-ban-moi.docx'],
    ['ĐỀ ÁN CCHC.md', 'de-an-cchc.md'],
    ['nd-30-2020.txt', 'nd-30-2020.txt'],
    ['van-ban/nd-30.md', 'nd-30.md'],
    ['trang  --  web__tin.HTM', 'trang-web__tin.htm'],
    ['a.b.c.html', 'a.b.c.html'],
  ])('stores %j as %j', (input, expected) => {
    expect(safeDocumentName(input)).toBe(expected);
  });

  it.each([
    ['../../etc/passwd', 'traversal'],
    ['../../etc/passwd.md', 'traversal with an accepted extension'],
    ['..%2f..%2fetc%2fpasswd.md', 'percent-encoded traversal'],
    ['..%252f..%252fsecret.md', 'double-encoded traversal'],
    ['van-ban/../../x.md', 'traversal in the middle'],
    ['..\\..\\windows\\x.md', 'backslash traversal'],
    ['/etc/passwd.md', 'absolute POSIX path'],
    ['C:\\fakepath\\x.pdf', 'absolute Windows path'],
    ['\\\\server\\share\\x.pdf', 'UNC path'],
    ['~/x.md', 'home-relative path'],
    ['x\u0000.md', 'NUL byte'],
    ['x%00.md', 'encoded NUL byte'],
    ['bad\nname.md', 'newline'],
    ['.env.md', 'hidden file'],
    ['van-ban/.hidden.pdf', 'hidden file in a folder'],
    ['faq.yaml', 'configuration file'],
    ['README.md', 'the folder README'],
    ['nd-30.pdf.meta.yaml', 'a sidecar'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['---.md', 'no letters or digits'],
  ])('refuses %j (%s) with INVALID_INPUT', (input) => {
    expect(codeOf(() => safeDocumentName(input))).toBe('INVALID_INPUT');
  });

  it.each(['virus.exe', 'nd-30', 'bang.xlsx', 'cu.doc', 'script.md.js'])('refuses %j with UNSUPPORTED_FORMAT (415)', (input) => {
    expect(codeOf(() => safeDocumentName(input))).toBe('UNSUPPORTED_FORMAT');
  });

  it('never returns anything outside [a-z0-9._-]', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const chars = Array.from({ length: 1 + (i % 30) }, () => String.fromCodePoint(32 + Math.floor(random() * 0x2000)));
      const name = `${chars.join('')}.pdf`;
      const code = codeOf(() => safeDocumentName(name));
      if (code === 'none') expect(safeDocumentName(name), `input ${JSON.stringify(name)}`).toMatch(/^[a-z0-9_][a-z0-9._-]*\.pdf$/);
    }
  });

  it('caps the length at 120 characters, keeping the extension', () => {
    const name = safeDocumentName(`${'a'.repeat(300)}.pdf`);
    expect(name.length).toBe(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('pathInside', () => {
  const root = resolve('/srv/knowledge');

  it('resolves a plain name or a sub-folder path inside the folder', () => {
    expect(pathInside(root, 'nd-30.md')).toBe(join(root, 'nd-30.md'));
    expect(pathInside(root, 'van-ban/nd-30.md')).toBe(join(root, 'van-ban', 'nd-30.md'));
  });

  it.each(['../x.md', 'a/../../x.md', '/etc/passwd', '.', '', 'a\u0000b'])('refuses %j', (rel) => {
    expect(codeOf(() => pathInside(root, rel))).toBe('INVALID_INPUT');
  });
});
