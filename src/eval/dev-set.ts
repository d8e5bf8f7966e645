/**
 * Dev-set files of the answer measurements: official-style questions over `knowledge/`
 * (`eval/official/*.jsonl`) and messages that are not questions about reform (`eval/offtopic/*.jsonl`).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../common/errors.js';

/** A document (and optionally an article, official numbering) that answers a dev question. */
export interface RelevantSource {
  /** Document number as in the front matter ("118/2025/NĐ-CP"). */
  doc: string;
  /** "Điều 17"; optional. */
  article?: string;
}

/** One official-style question over `knowledge/`. */
export interface OfficialQuestion {
  id: string;
  question: string;
  /** True when `knowledge/` answers it; false for questions it does not cover. */
  covered: boolean;
  /** Any listed document counts as a right source. Empty for uncovered questions. */
  relevant: RelevantSource[];
  /** Style tags ("no_diacritics", "filler", "multi_part", …), used to break figures down. */
  styles: string[];
  /** The question asked just before, when this one is a follow-up. */
  previous?: string;
  /** File the question came from (for failure lists). */
  file: string;
}

/** Kinds of message that are not questions about reform; none of them may be answered. */
export type OffTopicKind = 'social' | 'off_topic' | 'junk';

/** One social, off-topic or junk message. */
export interface OffTopicMessage {
  id: string;
  text: string;
  kind: OffTopicKind;
}

const OFF_TOPIC_KINDS: readonly OffTopicKind[] = ['social', 'off_topic', 'junk'];

/**
 * The JSON-lines files named by `paths`: a file is taken as is, a folder gives every `*.jsonl` in it
 * (sorted). A path that does not exist is a NOT_FOUND error naming it.
 */
export async function expandJsonlPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch((err: unknown) => {
      throw new AppError('NOT_FOUND', `no such file or folder: ${p}`, { cause: err });
    });
    if (!s.isDirectory()) {
      out.push(p);
      continue;
    }
    const names = (await readdir(p)).filter((n) => n.endsWith('.jsonl')).sort();
    out.push(...names.map((n) => join(p, n)));
  }
  return [...new Set(out)];
}

/** Reads official-style questions from files and folders; every bad line is reported with file:line. */
export async function readOfficialQuestions(paths: readonly string[]): Promise<OfficialQuestion[]> {
  const out: OfficialQuestion[] = [];
  for (const file of await expandJsonlPaths(paths)) {
    for (const { value, where } of await readLines(file)) out.push(toOfficialQuestion(value, where, file));
  }
  const seen = new Set<string>();
  for (const q of out) {
    if (seen.has(q.id)) throw new AppError('INVALID_INPUT', `${q.file}: duplicate question id "${q.id}"`);
    seen.add(q.id);
  }
  return out;
}

/** Reads social/off-topic/junk messages from files and folders. */
export async function readOffTopicMessages(paths: readonly string[]): Promise<OffTopicMessage[]> {
  const out: OffTopicMessage[] = [];
  for (const file of await expandJsonlPaths(paths)) {
    for (const { value, where } of await readLines(file)) {
      const o = value as Record<string, unknown>;
      if (typeof o.id !== 'string' || typeof o.text !== 'string') throw bad(where, 'needs string "id" and "text"');
      if (!OFF_TOPIC_KINDS.includes(o.kind as OffTopicKind)) throw bad(where, `"kind" must be one of ${OFF_TOPIC_KINDS.join(', ')}`);
      out.push({ id: o.id, text: o.text, kind: o.kind as OffTopicKind });
    }
  }
  return out;
}

function toOfficialQuestion(value: unknown, where: string, file: string): OfficialQuestion {
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' || !o.id) throw bad(where, 'needs a string "id"');
  if (typeof o.question !== 'string') throw bad(where, 'needs a string "question"');
  if (typeof o.covered !== 'boolean') throw bad(where, '"covered" must be true or false');
  const relevant = Array.isArray(o.relevant) ? o.relevant : [];
  const sources = relevant.map((r: unknown): RelevantSource => {
    const x = r as Record<string, unknown>;
    if (!x || typeof x.doc !== 'string' || !x.doc) throw bad(where, 'each "relevant" entry needs a "doc" number');
    return { doc: x.doc, ...(typeof x.article === 'string' && x.article ? { article: x.article } : {}) };
  });
  if (o.covered && !sources.length) throw bad(where, 'a covered question needs at least one "relevant" document');
  const styles = Array.isArray(o.styles) ? o.styles.filter((s): s is string => typeof s === 'string') : [];
  const previous = typeof o.previous === 'string' && o.previous.trim() ? o.previous : undefined;
  return { id: o.id, question: o.question, covered: o.covered, relevant: sources, styles, ...(previous ? { previous } : {}), file };
}

async function readLines(file: string): Promise<Array<{ value: unknown; where: string }>> {
  const text = await readFile(file, 'utf8').catch((err: unknown) => {
    throw new AppError('NOT_FOUND', `cannot read ${file}`, { cause: err });
  });
  const out: Array<{ value: unknown; where: string }> = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    try {
      const value: unknown = JSON.parse(line);
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad(where, 'not a JSON object');
      out.push({ value, where });
    } catch (err: unknown) {
      if (err instanceof AppError) throw err;
      throw new AppError('INVALID_INPUT', `${where}: not valid JSON`, { cause: err });
    }
  });
  return out;
}

function bad(where: string, what: string): AppError {
  return new AppError('INVALID_INPUT', `${where}: ${what}`);
}
