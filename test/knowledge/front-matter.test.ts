/**
 * Front matter and text hygiene of the shipped knowledge folder: valid fields, statuses that say why,
 * replacement and amendment links recorded on both documents, official links only where
 * knowledge/SOURCES.md says how they were confirmed, NFC text with one tone placement.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentLink } from '../../src/ingest/legal-unit.js';
import { KNOWLEDGE_DIR, loadShippedDocs, type ShippedDoc } from './shipped.js';

const docs = loadShippedDocs();
const byNumber = new Map(docs.map((d) => [d.meta.number, d]));
const sources = readFileSync(join(KNOWLEDGE_DIR, 'SOURCES.md'), 'utf8');
const each = docs.map((d) => [d.file, d] as const);

/** Hosts of the official national legal database and the Official Gazette (Công báo). */
const OFFICIAL_HOSTS = new Set(['vbpl.vn', 'congbao.chinhphu.vn']);

/** Rows `| number | url | how confirmed |` of the "Confirmed source_url links" section of SOURCES.md. */
function confirmedLinks(): Map<string, string> {
  const section = /^## Confirmed `source_url` links\n([\s\S]*?)(?=^## |$(?![\s\S]))/mu.exec(sources)?.[1] ?? '';
  const rows = [...section.matchAll(/^\|\s*([^|\s][^|]*?)\s*\|\s*(https?:\/\/\S+?)\s*\|\s*(\S[^|]*?)\s*\|$/gmu)];
  return new Map(rows.map((m) => [m[1], m[2]]));
}

const numbers = (links: DocumentLink[] | undefined) => (links ?? []).map((l) => l.number);
const preamble = (d: ShippedDoc) => d.doc.preamble;

describe('front matter of every shipped document', () => {
  it.each(each)('%s: valid, a summary, with a status the preamble explains', (_f, d) => {
    expect(d.problems).toEqual([]);
    expect(d.rawFrontMatter.note, 'the note says it is a team summary').toMatch(/tóm lược/u);
    expect(d.meta.kind).toBe('summary');
    expect(d.meta.issuedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(preamble(d), 'the preamble has a "Tình trạng hiệu lực:" paragraph').toMatch(/Tình trạng hiệu lực:/u);
    if (d.meta.status === 'unknown') {
      expect(d.meta.caution, 'an unchecked status needs a caution').toBeTruthy();
      expect(preamble(d)).toMatch(/chưa rõ|chưa kiểm tra/u);
    }
    if (!d.meta.effectiveDate) expect(preamble(d), 'an empty effective date is explained').toMatch(/để trống|không nêu ngày có hiệu lực/u);
    if (d.meta.status === 'replaced') expect(d.meta.replacedBy).toBeTruthy();
    if (d.meta.status === 'partly_expired') expect(d.meta.amendedBy?.length || d.meta.replacedBy).toBeTruthy();
  });

  it.each(each)('%s: replacements and amendments are recorded on both documents', (_f, d) => {
    const me = d.meta.number;
    for (const n of (d.meta.replacedBy ?? '').split(/,\s*/u).filter(Boolean)) {
      const other = byNumber.get(n);
      if (other) expect(numbers(other.meta.replaces), `${n} must list ${me} in replaces`).toContain(me);
    }
    for (const n of numbers(d.meta.replaces)) {
      const other = byNumber.get(n);
      if (other) expect(other.meta.replacedBy, `${n} must say replaced_by ${me}`).toBe(me);
    }
    for (const n of numbers(d.meta.amendedBy)) {
      const other = byNumber.get(n);
      if (other) expect(numbers(other.meta.amends), `${n} must list ${me} in amends`).toContain(me);
    }
    for (const n of numbers(d.meta.amends)) {
      const other = byNumber.get(n);
      if (other) expect(numbers(other.meta.amendedBy), `${n} must list ${me} in amended_by`).toContain(me);
    }
  });

  it('gives a source_url only where SOURCES.md records how it was confirmed, on an official host', () => {
    const confirmed = confirmedLinks();
    expect(confirmed.size).toBeGreaterThan(0);
    for (const d of docs) {
      if (!d.meta.sourceUrl) continue;
      expect(confirmed.get(d.meta.number), `${d.file}: source_url not in SOURCES.md`).toBe(d.meta.sourceUrl);
      expect(OFFICIAL_HOSTS.has(new URL(d.meta.sourceUrl).hostname), d.meta.sourceUrl).toBe(true);
    }
    for (const [number, url] of confirmed) expect(byNumber.get(number)?.meta.sourceUrl, `${number} in SOURCES.md`).toBe(url);
  });

  it('SOURCES.md accounts for every shipped document', () => {
    for (const d of docs) expect(sources, d.meta.number).toContain(d.meta.number);
  });
});

describe('text of the knowledge folder', () => {
  const files = readdirSync(KNOWLEDGE_DIR).filter((f) => /\.(md|ya?ml)$/u.test(f));
  /** Old-style tone placement (hoà, thuỷ, uỷ) at the end of a syllable; the folder uses hòa, thủy, ủy. */
  const OLD_TONE = /(?<![qQ])(?:o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?!\p{L})/u;

  it.each(files)('%s: NFC, one tone placement, no Markdown in summaries', (file) => {
    const text = readFileSync(join(KNOWLEDGE_DIR, file), 'utf8');
    expect(text === text.normalize('NFC'), 'text must be NFC').toBe(true);
    const bad = text.split('\n').find((l) => OLD_TONE.test(l.replace(/https?:\/\/\S+/gu, '')));
    expect(bad, `old tone placement in: ${bad}`).toBeUndefined();
    if (file.endsWith('.md') && !['README.md', 'SOURCES.md'].includes(file)) {
      const body = text.replace(/^---[\s\S]*?\n---\n/u, '');
      expect(body).not.toMatch(/^(?:#|\*|- |\|)/mu);
    }
  });
});
