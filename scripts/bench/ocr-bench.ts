/**
 * OCR benchmark (issue 14): makes test scans from text we own — pages of the team's knowledge summaries
 * (knowledge/*.md) typeset in a serif face at 13 pt (the size Nghị định 30/2020/NĐ-CP prescribes for
 * body text) on A4 — at 150/200/300 dpi, clean and degraded (noise, a few degrees of
 * skew, a red seal-like stamp over the text), runs them through the OCR path the loaders use
 * (tesseract.js with the packaged Vietnamese model, then the line clean-up of ocr-lines.ts) and reports
 * the character and word error rates against the typeset text, with and without diacritics, and
 * pages per second. Each clean-up step (red-channel grey, Otsu binarisation, deskew) is measured on
 * the degradation it targets.
 *
 * Usage: npx tsc -p tsconfig.build.json && node dist/scripts/bench/ocr-bench.js [--pages 3] [--out bench/ocr.json]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { foldVietnamese } from '../../src/text/doc-number.js';
import { loadMarkdown } from '../../src/ingest/loaders/markdown-loader.js';
import { TesseractRecognizer } from '../../src/ingest/ocr/tesseract-recognizer.js';
import { ocrPageLines } from '../../src/ingest/ocr/ocr-lines.js';
import { binarize, decodeGrey, encodeGreyPng, estimateSkew, rotate, type GreyImage } from '../../src/ingest/ocr/preprocess.js';
import { mulberry32 } from '../../src/common/seeded-random.js';

/** DejaVu Serif: the installed serif face with every Vietnamese letter (this machine's Liberation Serif lacks ư, ơ, ậ…). */
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';
const FAMILY = 'Bench Serif';
const A4_IN = { width: 8.27, height: 11.69 };

interface Degradation {
  noise?: boolean;
  skew?: number;
  stamp?: boolean;
}
type Step = 'red' | 'otsu' | 'deskew';
interface Variant {
  name: string;
  dpi: number;
  degrade: Degradation;
  steps: Step[];
}

/** The measurement plan: clean pages at three resolutions, then each degradation with and without the step aimed at it. */
const VARIANTS: Variant[] = [
  { name: 'clean', dpi: 150, degrade: {}, steps: [] },
  { name: 'clean', dpi: 200, degrade: {}, steps: [] },
  { name: 'clean', dpi: 300, degrade: {}, steps: [] },
  { name: 'noise', dpi: 300, degrade: { noise: true }, steps: [] },
  { name: 'noise', dpi: 300, degrade: { noise: true }, steps: ['otsu'] },
  { name: 'skew 3°', dpi: 300, degrade: { skew: 3 }, steps: [] },
  { name: 'skew 3°', dpi: 300, degrade: { skew: 3 }, steps: ['deskew'] },
  { name: 'stamp', dpi: 300, degrade: { stamp: true }, steps: [] },
  { name: 'stamp', dpi: 300, degrade: { stamp: true }, steps: ['red'] },
  { name: 'noise+skew 2°+stamp', dpi: 200, degrade: { noise: true, skew: 2, stamp: true }, steps: [] },
  { name: 'noise+skew 2°+stamp', dpi: 200, degrade: { noise: true, skew: 2, stamp: true }, steps: ['red', 'deskew'] },
  { name: 'noise+skew 2°+stamp', dpi: 300, degrade: { noise: true, skew: 2, stamp: true }, steps: [] },
  { name: 'noise+skew 2°+stamp', dpi: 300, degrade: { noise: true, skew: 2, stamp: true }, steps: ['red', 'deskew'] },
  // All three steps together (Otsu measured here too, at the loader's 200 dpi).
  { name: 'clean', dpi: 200, degrade: {}, steps: ['red', 'deskew', 'otsu'] },
  { name: 'noise+skew 2°+stamp', dpi: 200, degrade: { noise: true, skew: 2, stamp: true }, steps: ['red', 'deskew', 'otsu'] },
  // What the engine applies (prepareForOcr, without Otsu): must not hurt clean pages.
  { name: 'clean', dpi: 200, degrade: {}, steps: ['red', 'deskew'] },
];


