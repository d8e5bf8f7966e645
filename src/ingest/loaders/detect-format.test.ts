import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../common/errors.js';
import { detectFormat } from './detect-format.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj');
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
const OLE2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]);
const TIFF_LE = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 0x08]);
const TIFF_BE = new Uint8Array([0x4d, 0x4d, 0x00, 0x2a, 0x00]);
const HTML = new TextEncoder().encode('<!DOCTYPE html><html><body><p>Điều 1.</p></body></html>');
const TEXT = new TextEncoder().encode('Điều 1. Phạm vi điều chỉnh');
const RTF = new TextEncoder().encode('{\\rtf1\\ansi Điều 1.}');

function detectError(relPath: string, bytes: Uint8Array): AppError {
  try {
    detectFormat(relPath, bytes);
  } catch (error: unknown) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error(`detectFormat(${relPath}) did not throw`);
}

describe('detectFormat', () => {
  it.each([
    ['van-ban/nd-30.PDF', PDF, 'pdf'],
    ['nd-30.docx', ZIP, 'docx'],
    ['phu-luc.doc', OLE2, 'doc'],
    ['trang.html', HTML, 'html'],
    ['trang.htm', TEXT, 'html'],
    ['ghi-chu.md', TEXT, 'md'],
    ['ghi-chu.txt', TEXT, 'txt'],
    ['hoi-dap.md', HTML, 'md'],
    ['scan/trang-1.png', PNG, 'image'],
    ['trang-1.JPG', JPEG, 'image'],
    ['trang-1.jpeg', JPEG, 'image'],
    ['trang-1.tif', TIFF_LE, 'image'],
    ['trang-1.tiff', TIFF_BE, 'image'],
  ] as const)('returns the format of %s when the content agrees', (relPath, bytes, format) => {
    expect(detectFormat(relPath, bytes)).toBe(format);
  });

  it('lists the supported extensions for an unknown one', () => {
    const error = detectError('bang-tinh.xlsx', ZIP);
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.detail).toContain('".xlsx"');
    for (const extension of ['.md', '.txt', '.html', '.htm', '.docx', '.pdf', '.doc']) {
      expect(error.detail).toContain(extension);
    }
  });

  it('refuses a file without an extension', () => {
    expect(detectError('README', TEXT).detail).toMatch(/no extension/);
  });

  it('refuses a .pdf that is really an HTML page, saying so', () => {
    const error = detectError('luat.pdf', HTML);
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.detail).toMatch(/extension says PDF but the content is an HTML page/);
  });

  it.each([
    ['nd-30.doc', ZIP, /content is a ZIP container.*rename it to \.docx/],
    ['nd-30.docx', OLE2, /content is an OLE2 compound file.*rename it to \.doc/],
    ['nd-30.doc', RTF, /content is an RTF document/],
    ['nd-30.docx', PDF, /content is a PDF document.*Rename it to \.pdf/],
    ['scan.pdf', PNG, /content is a PNG, JPEG or TIFF image.*Rename it to \.png, \.jpg or \.tif/],
    ['scan.png', PDF, /extension says IMAGE but the content is a PDF/],
    ['ghi-chu.txt', PDF, /extension says TXT but the content is a PDF/],
    ['anh.html', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), /content is binary data/],
  ])('explains what %s really contains', (relPath, bytes, message) => {
    const error = detectError(relPath, bytes);
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.detail).toMatch(message);
  });
});
