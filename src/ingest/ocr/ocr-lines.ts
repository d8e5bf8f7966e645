/**
 * Turns recognised OCR lines into the visual lines ({@link PdfLine}) the text-PDF paragraph builder
 * reads, so scans go through the same running-header removal and paragraph joining as text PDFs.
 *
 * Before that, it removes what OCR makes of things that are not text: stamps, seals, handwriting and
 * scanner edges come out as words with very low confidence or with letters Vietnamese does not use
 * ("hưu ] ROWVYEA", "Vøn", "Ñ", "|"), and the signer's block at the end (title, seal, signature, name)
 * is not part of any Điều.
 */
import { foldVietnamese } from '../../text/doc-number.js';
import type { PdfLine } from '../loaders/pdf-layout.js';
import type { OcrPage, OcrTextLine, OcrWord } from './ocr-types.js';
import { fixLineStart } from './ocr-text-fixes.js';

/** A word below this confidence is noise (stamp, handwriting, speck) and is dropped. */
const NOISE_WORD_CONFIDENCE = 20;
/** A line whose remaining words average below this confidence is dropped as a whole. */
const NOISE_LINE_CONFIDENCE = 45;
/** A short word of no letters or digits at a line edge below this confidence is a margin mark ("|", "Ñ"). */
const EDGE_MARK_CONFIDENCE = 75;
/** A gap between two words wider than this many line heights separates columns. */
const COLUMN_GAP_EM = 2.5;

/** Letters of Vietnamese text (and of the Latin words it quotes); any other letter in a word is OCR noise. */
const FOREIGN_LETTER = /[^\p{Script=Latin}]|[^a-zA-Z\u00C0-\u00C3\u00C8-\u00CA\u00CC\u00CD\u00D2-\u00D5\u00D9\u00DA\u00DD\u00E0-\u00E3\u00E8-\u00EA\u00EC\u00ED\u00F2-\u00F5\u00F9\u00FA\u00FD\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]/u;