/** Lines of one A4 page (margins of NĐ 30/2020: left 30 mm, right 15 mm, top and bottom 20 mm) filled from `paragraphs`. */
function layoutPages(paragraphs: string[], measure: (s: string) => number, maxWidth: number, linesPerPage: number): string[][] {
  const pages: string[][] = [[]];
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (measure(next) > maxWidth && line) {
        pages[pages.length - 1].push(line);
        line = word;
      } else line = next;
      if (pages[pages.length - 1].length >= linesPerPage) pages.push([]);
    }
    if (line) pages[pages.length - 1].push(line);
    if (pages[pages.length - 1].length >= linesPerPage) pages.push([]);
  }
  return pages.filter((p) => p.length >= linesPerPage * 0.8);
}

/** Draws a page at `dpi` with its degradations; returns PNG bytes. */
function drawPage(lines: string[], dpi: number, degrade: Degradation, seed: number): Uint8Array {
  const width = Math.round(A4_IN.width * dpi);
  const height = Math.round(A4_IN.height * dpi);
  const mm = dpi / 25.4;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.save();
  if (degrade.skew) {
    context.translate(width / 2, height / 2);
    context.rotate((degrade.skew * Math.PI) / 180);
    context.translate(-width / 2, -height / 2);
  }
  context.fillStyle = '#111';
  context.font = `${(13 * dpi) / 72}px "${FAMILY}"`;
  const pitch = (13 * 1.3 * dpi) / 72;
  lines.forEach((line, i) => context.fillText(line, 30 * mm, 20 * mm + pitch * (i + 1)));
  context.restore();
  if (degrade.stamp) drawStamp(context, width * 0.62, height * 0.55, 20 * mm);
  if (degrade.noise) addNoise(context, width, height, mulberry32(seed));
  return new Uint8Array(canvas.toBuffer('image/png'));
}

/** A round red seal (two rings, text round the edge, a star) overlapping the text, as on signed documents. */
function drawStamp(context: ReturnType<ReturnType<typeof createCanvas>['getContext']>, x: number, y: number, radius: number): void {
  context.save();
  context.strokeStyle = 'rgba(210, 20, 30, 0.85)';
  context.fillStyle = 'rgba(210, 20, 30, 0.85)';
  context.lineWidth = radius * 0.05;
  for (const r of [radius, radius * 0.72]) {
    context.beginPath();
    context.arc(x, y, r, 0, Math.PI * 2);
    context.stroke();
  }
  context.font = `bold ${radius * 0.17}px "${FAMILY}"`;
  const text = 'ỦY BAN NHÂN DÂN TỈNH * SỞ NỘI VỤ * ';
  [...text].forEach((ch, i) => {
    const angle = (i / text.length) * Math.PI * 2;
    context.save();
    context.translate(x + Math.cos(angle) * radius * 0.86, y + Math.sin(angle) * radius * 0.86);
    context.rotate(angle + Math.PI / 2);
    context.fillText(ch, 0, 0);
    context.restore();
  });
  context.font = `bold ${radius * 0.5}px "${FAMILY}"`;
  context.fillText('★', x - radius * 0.22, y + radius * 0.17);
  context.restore();
}

/** Grey noise (±40 levels) and dark specks on 0.3 % of the pixels. */
function addNoise(context: ReturnType<ReturnType<typeof createCanvas>['getContext']>, width: number, height: number, next: () => number): void {
  const image = context.getImageData(0, 0, width, height);
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = (next() - 0.5) * 80;
    const speck = next() < 0.003 ? -200 : 0;
    for (let c = 0; c < 3; c += 1) d[i + c] = Math.max(0, Math.min(255, d[i + c] + n + speck));
  }
  context.putImageData(image, 0, 0);
}

async function prepare(png: Uint8Array, steps: Step[]): Promise<Uint8Array> {
  if (steps.length === 0) return png;
  let grey: GreyImage = await decodeGrey(png, steps.includes('red') ? 'red' : 'luma');
  if (steps.includes('deskew')) grey = rotate(grey, estimateSkew(grey));
  if (steps.includes('otsu')) grey = binarize(grey);
  return encodeGreyPng(grey);
}

