import { AppError } from '../../common/errors.js';

/**
 * Decodes the bytes of a text-based file (Markdown, text, HTML) to a string.
 *
 * UTF-8 (with or without BOM) is the norm; UTF-16 with a BOM is accepted because Windows Notepad saves
 * "Unicode" text that way. `fallbackLabel` names the charset an HTML page declares, tried when the bytes
 * are not valid UTF-8. Anything else is refused rather than guessed: legacy Vietnamese encodings (TCVN3,
 * VNI) decode to plausible-looking garbage that would poison the index.
 *
 * @throws AppError DOCUMENT_UNREADABLE when the bytes are not valid text in a known encoding.
 */
export function decodeText(bytes: Uint8Array, relPath: string, fallbackLabel?: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error: unknown) {
    const label = fallbackLabel?.trim().toLowerCase();
    if (label && label !== 'utf-8' && label !== 'utf8') {
      try {
        return new TextDecoder(label).decode(bytes);
      } catch {
        // Unknown label: fall through to the error below, which names it.
      }
    }
    const declared = label ? ` (it declares charset "${label}")` : '';
    throw new AppError(
      'DOCUMENT_UNREADABLE',
      `${relPath}: the file is not valid UTF-8 text${declared}. Open it in an editor and save it as UTF-8; ` +
        'text typed with old Vietnamese fonts (TCVN3/VNI) must first be converted to Unicode (e.g. with Unikey).',
      { cause: error },
    );
  }
}
