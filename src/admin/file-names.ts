/**
 * Safe names for uploaded knowledge files, and the check that a path stays inside the knowledge folder.
 *
 * An admin (or a script holding ADMIN_TOKEN) names the file; the name becomes a path on the server, so it
 * is treated as hostile: traversal (`../`, `..%2f`), absolute paths, NUL and control characters, hidden
 * files and the folder's configuration files are refused outright, and everything else is folded to
 * `[a-z0-9._-]` so the stored name is the same on every file system and in every URL.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AppError } from '../common/errors.js';
import { foldVietnamese } from '../text/doc-number.js';

/** Extensions an upload may have (checked again against the content by `detectFormat`). */
export const UPLOAD_EXTENSIONS: readonly string[] = ['.md', '.txt', '.html', '.htm', '.docx', '.pdf'];

/**
 * Knowledge-folder files that are configuration, not documents (same list as the reindex's
 * `SPECIAL_FILES`). They are never created, replaced or deleted through the document API: they are
 * maintained with the deployment, where a review can check them.
 */
export const PROTECTED_NAMES: ReadonlySet<string> = new Set(['faq.yaml', 'faq.yml', 'glossary.yaml', 'glossary.yml', 'units.yaml', 'units.yml', 'readme.md', 'sources.md']);

/** Longest stored name, in characters (file systems allow 255 bytes; sidecars add ".meta.yaml"). */
const MAX_NAME = 120;

/**
 * The stored file name for an uploaded file: the last path segment, folded to lower-case ASCII
 * (`Nghị định 30.PDF` → `nghi-dinh-30.pdf`), with runs of other characters turned into `-`.
 *
 * A plain folder prefix (`van-ban/nd-30.md`, `C:\fakepath\nd-30.md` is refused as absolute) is dropped.
 * It refuses, rather than repairs, anything that looks like an attack or a mistake.
 *
 * @throws AppError INVALID_INPUT for an empty name, NUL or control characters, `..` anywhere (also
 *   percent-encoded), an absolute path, a hidden file, a configuration file (faq.yaml, glossary.yaml,
 *   units.yaml, README.md) or a `.meta.yaml` sidecar; UNSUPPORTED_FORMAT for another extension.
 * @example safeDocumentName('Quyết định 4599.PDF') // 'quyet-dinh-4599.pdf'
 */
export function safeDocumentName(input: string): string {
  if (typeof input !== 'string' || input.trim() === '') throw invalid('the file name is empty');
  if (input.length > 1024) throw invalid('the file name is longer than 1024 characters');
  const decoded = percentDecoded(input);
  for (const form of [input, decoded]) {
    if (/[\u0000-\u001f\u007f]/.test(form)) throw invalid('the file name contains NUL or control characters');
    if (form.includes('..')) throw invalid('the file name must not contain ".." (no path traversal)');
    if (/^(?:[/\\~]|[a-z]:)/i.test(form.trim())) throw invalid('the file name must not be an absolute path');
  }
  const last = decoded.split(/[/\\]/).pop() ?? '';
  if (last.trim().startsWith('.')) throw invalid('hidden files (names starting with ".") are not accepted');
  const lower = last.trim().toLowerCase();
  if (PROTECTED_NAMES.has(lower)) {
    throw invalid(`${lower} is a configuration file of the knowledge folder and is not managed through documents`);
  }
  if (lower.endsWith('.meta.yaml') || lower.endsWith('.meta.yml')) throw invalid('metadata sidecars are written through the metadata form, not uploaded');
  const dot = lower.lastIndexOf('.');
  const ext = dot > 0 ? lower.slice(dot) : '';
  if (!UPLOAD_EXTENSIONS.includes(ext)) {
    throw new AppError('UNSUPPORTED_FORMAT', `${ext ? `extension "${ext}"` : 'a name without extension'} is not accepted; upload one of ${UPLOAD_EXTENSIONS.join(' ')}`);
  }
  const stem = foldVietnamese(last.trim().slice(0, dot))
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_NAME - ext.length)
    .replace(/[-.]+$/, '');
  if (stem === '') throw invalid('the file name has no letters or digits before its extension');
  return `${stem}${ext}`;
}

/**
 * The absolute path of `relPath` inside `root`, after checking that it resolves inside it (no `..`
 * segment, no absolute path, not the folder itself).
 *
 * @throws AppError INVALID_INPUT when it would leave the folder.
 */
export function pathInside(root: string, relPath: string): string {
  const base = resolve(root);
  const full = resolve(base, relPath);
  const rel = relative(base, full);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) || relPath.includes('\0')) {
    throw invalid(`"${relPath}" is outside the knowledge folder`);
  }
  return full;
}

/** The string with %XX escapes decoded (twice, for double encoding); the input when it is not valid. */
function percentDecoded(s: string): string {
  let out = s;
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(out); i++) {
    try {
      out = decodeURIComponent(out);
    } catch {
      break;
    }
  }
  return out;
}

function invalid(detail: string): AppError {
  return new AppError('INVALID_INPUT', detail);
}
