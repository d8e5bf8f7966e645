/**
 * Document loaders: turn one knowledge file (`SourceFile`) into plain paragraphs (`LoadedText`) for the
 * legal-structure parser. The output contract is described in this folder's README.md.
 *
 * @example
 * const bytes = await readFile(path.join(knowledgeDir, relPath));
 * const format = detectFormat(relPath, bytes);
 * const loaded = await loadSource({ relPath, format, bytes });
 */
import { AppError } from '../../common/errors.js';
import type { LoadedText, SourceFile, SourceFormat } from '../legal-unit.js';
import { assertContentMatches } from './detect-format.js';
import { loadDoc } from './doc-loader.js';
import { loadDocx } from './docx-loader.js';
import { loadHtml } from './html-loader.js';
import { loadMarkdown, loadPlainText } from './markdown-loader.js';
import { loadPdf } from './pdf-loader.js';
import { DEFAULT_LOAD_LIMITS, limitError } from './load-limits.js';
import type { LoadLimits } from './load-limits.js';
import { loadImage } from '../ocr/index.js';

/** Format detection by extension, checked against magic bytes (see detect-format.ts). */
export { detectFormat, EXTENSION_FORMATS } from './detect-format.js';
/** Front matter parsing shared by the Markdown and text loaders, for reuse by other text sources. */
export { splitFrontMatter, type FrontMatterSplit } from './front-matter.js';
/** The final normalisation every loader applies, for text that does not come from a file. */
export { cleanText } from './text-cleanup.js';
/** Bounds on what one file may expand to, and the errors that report a broken bound. */
export { DEFAULT_LOAD_LIMITS, LIMIT_KINDS, LimitBreach, limitError, limitKindOf, resolveLimits } from './load-limits.js';
export type { LimitKind, LoadLimits } from './load-limits.js';

/** One loader per format. */
const LOADERS: Record<SourceFormat, (file: SourceFile, limits: LoadLimits) => Promise<LoadedText>> = {
  md: loadMarkdown,
  txt: loadPlainText,
  html: loadHtml,
  docx: loadDocx,
  pdf: loadPdf,
  doc: loadDoc,
  image: loadImage,
};

/**
 * Extracts the text of a knowledge file with the loader for its format, after checking that the bytes
 * really are of that format.
 *
 * Every loader returns NFC text with one paragraph per line, structural headings ("Chương I",
 * "Điều 5. …", "1. …", "a) …") at line starts, and no page furniture; `frontMatter` holds the file's own
 * metadata, unvalidated. It does not parse the legal structure.
 *
 * @throws AppError UNSUPPORTED_FORMAT (content does not match the format), NO_TEXT_LAYER (scanned PDF),
 *   LEGACY_DOC_FORMAT (unreadable .doc), DOCUMENT_UNREADABLE (corrupt, encrypted or mis-encoded file) or
 *   DOCUMENT_TOO_LARGE (the file breaks one of `limits`; the time limit is enforced by the caller that
 *   runs this in a worker).
 */
export async function loadSource(file: SourceFile, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Promise<LoadedText> {
  const loader = LOADERS[file.format];
  if (loader === undefined) {
    throw new AppError('UNSUPPORTED_FORMAT', `${file.relPath}: unknown format "${String(file.format)}".`);
  }
  assertContentMatches(file.relPath, file.format, file.bytes);
  const loaded = await loader(file, limits);
  if (loaded.text.length > limits.maxTextChars) {
    throw limitError('text', file.relPath, `it holds ${loaded.text.length} characters of text; the limit is ${limits.maxTextChars}. Split it into several files.`);
  }
  return loaded;
}
