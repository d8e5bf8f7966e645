/**
 * Every article of a shipped summary carries the number of the official article it summarises, and says
 * what that article says: checked against the official texts (see ./official-texts.ts). Where the
 * official text is not available to the project, a summary must not number anything.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { collectArticles } from '../../src/ingest/legal-parser.js';
import { renderUnit } from '../../src/ingest/chunker.js';
import type { LegalUnit } from '../../src/ingest/legal-unit.js';
import { loadOfficialTexts, OFFICIAL_NUMBERS, type OfficialText } from './official-texts.js';
import { loadShippedDocs, contentSyllables, syllablePairs, coverage, longestSharedRun, parseProvisionRefs } from './shipped.js';

const docs = loadShippedDocs();
let official: Map<string, OfficialText>;
beforeAll(async () => {
  official = await loadOfficialTexts();
}, 60_000);

/**
 * Lists of names that cannot be put in other words, so a summary repeats them as the official text has
 * them: the 29 kinds of administrative document of Nghị định 30/2020/NĐ-CP.
 */
const NAME_LISTS = new Set(['30/2020/NĐ-CP Điều 7']);
/** Longest run of words a summary line may share with the official text (a long legal name is ~12). */
const MAX_SHARED_RUN = 20;

/** The official text of an article plus the amending provisions that changed it. */
function officialWording(o: OfficialText, article: string): string {
  const own = o.articles.get(article);
  return [own ? renderUnit(own) : '', ...(o.amendments.get(article) ?? [])].join('\n');
}

/**
 * What a summary article may draw on: its official article, and the articles of the same document it
 * names in parentheses ("(Điều 28)"); a parenthesis naming another document does not count.
 */
function sourceWording(o: OfficialText, a: LegalUnit): string {
  const cited = [...renderUnit(a).matchAll(/\(([^()]*)\)/gu)]
    .map((m) => m[1])
    .filter((inner) => !/Nghị định|Luật|Nghị quyết|Quyết định|Thông tư/u.test(inner))
    .flatMap((inner) => [...inner.matchAll(/Điều\s+(\d+[a-zđ]?)/gu)].map((m) => m[1]))
    .filter((n) => n !== a.number && o.articles.has(n));
  return [a.number, ...new Set(cited)].map((n) => officialWording(o, n)).join('\n');
}

/** The summary's own words: explanations in parentheses (about other documents) left out. */
function summaryWords(a: LegalUnit): string {
  return renderUnit(a).replace(/\([^()]*\)/gu, ' ');
}

function clausesOf(a: LegalUnit): LegalUnit[] {
  return a.children.filter((c) => c.kind === 'clause');
}

const withOfficial = docs.filter((d) => OFFICIAL_NUMBERS.includes(d.meta.number));

