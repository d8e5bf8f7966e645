import { sha256 } from '../common/hash.js';
import type { Chunk, HeadingRef, LegalDocument, LegalUnit } from './legal-unit.js';
import { topicCitation } from './summary-markers.js';

/** Options for {@link chunkDocument}. */
export interface ChunkOptions {
  /** An article longer than this (characters) is split at clause boundaries. Default 2400. */
  maxChars?: number;
  /** Size of the paragraph windows used for documents with no articles. Default 1500. */
  windowChars?: number;
}

const UNIT_LABEL: Record<HeadingRef['kind'], string> = {
  part: 'Phần',
  chapter: 'Chương',
  section: 'Mục',
  article: 'Điều',
  clause: 'Khoản',
  point: 'Điểm',
};

/** "Điều 5. Phạm vi điều chỉnh", "Chương II. QUY ĐỊNH CHUNG", "Khoản 2", "Tóm lược: Hồ sơ điện tử". */
export function headingLine(ref: HeadingRef): string {
  if (ref.topic) return `Tóm lược: ${ref.heading}`;
  const label = `${UNIT_LABEL[ref.kind]} ${ref.number}`;
  return ref.heading ? `${label}. ${ref.heading}` : label;
}

/** Renders a unit's full text: its own text then its children, each on its own line with its number. */
export function renderUnit(unit: LegalUnit): string {
  const lines: string[] = [];
  if (unit.text) lines.push(unit.kind === 'clause' ? `${unit.number}. ${unit.text}` : unit.kind === 'point' ? `${unit.number}) ${unit.text}` : unit.text);
  else if (unit.kind === 'clause') lines.push(`${unit.number}.`);
  else if (unit.kind === 'point') lines.push(`${unit.number})`);
  for (const child of unit.children) lines.push(renderUnit(child));
  return lines.join('\n');
}

/**
 * Chunker: one chunk per article (Điều); an article longer than `maxChars` is split at clause (Khoản)
 * boundaries into runs of consecutive clauses, each keeping the article's heading path. Documents with no
 * article are cut into paragraph windows so they stay searchable. Every chunk gets a citation path
 * ("Điều 5", "Khoản 2 Điều 5", "Khoản 1–3 Điều 5").
 */
export function chunkDocument(doc: LegalDocument, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 2400;
  const chunks: Chunk[] = [];
  const walk = (units: LegalUnit[], path: HeadingRef[]): void => {
    for (const unit of units) {
      const ref: HeadingRef = { kind: unit.kind, number: unit.number, heading: unit.heading, ...(unit.topic && { topic: true }) };
      if (unit.kind === 'article') chunkArticle(doc, unit, [...path, ref], maxChars, chunks);
      else if (unit.kind === 'part' || unit.kind === 'chapter' || unit.kind === 'section') {
        walk(unit.children, [...path, ref]);
      }
    }
  };
  walk(doc.units, []);
  if (chunks.length === 0) chunkByWindows(doc, options.windowChars ?? 1500, chunks);
  return chunks;
}

function chunkArticle(doc: LegalDocument, article: LegalUnit, path: HeadingRef[], maxChars: number, out: Chunk[]): void {
  const title = headingLine(path[path.length - 1]);
  const full = renderUnit(article);
  const clauses = article.children.filter((c) => c.kind === 'clause');
  // An unnumbered summary section is cited by its title; everything else by its official number.
  const where = article.topic ? topicCitation(article.heading) : `Điều ${article.number}`;
  const extra = article.officialRef ? { officialRef: article.officialRef } : {};
  if (full.length <= maxChars || clauses.length < 2) {
    out.push({ ...makeChunk(doc, `D${article.number}`, path, where, title, full), ...extra });
    return;
  }
  // Split at clauses: the article's lead-in text goes with the first group.
  let group: LegalUnit[] = [];
  let size = article.text.length;
  const flush = (): void => {
    if (!group.length) return;
    const first = group[0].number;
    const last = group[group.length - 1].number;
    const label = first === last ? `Khoản ${first}` : `Khoản ${first}–${last}`;
    const lead = group[0] === clauses[0] ? article.text : '';
    const body = [lead, ...group.map(renderUnit)].filter(Boolean).join('\n');
    const idPart = first === last ? `K${first}` : `K${first}-${last}`;
    const cited = article.topic ? `${label}, ${where}` : `${label} ${where}`;
    out.push({ ...makeChunk(doc, `D${article.number}.${idPart}`, path, cited, title, body), ...extra });
    group = [];
    size = 0;
  };
  for (const clause of clauses) {
    const len = renderUnit(clause).length;
    if (group.length && size + len > maxChars) flush();
    group.push(clause);
    size += len;
  }
  flush();
}

function chunkByWindows(doc: LegalDocument, windowChars: number, out: Chunk[]): void {
  const paragraphs = [doc.preamble, ...doc.units.map(renderUnit)].join('\n').split('\n').filter((p) => p.trim());
  let buf: string[] = [];
  let size = 0;
  let n = 0;
  const flush = (): void => {
    if (!buf.length) return;
    n += 1;
    out.push(makeChunk(doc, `P${n}`, [], `Đoạn ${n}`, doc.meta.title, buf.join('\n')));
    buf = [];
    size = 0;
  };
  for (const p of paragraphs) {
    if (size && size + p.length > windowChars) flush();
    buf.push(p);
    size += p.length + 1;
  }
  flush();
}

function makeChunk(doc: LegalDocument, localId: string, headings: HeadingRef[], citationPath: string, title: string, text: string): Chunk {
  return { id: `${doc.id}#${localId}`, docId: doc.id, headings, citationPath, title, text, hash: sha256(`${title}\n${text}`) };
}
