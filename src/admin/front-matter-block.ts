/**
 * Editing the leading `---` front-matter block of a Markdown or text knowledge file in place, keeping
 * the author's key spelling (`so_hieu` stays `so_hieu`), comments, key order and every other key.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { AppError } from '../common/errors.js';
import { fieldOfKey, META_FIELDS } from './meta-fields.js';
import type { MetaPatch } from './meta-fields.js';

/** The same block the loaders recognise: `---`, YAML, then `---` or `...`, at the very start. */
const BLOCK = /^---[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/**
 * The text with the edit applied to its front-matter block; a block is added when there is none. A
 * given field replaces the first key that sets it (other keys setting it are removed); an empty value
 * removes them all.
 *
 * @throws AppError FRONT_MATTER_INVALID when the existing block is not a YAML mapping (the admin must
 *   fix or replace the file: rewriting it would lose what it says).
 * @example rewriteFrontMatterBlock('---\nso_hieu: 1/2020/NĐ-CP\n---\nĐiều 1.', { status: 'còn hiệu lực' })
 * // '---\nso_hieu: 1/2020/NĐ-CP\nstatus: còn hiệu lực\n---\nĐiều 1.'
 */
export function rewriteFrontMatterBlock(text: string, patch: MetaPatch): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const source = bom ? text.slice(1) : text;
  const crlf = /\r\n/.test(source.slice(0, 2000));
  const match = BLOCK.exec(source);
  const hasBlock = match !== null && match.index === 0;
  const doc = parseDocument(hasBlock ? match[1] : '');
  if (doc.errors.length > 0) {
    throw new AppError('FRONT_MATTER_INVALID', `the front matter block is not valid YAML (${doc.errors[0].message.split('\n')[0]}); fix or replace the file`);
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new AppError('FRONT_MATTER_INVALID', 'the front matter block is not a list of "key: value" lines; fix or replace the file');
  }
  applyPatch(doc, patch);
  let block = `---\n${isMap(doc.contents) && doc.contents.items.length > 0 ? doc.toString({ lineWidth: 0 }) : ''}---\n`;
  if (crlf) block = block.replace(/\r?\n/g, '\r\n');
  const body = hasBlock ? source.slice(match[0].length) : source;
  return `${bom}${block}${body}`;
}

/** Applies an edit to a YAML document holding a mapping (or nothing). */
export function applyPatch(doc: Document, patch: MetaPatch): void {
  for (const field of META_FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    const keys = keysOf(doc).filter((k) => fieldOfKey(k) === field);
    if (value === '') {
      for (const k of keys) doc.delete(k);
      continue;
    }
    doc.set(keys[0] ?? field, value);
    for (const k of keys.slice(1)) doc.delete(k);
  }
}

/** The keys of the document's top-level mapping, as strings. */
function keysOf(doc: Document): string[] {
  if (!isMap(doc.contents)) return [];
  return doc.contents.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key)));
}
