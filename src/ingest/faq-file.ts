import { parse } from 'yaml';
import { AppError } from '../common/errors.js';

/** A curated question–answer pair from `knowledge/faq.yaml` or approved by staff. */
export interface FaqEntry {
  id: string;
  question: string;
  variants: string[];
  answer: string;
  /** The document number and article path the answer rests on ("Điều 3", "Khoản 2 Điều 5"). */
  source: { number: string; article: string };
  /** Where it came from: the shipped file or a staff answer turned into a Q&A. */
  origin: 'curated' | 'staff';
}

/**
 * Parses `faq.yaml`: a list of `{ id, question, variants?, answer, source: { number, article } }`.
 * A malformed entry is reported (with its id or position) and skipped; a YAML syntax error is an
 * INVALID_INPUT error naming the line.
 */
export function parseFaqFile(text: string): { entries: FaqEntry[]; problems: string[] } {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err: unknown) {
    throw new AppError('INVALID_INPUT', `faq file is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  const problems: string[] = [];
  const entries: FaqEntry[] = [];
  if (data == null) return { entries, problems };
  if (!Array.isArray(data)) throw new AppError('INVALID_INPUT', 'faq file must be a YAML list of entries');
  const seen = new Set<string>();
  data.forEach((item: unknown, i: number) => {
    const where = `entry #${i + 1}`;
    if (!item || typeof item !== 'object') return void problems.push(`${where}: not a mapping`);
    const o = item as Record<string, unknown>;
    const id = typeof o.id === 'string' && o.id.trim() ? o.id.trim() : `faq-${i + 1}`;
    const question = typeof o.question === 'string' ? o.question.trim() : '';
    const answer = typeof o.answer === 'string' ? o.answer.trim() : '';
    const src = (o.source ?? {}) as Record<string, unknown>;
    const number = typeof src.number === 'string' ? src.number.trim() : '';
    const article = typeof src.article === 'string' ? src.article.trim() : '';
    if (!question || !answer) return void problems.push(`${id}: question and answer are required`);
    if (!number) return void problems.push(`${id}: source.number is required (every answer must cite a document)`);
    if (seen.has(id)) return void problems.push(`${id}: duplicate id, later entry skipped`);
    seen.add(id);
    const variants = Array.isArray(o.variants) ? o.variants.filter((v): v is string => typeof v === 'string') : [];
    entries.push({ id, question, variants, answer, source: { number, article }, origin: 'curated' });
  });
  return { entries, problems };
}
