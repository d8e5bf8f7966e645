/**
 * Curated answers asked about something else: each curated phrasing that finds its own entry is asked again
 * with one thing changed that the entry does not speak of, and the probe counts how often the changed
 * question still gets that entry (a wrong answer given with a curated answer's confidence). Used by
 * `scripts/eval/swap-probe.ts` (the figures in bench/results.md) and by the tests over the shipped knowledge.
 */
import { parseDocReference } from '../text/doc-number.js';
import type { FaqEntry } from '../ingest/faq-file.js';
import { groupsNamed, levelsNamed } from '../search/subject-groups.js';

/** One kind of change: the entries it applies to, and the changed phrasing (undefined: not applicable). */
export interface Swap {
  name: string;
  applies: (e: FaqEntry) => boolean;
  change: (phrasing: string) => string | undefined;
}

/** What a search gives for a question, as far as the probe reads it. */
export interface CuratedSearch {
  search(question: string): { faq?: { entry: { id: string } } };
}

const texts = (e: FaqEntry) => [e.question, ...e.variants, e.answer].join('\n');
const word = (w: string) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'u');
const XA = /(?<!\p{L})xã(?! hội)(?!\p{L})/u;

/** A word replaced by another, for entries that nowhere write the other. */
function replace(from: string, to: string): Swap {
  const re = word(from);
  return { name: `${from} → ${to}`, applies: (e) => !texts(e).toLowerCase().includes(to.toLowerCase()), change: (p) => (re.test(p) ? p.replace(re, to) : undefined) };
}

/** The changes, in the order of the report. */
export const SWAPS: readonly Swap[] = [
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
    change: (p) => (word('không được').test(p) ? p.replace(word('không được'), 'được') : undefined),
  },
  replace('trực tuyến', 'trực tiếp'),
  replace('trực tiếp', 'trực tuyến'),
  replace('tối đa', 'tối thiểu'),
  replace('bổ nhiệm', 'miễn nhiệm'),
  replace('kỷ luật', 'khen thưởng'),
  replace('văn bản đến', 'văn bản đi'),
  replace('Chủ tịch', 'Phó Chủ tịch'),
  ...['tỉnh', 'huyện'].map((level) => ({
    name: `xã → ${level}`,
    applies: (e: FaqEntry) => levelsNamed(texts(e), true).join() === 'cấp xã',
    change: (p: string) => (XA.test(p) ? p.replace(XA, level) : undefined),
  })),
];

/** Asks the changed phrasings of one swap: how many were asked, and those still given their entry. */
export function runSwap(search: CuratedSearch, entries: readonly FaqEntry[], swap: Swap): { changed: number; kept: string[] } {
  let changed = 0;
  const kept: string[] = [];
  for (const e of entries) {
    if (!swap.applies(e)) continue;
    for (const p of [e.question, ...e.variants]) {
      const other = swap.change(p);
      if (other === undefined || other === p || search.search(p).faq?.entry.id !== e.id) continue;
      changed++;
      if (search.search(other).faq?.entry.id === e.id) kept.push(`${e.id}: ${other}`);
    }
  }
  return { changed, kept };
}