describe('summaries whose official text the project holds', () => {
  it('has a shipped summary for each official text', () => {
    expect(withOfficial.map((d) => d.meta.number).sort()).toEqual([...OFFICIAL_NUMBERS].sort());
  });

  it.each(withOfficial.map((d) => [d.file, d] as const))('%s: every article number, clause number and heading is the official one', (_file, d) => {
    const o = official.get(d.meta.number)!;
    for (const a of collectArticles(d.doc.units).filter((u) => !u.topic)) {
      const where = `${d.meta.number} Điều ${a.number}`;
      const oa = o.articles.get(a.number);
      expect(oa || o.additions.has(a.number), `${where} is not an article of ${o.source} or of its amendments`).toBeTruthy();
      const heading = coverage(new Set(contentSyllables(a.heading)), new Set(contentSyllables(oa?.heading ?? officialWording(o, a.number))));
      expect(heading, `${where}: heading "${a.heading}" does not match "${oa?.heading}"`).toBeGreaterThanOrEqual(0.6);
      for (const c of clausesOf(a)) {
        const oc = oa?.children.find((x) => x.kind === 'clause' && x.number === c.number);
        expect(oc || o.additions.has(`${a.number}.${c.number}`), `${where}: Khoản ${c.number} does not exist in the official text`).toBeTruthy();
        for (const p of c.children.filter((x) => x.kind === 'point')) {
          const amended = (o.amendments.get(a.number) ?? []).some((l) => new RegExp(`^[“"]?${p.number}\\)`, 'u').test(l));
          const exists = oc?.children.some((x) => x.kind === 'point' && x.number === p.number);
          expect(exists || amended, `${where}: điểm ${p.number} Khoản ${c.number} does not exist in the official text`).toBe(true);
        }
      }
    }
  });

  it.each(withOfficial.map((d) => [d.file, d] as const))('%s: every "Tương ứng văn bản gốc" names provisions that exist', (_file, d) => {
    const o = official.get(d.meta.number)!;
    for (const a of collectArticles(d.doc.units).filter((u) => u.officialRef)) {
      const refs = parseProvisionRefs(a.officialRef!);
      expect(refs.length, `Điều ${a.number}: cannot read "${a.officialRef}"`).toBeGreaterThan(0);
      for (const r of refs) {
        const art = o.articles.get(r.article);
        expect(art || o.additions.has(r.article), `Điều ${a.number} refers to Điều ${r.article}, absent from ${o.source}`).toBeTruthy();
        for (const k of r.clauses) {
          const exists = art?.children.some((c) => c.kind === 'clause' && c.number === k) || o.additions.has(`${r.article}.${k}`);
          expect(exists, `Điều ${a.number} refers to Khoản ${k} Điều ${r.article}, which does not exist`).toBe(true);
        }
      }
    }
  });

  it.each(withOfficial.map((d) => [d.file, d] as const))('%s: each article says what the official article says, in other words', (_file, d) => {
    const o = official.get(d.meta.number)!;
    for (const a of collectArticles(d.doc.units).filter((u) => !u.topic)) {
      const where = `${d.meta.number} Điều ${a.number}`;
      const officialText = sourceWording(o, a);
      const words = summaryWords(a);
      // Most of the summary's words and a good share of its word pairs must come from the article it
      // claims to summarise (a summary put under the wrong number scores far lower, see the next test).
      expect(coverage(new Set(contentSyllables(words)), new Set(contentSyllables(officialText))), `${where}: words`).toBeGreaterThanOrEqual(0.6);
      expect(coverage(syllablePairs(words), syllablePairs(officialText)), `${where}: word pairs`).toBeGreaterThanOrEqual(0.3);
      if (NAME_LISTS.has(`${d.meta.number} Điều ${a.number}`)) continue;
      for (const line of renderUnit(a).split('\n')) {
        const run = longestSharedRun(line.replace(/^(?:\d+\.|[a-zđ]\))\s*/u, ''), officialText);
        expect(run.length, `${where} copies ${run.length} words in a row from the official text: "${run.words}"`).toBeLessThanOrEqual(MAX_SHARED_RUN);
      }
    }
  });

  it('the word measure tells the right article from a wrong one', () => {
    // For each summary article, its own official article must match clearly better than a wrong article
    // of the same document typically does (the median over the document's other articles).
    let checked = 0;
    for (const d of withOfficial) {
      const o = official.get(d.meta.number)!;
      const pairsOf = new Map([...o.articles.keys()].map((k) => [k, syllablePairs(officialWording(o, k))]));
      for (const a of collectArticles(d.doc.units).filter((u) => !u.topic && o.articles.has(u.number))) {
        const words = syllablePairs(summaryWords(a));
        const own = coverage(words, pairsOf.get(a.number)!);
        const others = [...pairsOf].filter(([k]) => k !== a.number).map(([, p]) => coverage(words, p)).sort((x, y) => x - y);
        const median = others[Math.floor(others.length / 2)] ?? 0;
        expect(own, `${d.meta.number} Điều ${a.number}: own ${own.toFixed(2)} vs median of others ${median.toFixed(2)}`).toBeGreaterThan(median + 0.15);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('summaries whose official text the project does not hold', () => {
  const without = docs.filter((d) => !withOfficial.includes(d));

  it.each(without.map((d) => [d.file, d] as const))('%s: cites no article number, only titled sections', (_file, d) => {
    const articles = collectArticles(d.doc.units);
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.filter((a) => !a.topic).map((a) => a.number), 'numbered articles need the official text to check them').toEqual([]);
    expect(d.meta.caution, 'the caution must say the text was not checked').toMatch(/chưa/u);
  });
});
