import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../common/errors.js';
import type { LoadedText } from '../legal-unit.js';
import { loadDoc } from './doc-loader.js';
import { expectLoaderContract } from '../../../test/fixtures/loaders/loader-contract.js';
import { readSample } from '../../../test/fixtures/loaders/samples.js';

describe('loadDoc on Phụ lục I of Nghị định 30/2020/NĐ-CP (Word 97–2003)', () => {
  let loaded: LoadedText;
  beforeAll(async () => {
    loaded = await loadDoc({
      relPath: 'phu-luc-1.doc',
      format: 'doc',
      bytes: readSample('nd-30-2020-phu-luc-1-the-thuc-van-ban.doc'),
    });
  });

  it('reads the body text with its structure on separate lines', () => {
    const lines = loaded.text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['Phụ lục I', 'THỂ THỨC, KỸ THUẬT TRÌNH BÀY VĂN BẢN HÀNH CHÍNH', 'VÀ BẢN SAO VĂN BẢN']);
    expect(lines).toContain('Phần I');
    expect(lines).toContain('1. Khổ giấy: Khổ A4 (210 mm x 297 mm).');
    expect(lines.some((line) => line.startsWith('a) Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"'))).toBe(true);
    expectLoaderContract(loaded);
  });

  it('warns that the layout of a legacy file may be imperfect', () => {
    expect(loaded.warnings.join(' ')).toMatch(/legacy Word 97–2003/);
  });
});

describe('loadDoc on an unreadable file', () => {
  it('throws LEGACY_DOC_FORMAT telling the admin to save it as .docx', async () => {
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]);
    const error = await loadDoc({ relPath: 'cu.doc', format: 'doc', bytes }).catch((thrown: unknown) => thrown);
    expect(isAppError(error, 'LEGACY_DOC_FORMAT'), String(error)).toBe(true);
    if (isAppError(error)) expect(error.detail).toMatch(/Save As.*\.docx/);
  });
});
