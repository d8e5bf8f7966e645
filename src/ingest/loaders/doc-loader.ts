import WordExtractor from 'word-extractor';
import { AppError } from '../../common/errors.js';
import type { LoadedText, SourceFile } from '../legal-unit.js';
import { removeRepeatedOutline } from './outline-filter.js';
import { cleanText } from './text-cleanup.js';

/**
 * Loads a legacy Word 97–2003 `.doc` file on a best-effort basis with `word-extractor` (pure
 * JavaScript, no LibreOffice needed): the body text, one paragraph per line, table cells separated by
 * spaces. Headers, footers (page numbers), text boxes and footnotes are left out; footnotes are counted
 * in a warning.
 *
 * @throws AppError LEGACY_DOC_FORMAT when the file cannot be read (old Word 6/95 files, encrypted or
 *   damaged files): the admin is asked to re-save it as .docx.
 */
export async function loadDoc(file: SourceFile): Promise<LoadedText> {
  let body: string;
  let footnotes: string;
  try {
    const document = await new WordExtractor().extract(Buffer.from(file.bytes));
    body = document.getBody();
    footnotes = document.getFootnotes();
  } catch (error: unknown) {
    throw legacyDocError(file, error);
  }

  const outline = removeRepeatedOutline(cleanText(body).split('\n').filter((line) => line !== ''));
  if (outline.lines.length === 0) throw legacyDocError(file, new Error('no body text found'));
  const warnings = ['read from a legacy Word 97–2003 .doc file; tables and layout may be imperfect, a .docx is preferred'];
  const footnoteCount = cleanText(footnotes).split('\n').filter((line) => line !== '').length;
  if (footnoteCount > 0) warnings.push(`${footnoteCount} footnote paragraph(s) were not included`);
  if (outline.removed > 0) {
    warnings.push(`removed a table of contents repeating the headings (${outline.removed} lines)`);
  }
  return { text: outline.lines.join('\n'), frontMatter: {}, warnings };
}

function legacyDocError(file: SourceFile, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError(
    'LEGACY_DOC_FORMAT',
    `${file.relPath}: this old Word 97–2003 (.doc) file could not be read (${reason}). ` +
      'Open it in Microsoft Word or LibreOffice Writer, choose "Save As" → "Word Document (.docx)", ' +
      'and replace the .doc with the new .docx file.',
    { cause },
  );
}
