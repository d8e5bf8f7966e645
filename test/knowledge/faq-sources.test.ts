/**
 * The curated FAQ (knowledge/faq.yaml): enough entries, each citing an article that exists — in the
 * shipped summary, so the bot can link to it, and in the official text — and saying what that article says.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectArticles } from '../../src/ingest/legal-parser.js';
import { renderUnit } from '../../src/ingest/chunker.js';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import type { LegalUnit } from '../../src/ingest/legal-unit.js';
import { loadOfficialTexts, OFFICIAL_NUMBERS, type OfficialText } from './official-texts.js';
import { KNOWLEDGE_DIR, loadShippedDocs, contentSyllables, syllablePairs, coverage, parseProvisionRefs } from './shipped.js';

const raw = readFileSync(join(KNOWLEDGE_DIR, 'faq.yaml'), 'utf8');
const { entries, problems } = parseFaqFile(raw);
const docs = loadShippedDocs();
let official: Map<string, OfficialText>;
beforeAll(async () => {
  official = await loadOfficialTexts();
}, 60_000);

/** Document numbers in an answer are not words of the article. */
const answerWords = (answer: string) => answer.replace(/\d+\/\d{4}\/[\p{L}\p{N}-]+/gu, ' ');

function summaryArticle(number: string, article: string): LegalUnit | undefined {
  const doc = docs.find((d) => d.meta.number === number);
  return doc && collectArticles(doc.doc.units).find((a) => a.number === article && !a.topic);
}

/** An article's official wording (with amendments) and its summary: what an answer may draw on. */
function articleWording(o: OfficialText, number: string, article: string): string {
  const own = o.articles.get(article);
  const summary = summaryArticle(number, article);
  return [own ? renderUnit(own) : '', ...(o.amendments.get(article) ?? []), summary ? renderUnit(summary) : ''].join('\n');
}

const pairCache = new Map<string, Set<string>>();
function articlePairs(o: OfficialText, number: string, article: string): Set<string> {
  const key = `${number}#${article}`;
  if (!pairCache.has(key)) pairCache.set(key, syllablePairs(articleWording(o, number, article)));
  return pairCache.get(key)!;
}

describe('knowledge/faq.yaml', () => {
  it('parses without problems, has at least 150 entries with unique ids, in NFC', () => {
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(150);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const e of entries) expect(e.id).toMatch(/^faq-\d{3}$/);
    expect(raw).toBe(raw.normalize('NFC'));
  });

  it('cites, for every entry, one article of a shipped summary that was checked against the official text', () => {
    for (const e of entries) {
      const refs = parseProvisionRefs(e.source.article);
      expect(refs, `${e.id}: "${e.source.article}" must name one article`).toHaveLength(1);
      expect(OFFICIAL_NUMBERS, `${e.id}: ${e.source.number} has no official text to check the article against`).toContain(e.source.number);
      expect(summaryArticle(e.source.number, refs[0].article), `${e.id}: the summary of ${e.source.number} has no Điều ${refs[0].article}`).toBeDefined();
    }
  });

  it('cites, for every entry, an article and clause that exist in the official text', () => {
    for (const e of entries) {
      const { article, clauses } = parseProvisionRefs(e.source.article)[0];
      const o = official.get(e.source.number)!;
      const art = o.articles.get(article);
      expect(art || o.additions.has(article), `${e.id}: Điều ${article} is not in ${o.source}`).toBeTruthy();
      for (const k of clauses) {
        const exists = art?.children.some((c) => c.kind === 'clause' && c.number === k) || o.additions.has(`${article}.${k}`);
        expect(exists, `${e.id}: Khoản ${k} Điều ${article} is not in ${o.source}`).toBe(true);
      }
    }
  });

  it('answers, in every entry, with what the cited article says', () => {
    for (const e of entries) {
      const { article } = parseProvisionRefs(e.source.article)[0];
      const o = official.get(e.source.number)!;
      const words = answerWords(e.answer);
      const source = articleWording(o, e.source.number, article);
      expect(coverage(new Set(contentSyllables(words)), new Set(contentSyllables(source))), `${e.id}: words`).toBeGreaterThanOrEqual(0.5);
      const own = coverage(syllablePairs(words), syllablePairs(source));
      expect(own, `${e.id}: word pairs`).toBeGreaterThanOrEqual(0.25);
      // Against a wrong article of the same document the answer's word pairs match far less.
      if (o.articles.size < 5) continue;
      const pairs = syllablePairs(words);
      const others = [...o.articles.keys()].filter((k) => k !== article).map((k) => coverage(pairs, articlePairs(o, e.source.number, k))).sort((x, y) => x - y);
      const median = others[Math.floor(others.length / 2)];
      expect(own, `${e.id}: cited article ${own.toFixed(2)} vs median of the others ${median.toFixed(2)}`).toBeGreaterThan(median + 0.15);
    }
  });
});