/** A clause or point marker ("3.", "3a.", "“2.", "c)"): kept whatever its confidence, the parser needs it. */
const MARKER_WORD = /^[“"]?(?:\d{1,3}[a-zđ]?[.,]|[a-zđ]\))$/u;

/**
 * Signer titles that open the signature block (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.8: quyền hạn
 * và chức vụ của người ký: "TM.", "KT.", "Q.", "TL.", "TUQ.", then the office), and the "Nơi nhận:"
 * list. Matched on folded text (OCR often loses the tone marks of capitals: "QUÓC").
 */
const SIGNATURE_START =
  /^[^a-z0-9]*(?:(?:tm|kt|tl|tuq|q)\.\s|chu tich (?:quoc hoi|nuoc|uy ban|ubnd)|thu tuong|bo truong|giam doc|chanh van phong|noi nhan\s*:)/u;

/**
 * The adoption formula that closes a law or resolution of the Quốc hội, right before the signature
 * (Luật Ban hành VBQPPL 2015, Điều 61 khoản 4 / thể thức: "Luật này đã được Quốc hội … thông qua ngày …").
 */
const ADOPTION_FORMULA = /^(?:bo luat|luat|nghi quyet|phap lenh) nay da duoc (?:quoc hoi|uy ban thuong vu quoc hoi)\b.*thong qua/u;

/** Result of {@link ocrPageLines}. */
export interface OcrLines {
  lines: PdfLine[];
  /** Lines dropped as noise or as the signature block, for the loader's warnings. */
  dropped: number;
}

/**
 * The visual lines of one recognised page, top to bottom, in PDF points (y grows upwards, as pdf.js
 * reports text). Noise words and lines are removed; `lastPage` also cuts the signature block.
 */
export function ocrPageLines(page: OcrPage, lastPage: boolean): OcrLines {
  const scale = page.pixelsPerPoint > 0 ? page.pixelsPerPoint : 1;
  const height = page.height || Math.max(0, ...page.lines.map((l) => l.box.y1));
  const bodySize = medianRowHeight(page.lines);
  const sorted = [...page.lines].sort((a, b) => a.baseline - b.baseline || a.box.x0 - b.box.x0);
  const out: PdfLine[] = [];
  let dropped = 0;
  for (const [index, line] of sorted.entries()) {
    const words = cleanWords(line.words);
    const text = fixLineStart(words.map((w) => w.text).join(' '));
    if (isNoiseLine(words, text)) {
      dropped += 1;
      continue;
    }
    const folded = foldVietnamese(text);
    if (lastPage && SIGNATURE_START.test(folded)) {
      dropped += sorted.length - index;
      break;
    }
    // Lines of body text differ in measured height by ascenders and descenders only: give them one
    // size, so the paragraph builder does not see a font change at every line.
    const rowHeight = Math.abs(line.rowHeight - bodySize) < 0.35 * bodySize ? bodySize : line.rowHeight;
    out.push({
      page: page.page,
      text,
      x: words[0].box.x0 / scale,
      right: words[words.length - 1].box.x1 / scale,
      y: (height - line.baseline) / scale,
      fontSize: rowHeight / scale,
      tabular: hasColumnGap(words, rowHeight),
    });
    if (lastPage && ADOPTION_FORMULA.test(joinedTail(out))) {
      dropped += sorted.length - index - 1;
      break;
    }
  }
  return { lines: out, dropped };
}

/**
 * Noise lines: nothing readable left, too unsure on average, or the "CÔNG VĂN ĐẾN" receipt stamp an
 * office puts on incoming documents (Nghị định 30/2020/NĐ-CP, Phụ lục IV: mẫu dấu "ĐẾN").
 */
function isNoiseLine(words: readonly OcrWord[], text: string): boolean {
  if (words.length === 0 || !/[\p{L}\p{N}]{2}/u.test(text)) return true;
  if (meanConfidence(words) < NOISE_LINE_CONFIDENCE) return true;
  return !/\p{Ll}/u.test(text) && foldVietnamese(text).replace(/[^a-z]/g, '').includes('congvanden');
}

/** The last line with the one before it: the adoption formula is often wrapped. */
function joinedTail(lines: readonly PdfLine[]): string {
  return foldVietnamese(lines.slice(-2).map((l) => l.text).join(' '));
}

/** Drops noise words, then margin marks at either end of the line. */
function cleanWords(words: readonly OcrWord[]): OcrWord[] {
  const kept = words.filter((w, i) => (i === 0 && MARKER_WORD.test(w.text)) || (w.confidence >= NOISE_WORD_CONFIDENCE && !FOREIGN_LETTER.test(w.text.replace(/[^\p{L}]/gu, ''))));
  const isMark = (w: OcrWord | undefined): boolean =>
    w !== undefined && w.confidence < EDGE_MARK_CONFIDENCE && w.text.length <= 2 && !/^\d+$/u.test(w.text) && !MARKER_WORD.test(w.text);
  while (kept.length > 1 && isMark(kept[0])) kept.shift();
  while (kept.length > 1 && isMark(kept[kept.length - 1]) && !/[.;:,)”"]$/u.test(kept[kept.length - 1].text)) kept.pop();
  if (kept.length > 1 && /^[|\\/!]$/u.test(kept[0].text)) kept.shift();
  return kept;
}

function meanConfidence(words: readonly OcrWord[]): number {
  let sum = 0;
  let chars = 0;
  for (const w of words) {
    sum += w.confidence * w.text.length;
    chars += w.text.length;
  }
  return chars ? sum / chars : 0;
}

function hasColumnGap(words: readonly OcrWord[], rowHeight: number): boolean {
  for (let i = 1; i < words.length; i += 1) {
    if (words[i].box.x0 - words[i - 1].box.x1 > COLUMN_GAP_EM * rowHeight) return true;
  }
  return false;
}

function medianRowHeight(lines: readonly OcrTextLine[]): number {
  const heights = lines.filter((l) => l.words.length >= 4).map((l) => l.rowHeight).sort((a, b) => a - b);
  if (heights.length === 0) return lines[0]?.rowHeight ?? 12;
  return heights[Math.floor(heights.length / 2)];
}
