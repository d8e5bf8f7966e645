/**
 * The official texts the shipped summaries are checked against, parsed with our own parser, and the
 * provisions of later documents that amend them (Nghị định 367/2025/NĐ-CP for 118/2025; Nghị định
 * 48/2013/NĐ-CP and Khoản 5 Điều 40 Nghị định 118/2025/NĐ-CP for 63/2010).
 *
 * Sources (all read-only): `../shared/reference/` and `../shared/corpus/` (texts collected for the project),
 * `../shared/samples/` (the DOCX of 30/2020 with its Phụ lục I, the Công báo PDF of Luật 20/2023) and `test/fixtures/official/` (decrees saved from vbpl.vn, see
 * its README).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLegalText, collectArticles } from '../../src/ingest/legal-parser.js';
import { loadSource } from '../../src/ingest/loaders/index.js';
import type { LegalDocument, LegalUnit } from '../../src/ingest/legal-unit.js';
import { REPO_ROOT, sharedDir } from '../support/shared.js';

/** One official document as far as the checks need it. */
export interface OfficialText {
  number: string;
  /** Where the text came from, for failure messages. */
  source: string;
  /** Articles by number ("5", "35a"). */
  articles: Map<string, LegalUnit>;
  /**
   * Further official wording an article relies on, by article: the amending provisions that changed it,
   * or an appendix it points to (Phụ lục I of 30/2020 for Điều 9).
   */
  amendments: Map<string, string[]>;
  /** Units added by amending documents: "35a" (an article) or "20.3" (Khoản 3 Điều 20). */
  additions: Set<string>;
}

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'official');

/** Numbers of the documents whose official text {@link loadOfficialTexts} returns. */
export const OFFICIAL_NUMBERS: readonly string[] = [
  '118/2025/NĐ-CP', '63/2010/NĐ-CP', '72/2025/QH15', '80/2025/QH15', '202/2025/QH15', '77/2015/QH13',
  '367/2025/NĐ-CP', '335/2025/NĐ-CP', '361/2025/NĐ-CP', '31/2026/NĐ-CP', '30/2020/NĐ-CP', '20/2023/QH15',
];

function parse(text: string, number: string): LegalDocument {
  return parseLegalText(text, { id: number, meta: { number, title: number, status: 'in_force' } });
}

function fromText(number: string, source: string, text: string): OfficialText {
  const doc = parse(text, number);
  const articles = new Map(collectArticles(doc.units).map((a) => [a.number, a]));
  return { number, source, articles, amendments: new Map(), additions: new Set() };
}

const ARTICLE_MENTION_RE = /Điều\s+(\d+[a-zđ]?)\b/giu;
/** A numbered line that gives an amending instruction; the lines after it up to the next one quote the new text. */
const INSTRUCTION_RE = /^(?:\d+\.|[a-zđ]\))\s*(?:Sửa đổi|Bổ sung|Bãi bỏ|Thay thế|Bỏ cụm từ|Sửa cụm từ)/iu;
const ADDITION_RE = /^(?:\d+\.|[a-zđ]\))\s*Bổ sung (?:khoản (\d+[a-zđ]?) (?:vào (?:sau khoản \d+ )?)?Điều (\d+[a-zđ]?)|Điều (\d+[a-zđ]?))\b/iu;

/** The lines from the first line matching `from` up to (not including) the next line matching `to`. */
function sliceLines(text: string, from: RegExp, to: RegExp): string[] {
  const lines = text.normalize('NFC').split('\n').map((l) => l.trim()).filter(Boolean);
  const start = lines.findIndex((l) => from.test(l));
  if (start < 0) throw new Error(`official text: no line matches ${from}`);
  const end = lines.findIndex((l, i) => i > start && to.test(l));
  return lines.slice(start, end < 0 ? undefined : end);
}

/**
 * Records amending provisions under the articles of the amended document they name, and the units they
 * add ("Bổ sung khoản 3 Điều 20", "Bổ sung Điều 35a"). Read line by line rather than parsed, because the
 * quoted new text of an article ("“Điều 5. …", "1. …") would be taken for clauses of the amending article.
 */
function addAmendments(target: OfficialText, lines: readonly string[]): void {
  let current: string[] = [];
  for (const line of lines) {
    if (INSTRUCTION_RE.test(line)) {
      current = [...new Set([...line.matchAll(ARTICLE_MENTION_RE)].map((m) => m[1]))];
      const add = ADDITION_RE.exec(line);
      if (add) target.additions.add(add[3] ?? `${add[2]}.${add[1]}`);
    }
    for (const article of current) target.amendments.set(article, [...(target.amendments.get(article) ?? []), line]);
  }
}

