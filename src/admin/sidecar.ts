/**
 * Metadata sidecars: `<file>.meta.yaml` beside a knowledge file holds its front matter when the file
 * itself cannot (a .docx, .pdf or .html; or a text file in a legacy encoding).
 *
 * The admin console writes them; the reindex honours them through three calls (see README.md in this
 * folder): skip sidecars when listing documents ({@link isSidecarFile}), fold a sidecar into the content
 * hash so editing only the metadata still re-parses the document ({@link documentHash}), and merge its keys
 * over the loader's front matter ({@link withSidecar}). This module is a leaf: it imports no search code.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describeError } from '../common/errors.js';
import { sha256 } from '../common/hash.js';
import type { LoadedText } from '../ingest/legal-unit.js';
import { fieldOfKey } from './meta-fields.js';

/** What a sidecar's name adds to its document's: `nd-30.pdf` → `nd-30.pdf.meta.yaml`. */
export const SIDECAR_SUFFIX = '.meta.yaml';

/** A sidecar as read from disk: its keys (values as strings), problems reading it, and its bytes. */
export interface Sidecar {
  frontMatter: Record<string, string>;
  warnings: string[];
  bytes: Uint8Array;
}

/** True for a metadata sidecar (`*.meta.yaml`, `*.meta.yml`); the reindex must not treat it as a document. */
export function isSidecarFile(relPath: string): boolean {
  return /\.meta\.ya?ml$/i.test(relPath);
}

/** The sidecar path of a document (relative to the knowledge folder, like the document's). */
export function sidecarPathOf(relPath: string): string {
  return `${relPath}${SIDECAR_SUFFIX}`;
}

/**
 * Parses a sidecar's YAML: a mapping of front-matter keys. Values become strings the way the Markdown
 * loader does it (lists joined with ", ", dates as YYYY-MM-DD). Never throws: bad YAML is a warning.
 */
export function parseSidecar(text: string, name: string): { frontMatter: Record<string, string>; warnings: string[] } {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (err: unknown) {
    return { frontMatter: {}, warnings: [`metadata sidecar ${name} is not valid YAML and was ignored: ${describeError(err).split('\n')[0]}`] };
  }
  if (parsed === null || parsed === undefined) return { frontMatter: {}, warnings: [] };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { frontMatter: {}, warnings: [`metadata sidecar ${name} is not a list of "key: value" lines and was ignored`] };
  }
  const frontMatter: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) frontMatter[key] = stringify(value);
  return { frontMatter, warnings: [] };
}

/** Reads the sidecar of `relPath`, or null when there is none. Other read errors reject. */
export async function readSidecar(knowledgeDir: string, relPath: string): Promise<Sidecar | null> {
  const name = sidecarPathOf(relPath);
  let bytes: Buffer;
  try {
    bytes = await readFile(join(knowledgeDir, name));
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return { ...parseSidecar(bytes.toString('utf8'), name), bytes };
}

/**
 * The content hash the reindex keeps for a document: the SHA-256 of its bytes alone when it has no
 * sidecar (so existing snapshots stay valid), else of its bytes followed by the sidecar's.
 *
 * @example const hash = await documentHash(opts.knowledgeDir, rel, bytes);
 */
export async function documentHash(knowledgeDir: string, relPath: string, bytes: Uint8Array): Promise<string> {
  const sidecar = await readSidecar(knowledgeDir, relPath);
  if (!sidecar) return sha256(bytes);
  return sha256(Buffer.concat([Buffer.from(bytes), Buffer.from('\0sidecar\0'), Buffer.from(sidecar.bytes)]));
}

/**
 * The loader's output with the sidecar's keys merged over its front matter: a sidecar key replaces
 * every key of the file that sets the same field (`title` over an HTML `<title>`, `so_hieu` over
 * `number`); other keys of both are kept. Sidecar problems join the loader's warnings. Without a sidecar
 * `loaded` is returned unchanged.
 *
 * @example const loaded = await withSidecar(opts.knowledgeDir, rel, await loadSource({ relPath: rel, format, bytes }));
 */
export async function withSidecar(knowledgeDir: string, relPath: string, loaded: LoadedText): Promise<LoadedText> {
  const sidecar = await readSidecar(knowledgeDir, relPath);
  if (!sidecar) return loaded;
  return { ...loaded, frontMatter: mergeFrontMatter(loaded.frontMatter, sidecar.frontMatter), warnings: [...loaded.warnings, ...sidecar.warnings] };
}

/** `over`'s keys first, then the keys of `base` that set neither a field nor a key `over` sets. */
export function mergeFrontMatter(base: Record<string, string>, over: Record<string, string>): Record<string, string> {
  const fields = new Set(Object.keys(over).map((k) => fieldOfKey(k) ?? `key:${k.trim().toLowerCase()}`));
  const out: Record<string, string> = { ...over };
  for (const [key, value] of Object.entries(base)) {
    const id = fieldOfKey(key) ?? `key:${key.trim().toLowerCase()}`;
    if (!fields.has(id)) out[key] = value;
  }
  return out;
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.map((v) => String(v ?? '')).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
