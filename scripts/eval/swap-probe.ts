/**
 * Curated answers asked about something else: every phrasing in knowledge/faq.yaml that finds its own entry
 * is asked again with one thing changed that the entry does not speak of, and the probe counts how often
 * the changed question still gets that entry (a wrong answer given with the confidence of a curated one).
 *
 * Changes: the document number (serial + 7, same year: "367/2025" → "374/2025"); the group of staff
 * ("công chức" → "viên chức", for entries that nowhere name viên chức); the level of government ("xã" →
 * "tỉnh" and "xã" → "huyện", for entries that name only the xã); what may not be done asked as what may be
 * ("không được" → "được"); one side of a contrast for the other ("trực tuyến" → "trực tiếp", "tối đa" → "tối
 * thiểu", "bổ nhiệm" → "miễn nhiệm", "kỷ luật" → "khen thưởng", "văn bản đến" → "văn bản đi"), for entries that nowhere
 * write the other side.
 *
 * Usage (after `npm run build`): node dist/scripts/eval/swap-probe.js [--list]
 */
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer } from '../../src/text/analyzer.js';
import { parseDocReference } from '../../src/text/doc-number.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import type { FaqEntry } from '../../src/ingest/faq-file.js';
import { groupsNamed, levelsNamed } from '../../src/search/subject-groups.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const knowledgeDir = join(root, 'knowledge');
const analyzer = new Analyzer();
const { content } = await buildSnapshot({ knowledgeDir, analyzer });
const { retriever } = retrieverFromSnapshot(content, analyzer);
const { entries } = parseFaqFile(readFileSync(join(knowledgeDir, 'faq.yaml'), 'utf8'));

const XA = /(?<!\p{L})xã(?! hội)(?!\p{L})/u;
const texts = (e: FaqEntry) => [e.question, ...e.variants, e.answer].join('\n');

/** One kind of change: which entries it applies to, and the changed phrasing (undefined: not applicable). */
interface Swap {
  name: string;
  applies: (e: FaqEntry) => boolean;
  change: (phrasing: string) => string | undefined;
}

const swaps: Swap[] = [
  {
    name: 'document number (serial + 7)',
    applies: () => true,
    change: (p) => {
      const dated = parseDocReference(p).filter((r) => r.year);
      if (dated.length !== 1) return undefined;
      const { serial, start, end } = dated[0];
      return `${p.slice(0, start)}${p.slice(start, end).replace(serial, String(Number(serial) + 7))}${p.slice(end)}`;
    },
  },
  {
    name: 'công chức → viên chức',
    applies: (e) => {
      const g = groupsNamed(texts(e));
      return g.includes('cán bộ, công chức') && !g.includes('viên chức');
    },
    change: (p) => (/\bcông chức\b/u.test(p) && !p.toLowerCase().includes('cán bộ') ? p.replace(/\bcông chức\b/gu, 'viên chức') : undefined),
  },
  {
    name: 'không được → được',
    applies: () => true,
    change: (p) => (/(?<!\p{L})không được(?!\p{L})/u.test(p) ? p.replace(/(?<!\p{L})không được(?!\p{L})/u, 'được') : undefined),
  },
  ...[
    ['trực tuyến', 'trực tiếp'],
    ['trực tiếp', 'trực tuyến'],
    ['tối đa', 'tối thiểu'],
    ['bổ nhiệm', 'miễn nhiệm'],
    ['kỷ luật', 'khen thưởng'],
    ['văn bản đến', 'văn bản đi'],
    ['Chủ tịch', 'Phó Chủ tịch'],
    ['Giám đốc', 'Phó Giám đốc'],
  ].map(([from, to]) => {
    const re = new RegExp(`(?<!\\p{L})${from}(?!\\p{L})`, 'u');
    return {
      name: `${from} → ${to}`,
      applies: (e: FaqEntry) => !texts(e).toLowerCase().includes(to.toLowerCase()),
      change: (p: string) => (re.test(p) ? p.replace(re, to) : undefined),
    };
  }),
  ...['tỉnh', 'huyện'].map((level) => ({
    name: `xã → ${level}`,
    applies: (e: FaqEntry) => levelsNamed(texts(e), true).join() === 'cấp xã',
    change: (p: string) => (XA.test(p) ? p.replace(XA, level) : undefined),
  })),
];

const list = process.argv.includes('--list');
console.log('| change | phrasings changed | still given the entry |');
console.log('|---|---|---|');
for (const swap of swaps) {
  let changed = 0;
  const kept: string[] = [];
  for (const e of entries) {
    if (!swap.applies(e)) continue;
    for (const p of [e.question, ...e.variants]) {
      const other = swap.change(p);
      if (other === undefined || other === p || retriever.search(p).faq?.entry.id !== e.id) continue;
      changed++;
      if (retriever.search(other).faq?.entry.id === e.id) kept.push(`${e.id}: ${other}`);
    }
  }
  console.log(`| ${swap.name} | ${changed} | ${kept.length} |`);
  if (list) for (const k of kept) console.log(`    ${k}`);
}
