import mammoth from 'mammoth';
import { AppError } from '../../common/errors.js';
import type { LoadedText, SourceFile } from '../legal-unit.js';
import { htmlToLines, parseHtml } from './html-text.js';
import { removeRepeatedOutline } from './outline-filter.js';
import { cleanLines } from './text-cleanup.js';
import { DEFAULT_LOAD_LIMITS, limitError } from './load-limits.js';
import type { LoadLimits } from './load-limits.js';
import { checkZipLimits } from './zip-guard.js';

/**
 * Loads a Word .docx file through mammoth's HTML conversion, then lays the HTML out as lines.
 *
 * Going through HTML rather than mammoth's raw text keeps what the legal parser needs: `<w:br/>` line
 * breaks inside a paragraph (WPS Office puts the quốc hiệu and the tiêu ngữ in one paragraph split by
 * breaks) become line breaks, each table cell of the header table is its own line, and field codes are
 * reduced to their displayed result. Underscore separator lines are dropped by the common cleanup.
 * Footnotes are kept at the end, one per line, after their reference marks are removed from the text.
 *
 * The ZIP is checked against `limits` (entry count, uncompressed size) before mammoth inflates it.
 *
 * @throws AppError DOCUMENT_UNREADABLE when the file is not a readable Word document.
 * @throws AppError DOCUMENT_TOO_LARGE when it breaks a limit (a ZIP bomb, too much text).
 */
export async function loadDocx(file: SourceFile, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Promise<LoadedText> {
  checkZipLimits(file.relPath, file.bytes, limits);
  let html: string;
  let messages: Array<{ type: string; message: string }>;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(file.bytes) }, { ignoreEmptyParagraphs: true });
    html = result.value;
    messages = result.messages;
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'DOCUMENT_UNREADABLE',
      `${file.relPath}: cannot read this .docx (${reason}). Open it in Word or LibreOffice and save it again as .docx.`,
      { cause: error },
    );
  }

  // HTML markup is longer than its text, so this bound is loose; loadSource checks the text itself.
  if (html.length > limits.maxTextChars * 4) {
    throw limitError('text', file.relPath, `it converts to ${html.length} characters of HTML; the text limit is ${limits.maxTextChars} characters`);
  }
  const root = parseHtml(html);
  // Footnote reference marks ("[1]") and the notes' back-links ("↑") are navigation, not text.
  for (const anchor of root.querySelectorAll('a[id^="footnote-ref-"], a[href^="#footnote-ref-"]')) anchor.remove();
  for (const anchor of root.querySelectorAll('a[id^="endnote-ref-"], a[href^="#endnote-ref-"]')) anchor.remove();

  const outline = removeRepeatedOutline(cleanLines(htmlToLines(root)));
  const warnings = messages
    .filter((message) => message.type === 'error')
    .map((message) => `docx conversion: ${message.message}`);
  if (outline.removed > 0) {
    warnings.push(`removed a table of contents repeating the headings (${outline.removed} lines)`);
  }
  if (outline.lines.length === 0) warnings.push('the document contains no text');
  return { text: outline.lines.join('\n'), frontMatter: {}, warnings };
}