/** Levenshtein distance between two sequences. */
function distance<T>(a: readonly T[], b: readonly T[]): number {
  let previous = new Uint32Array(b.length + 1).map((_, j) => j);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

const normalise = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

interface Errors { chars: number; charErrors: number; words: number; wordErrors: number; charsFolded: number; charErrorsFolded: number; wordErrorsFolded: number }

function compare(reference: string, hypothesis: string): Errors {
  const [r, h] = [normalise(reference), normalise(hypothesis)];
  const [rf, hf] = [foldVietnamese(r), foldVietnamese(h)];
  return {
    chars: [...r].length,
    charErrors: distance([...r], [...h]),
    words: r.split(' ').length,
    wordErrors: distance(r.split(' '), h.split(' ')),
    charsFolded: [...rf].length,
    charErrorsFolded: distance([...rf], [...hf]),
    wordErrorsFolded: distance(rf.split(' '), hf.split(' ')),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pages: { type: 'string', default: '3' }, out: { type: 'string' }, only: { type: 'string' }, debug: { type: 'boolean' } } });
  const root = resolve(new URL('../../..', import.meta.url).pathname);
  if (!GlobalFonts.registerFromPath(FONT, FAMILY)) throw new Error(`font not found: ${FONT} (install fonts-dejavu)`);
  const knowledge = join(root, 'knowledge');
  const files = readdirSync(knowledge).filter((f) => f.endsWith('.md') && !/^(README|SOURCES)\.md$/iu.test(f)).sort();
  const measureCanvas = createCanvas(10, 10).getContext('2d');
  measureCanvas.font = `${(13 * 300) / 72}px "${FAMILY}"`;
  const measure = (s: string) => (measureCanvas.measureText(s).width * 72) / 300; // points
  const wanted = Number(values.pages);
  const pages: string[][] = [];
  // One page from each of several summaries, spread over the list, for a mix of vocabularies.
  for (let i = 0; pages.length < wanted && i < files.length; i += 1) {
    const file = files[(i * 5) % files.length];
    const loaded = await loadMarkdown({ relPath: file, format: 'md', bytes: readFileSync(join(knowledge, file)) });
    const laid = layoutPages(loaded.text.split('\n'), measure, (8.27 * 72) - (45 / 25.4) * 72, 40);
    if (laid[0]) pages.push(laid[0]);
  }
  const recognizer = await TesseractRecognizer.create();
  const rows: Array<Variant & Errors & { pages: number; seconds: number }> = [];
  for (const variant of VARIANTS.filter((v, i) => values.only === undefined || values.only.split(',').includes(String(i)))) {
    const total: Errors = { chars: 0, charErrors: 0, words: 0, wordErrors: 0, charsFolded: 0, charErrorsFolded: 0, wordErrorsFolded: 0 };
    let seconds = 0;
    for (const [index, lines] of pages.entries()) {
      const png = drawPage(lines, variant.dpi, variant.degrade, 1000 + index);
      const started = performance.now();
      const image = await prepare(png, variant.steps);
      const result = await recognizer.recognize(image);
      const text = ocrPageLines({ page: 1, ...result, pixelsPerPoint: variant.dpi / 72, ms: 0 }, false).lines.map((l) => l.text).join(' ');
      seconds += (performance.now() - started) / 1000;
      const e = compare(lines.join(' '), text);
      if (values.debug) process.stderr.write(`--- reference\n${lines.join('\n')}\n--- OCR\n${text}\n`);
      for (const k of Object.keys(total) as Array<keyof Errors>) total[k] += e[k];
    }
    rows.push({ ...variant, ...total, pages: pages.length, seconds });
    const last = rows[rows.length - 1];
    process.stderr.write(`ocr-bench: ${variant.name} ${variant.dpi} dpi [${variant.steps.join('+') || 'none'}]: CER ${pct(last.charErrors / last.chars)} (${(last.pages / last.seconds).toFixed(2)} pages/s)\n`);
  }
  await recognizer.close();
  const table = [
    '| pages | dpi | clean-up | CER | WER | CER no diacritics | WER no diacritics | pages/s |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.dpi} | ${r.steps.join(' + ') || 'none'} | ${pct(r.charErrors / r.chars)} | ${pct(r.wordErrors / r.words)} | ${pct(r.charErrorsFolded / r.charsFolded)} | ${pct(r.wordErrorsFolded / r.words)} | ${(r.pages / r.seconds).toFixed(2)} |`),
  ].join('\n');
  process.stdout.write(`${table}\n\n${pages.length} page(s) of ${pages[0]?.length ?? 0} lines, ${rows[0]?.chars ?? 0} characters in all\n`);
  if (values.out) writeFileSync(values.out, JSON.stringify(rows, null, 2));
}

function pct(v: number): string {
  return `${(100 * v).toFixed(2)} %`;
}

await main();