/** Loads every official text available to the checks, by document number. */
export async function loadOfficialTexts(): Promise<Map<string, OfficialText>> {
  const ref = (f: string) => readFileSync(join(sharedDir('reference'), f), 'utf8');
  const fixture = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');
  const texts: OfficialText[] = [
    fromText('118/2025/NĐ-CP', 'shared/reference/nd-118-2025.txt', ref('nd-118-2025.txt')),
    fromText('63/2010/NĐ-CP', 'shared/reference/nd-63-2010.txt', ref('nd-63-2010.txt')),
    fromText('72/2025/QH15', 'shared/reference/luat-72-2025-qh15-to-chuc-chinh-quyen-dia-phuong.txt', ref('luat-72-2025-qh15-to-chuc-chinh-quyen-dia-phuong.txt')),
    fromText('80/2025/QH15', 'shared/reference/luat-80-2025-qh15-can-bo-cong-chuc.txt', ref('luat-80-2025-qh15-can-bo-cong-chuc.txt')),
    fromText('202/2025/QH15', 'shared/reference/nq-202-2025-qh15-sap-xep-dvhc-cap-tinh.txt', ref('nq-202-2025-qh15-sap-xep-dvhc-cap-tinh.txt')),
    fromText('77/2015/QH13', 'shared/corpus/77-2015-QH13.txt', readFileSync(join(sharedDir('corpus'), '77-2015-QH13.txt'), 'utf8')),
    fromText('367/2025/NĐ-CP', 'test/fixtures/official/nd-367-2025.txt', fixture('nd-367-2025.txt')),
    fromText('335/2025/NĐ-CP', 'test/fixtures/official/nd-335-2025.txt', fixture('nd-335-2025.txt')),
    fromText('361/2025/NĐ-CP', 'test/fixtures/official/nd-361-2025.txt', fixture('nd-361-2025.txt')),
    fromText('31/2026/NĐ-CP', 'test/fixtures/official/nd-31-2026.txt', fixture('nd-31-2026.txt')),
  ];
  const docxName = 'nd-30-2020-cong-tac-van-thu.docx';
  const bytes = readFileSync(join(sharedDir('samples'), docxName));
  const loaded = await loadSource({ relPath: docxName, format: 'docx', bytes });
  const nd30 = fromText('30/2020/NĐ-CP', `shared/samples/${docxName}`, loaded.text);
  // Điều 9 sends the layout rules to Phụ lục I, which the project holds as the legacy .doc sample.
  const appendixName = 'nd-30-2020-phu-luc-1-the-thuc-van-ban.doc';
  const appendix = await loadSource({ relPath: appendixName, format: 'doc', bytes: readFileSync(join(sharedDir('samples'), appendixName)) });
  nd30.amendments.set('9', [appendix.text]);
  texts.push(nd30);
  const gddtName = 'luat-20-2023-qh15-giao-dich-dien-tu-congbao.pdf';
  const gddt = await loadSource({ relPath: gddtName, format: 'pdf', bytes: readFileSync(join(sharedDir('samples'), gddtName)) });
  // The PDF loader leaves clause 1 on the heading line of two articles ("Điều 44. Hoạt động … 1. Cơ quan …").
  const gddtText = gddt.text.replace(/^(Điều \d+\. [^\n]*?) (1\. \p{Lu})/gmu, '$1\n$2');
  texts.push(fromText('20/2023/QH15', `shared/samples/${gddtName} (Công báo)`, gddtText));
  const byNumber = new Map(texts.map((t) => [t.number, t]));
  if (byNumber.size !== OFFICIAL_NUMBERS.length || !OFFICIAL_NUMBERS.every((n) => byNumber.has(n))) throw new Error('OFFICIAL_NUMBERS is out of step');

  const nd118 = byNumber.get('118/2025/NĐ-CP')!;
  addAmendments(nd118, sliceLines(fixture('nd-367-2025.txt'), /^Điều 1\./u, /^Điều 2\./u));
  const nd63 = byNumber.get('63/2010/NĐ-CP')!;
  addAmendments(nd63, sliceLines(ref('nd-48-2013.txt'), /^Điều 1\./u, /^Điều 2\./u));
  addAmendments(nd63, sliceLines(ref('nd-118-2025.txt'), /^5\. Sửa đổi khoản 3, Điều 5 Nghị định số 63\/2010/u, /^6\.\s/u));
  return byNumber;
}
