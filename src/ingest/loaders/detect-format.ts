import { AppError } from '../../common/errors.js';
import type { SourceFormat } from '../legal-unit.js';

/** File extensions the loaders accept, and the format each one announces. */
export const EXTENSION_FORMATS: Readonly<Record<string, SourceFormat>> = Object.freeze({
  '.md': 'md',
  '.txt': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.doc': 'doc',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.tif': 'image',
  '.tiff': 'image',
});

/** What the first bytes of a file say it is; `text` means none of the binary signatures matched. */
type ContentKind = 'pdf' | 'zip' | 'ole2' | 'rtf' | 'html' | 'image' | 'binary' | 'text';

const KIND_NAMES: Record<ContentKind, string> = {
  pdf: 'a PDF document',
  zip: 'a ZIP container (such as a .docx)',
  ole2: 'an OLE2 compound file (a legacy Word 97–2003 .doc, or a password-protected Office file)',
  rtf: 'an RTF document',
  html: 'an HTML page',
  image: 'a PNG, JPEG or TIFF image',
  binary: 'binary data',
  text: 'plain text',
};

/** Which content kinds each format accepts. */
const ACCEPTED: Record<SourceFormat, readonly ContentKind[]> = {
  md: ['text', 'html'],
  txt: ['text', 'html'],
  html: ['html', 'text'],
  docx: ['zip'],
  pdf: ['pdf'],
  doc: ['ole2'],
  image: ['image'],
};

/**
 * Decides the format of a knowledge file from its extension and checks it against the content's magic
 * bytes (PDF `%PDF`, DOCX `PK\x03\x04`, legacy DOC `D0 CF 11 E0`).
 *
 * It does not parse the file: a ZIP that is not a Word document still passes here and fails in the DOCX
 * loader with DOCUMENT_UNREADABLE.
 *
 * @throws AppError UNSUPPORTED_FORMAT for an unknown extension (the message lists the supported ones) or
 *   when the extension lies about the content (the message says what the content is and what to do).
 * @example detectFormat('nghi-dinh/nd-30-2020.docx', bytes) // 'docx'
 */
export function detectFormat(relPath: string, bytes: Uint8Array): SourceFormat {
  const extension = extensionOf(relPath);
  const format = EXTENSION_FORMATS[extension];
  if (format === undefined) {
    const supported = Object.keys(EXTENSION_FORMATS).join(' ');
    const shown = extension === '' ? 'no extension' : `extension "${extension}"`;
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${relPath}: ${shown} is not supported; supported extensions are ${supported} (.doc is read on a best-effort basis).`,
    );
  }
  assertContentMatches(relPath, format, bytes);
  return format;
}

/**
 * Checks that the bytes really are of the given format; the check {@link detectFormat} applies, for
 * callers that already know the format.
 *
 * @throws AppError UNSUPPORTED_FORMAT when they are not.
 */
export function assertContentMatches(relPath: string, format: SourceFormat, bytes: Uint8Array): void {
  const kind = sniffContent(bytes);
  if (ACCEPTED[format].includes(kind)) return;
  throw new AppError(
    'UNSUPPORTED_FORMAT',
    `${relPath}: the extension says ${format.toUpperCase()} but the content is ${KIND_NAMES[kind]}. ${adviceFor(kind)}`,
  );
}

/** Lower-case extension with its dot (".docx"), or "" when the file name has none. */
function extensionOf(relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

function sniffContent(bytes: Uint8Array): ContentKind {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  // Readers accept a PDF header after some leading junk; prose that merely mentions "%PDF-" is not a PDF.
  if (/^[^\p{L}]{0,1019}%PDF-/u.test(head)) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole2';
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (isImage(bytes)) return 'image';
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) return 'binary';
  if (/^\s*(?:\uFEFF|ï»¿)?\s*<(?:!doctype html|html|head|body|meta)\b/i.test(head)) return 'html';
  return 'text';
}

/** PNG, JPEG, or TIFF in either byte order. */
function isImage(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])
  );
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function adviceFor(kind: ContentKind): string {
  switch (kind) {
    case 'pdf':
      return 'Rename it to .pdf.';
    case 'zip':
      return 'If it is a Word document, rename it to .docx.';
    case 'ole2':
      return (
        'If it is a Word 97–2003 document, rename it to .doc; better, open it in Word or LibreOffice ' +
        'and save it as .docx (without a password).'
      );
    case 'image':
      return 'Rename it to .png, .jpg or .tif as its content is.';
    case 'rtf':
    case 'html':
      return 'Open it in Word or LibreOffice and save it as .docx, or give it its real extension.';
    default:
      return 'Replace it with the original .docx, .pdf, .html, .md or .txt file.';
  }
}
