/**
 * Which administrative units were merged into which, read from the indexed text itself: a resolution on
 * reorganising units states each merger as one clause ("11. Tỉnh Kon Tum và tỉnh Quảng Ngãi hợp thành tỉnh
 * Quảng Ngãi.") and lists the units left as they were ("… 11 đơn vị không sắp xếp là Cao Bằng, …, thành
 * phố Hà Nội và thành phố Huế."). A question that names such a unit and asks what became of it ("kon tum
 * cũ giờ nhập vào đâu", "tuyên quang bây giờ gồm những tỉnh cũ nào", "bình định giờ thuộc tỉnh nào") is
 * answered with the clause that names it. Search cannot find that clause reliably: the one rare word of the
 * question is the name, in a long article of thirty such clauses, and the words of the question ("nhập vào
 * đâu", "tên mới") are not those of the text ("hợp thành").
 *
 * Nothing here knows a place: the table is whatever the indexed documents state. Two forms are read: the
 * National Assembly's "A và B hợp thành tỉnh C" for provinces, and the Standing Committee's "Sắp xếp toàn
 * bộ diện tích tự nhiên, quy mô dân số của các xã A, B … thành xã mới có tên gọi là xã C" for communes, so
 * the resolution on a province's communes answers questions on them as soon as an admin adds it.
 */
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import { foldDiacritics } from '../text/vietnamese.js';

/** One clause that answers a question about a unit: where it is and its text. */
export interface MergerClause {
  chunk: Chunk;
  doc: DocumentMeta;
  /** The clause number as written ("11"), when the line has one. */
  clause?: string;
  /** The clause's text without its number. */
  sentence: string;
}

/** A province or a city under the central government, or a unit below it (commune, ward, special zone). */
export type UnitLevel = 'province' | 'commune';

interface NamedUnit {
  /** Folded words of the name ("kon", "tum"). */
  words: string[];
  /** The name's words as written, lower case ("kon", "tum"). */
  written: string[];
  level: UnitLevel;
  clause: MergerClause;
}

/** Words naming a kind of unit before its name ("tỉnh Kon Tum", "thành phố Huế", "các xã Tân Lập"). */
const UNIT_WORD = /^(?:các\s+)?(?:tỉnh|thành phố|xã|phường|thị trấn|đặc khu|quận|huyện|thị xã)\s+/iu;
/** "A, B và C hợp thành tỉnh D" (one clause line; the form of Nghị quyết 202/2025/QH15). */
const MERGER = /^(.+?)\s+hợp thành\s+(.+?)\.?$/u;
/**
 * "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã A, B và C thành xã mới có tên gọi là xã D."
 * (the form of the 2025 resolutions of the Standing Committee arranging each province's communes).
 */
const ARRANGED = /^Sắp xếp toàn bộ diện tích tự nhiên(?:,| và) quy mô dân số của\s+(.+?)\s+thành\s+(xã|phường|đặc khu|thị trấn|tỉnh|thành phố)\s+mới\s+(?:có tên gọi là|có tên là|là)\s+(.+?)\.?$/iu;
/** A unit of which only a part is arranged ("… và một phần diện tích tự nhiên, quy mô dân số của xã C"). */
const PART_OF = /(?:,\s*|\s+và\s+)?một phần diện tích tự nhiên(?:,| và) quy mô dân số của\s+/giu;
/** "… không sắp xếp là A, B, … và C" ("không thực hiện sắp xếp là …") at the end of a clause line. */
const UNCHANGED = /không (?:thực hiện )?sắp xếp(?: là|:)\s+(.+?)\.?$/u;
/** Words before a province's or a city's name, whose long names are also typed by their initials. */
const PROVINCE_WORD = /^(?:tỉnh|thành phố)\s/iu;
/** Folded words that introduce a unit's name in a question. */
const UNIT_FOLDED = new Set(['tinh', 'tp', 'pho', 'xa', 'phuong', 'huyen', 'quan']);
/** Unit words of the level of a province ("tỉnh", "thành phố"); any other unit word is below it. */
const PROVINCE_LEVEL = /^(?:tỉnh|thành phố)$/iu;
/**
 * A question asking for a commune, ward or special zone (folded): "giờ thuộc xã nào", "đổi thành phường gì",
 * "tên xã mới". A province it names beside the commune is where the commune is, not what is asked.
 */
const ASKS_COMMUNE = /\b(?:xa|phuong|dac khu|thi tran) (?:nao|gi|j|moi)\b|\bten (?:xa|phuong) moi\b/u;
/** The same for a province or a city: "thuộc tỉnh nào", "tên tỉnh mới". */
const ASKS_PROVINCE = /\b(?:tinh|tp|thanh pho) (?:nao|gi|j|moi)\b|\bten (?:tinh|tp|thanh pho) moi\b|\bnhung tinh\b/u;

/**
 * A question about what became of a unit, on folded text: where it went ("nhập vào đâu", "sáp nhập với tỉnh
 * nào", "giờ thuộc tỉnh nào", "bây giờ là tỉnh gì", "gộp lại thì giờ gọi là tỉnh gì"), what it is made of
 * ("gồm những tỉnh cũ nào"), its new name ("tên tỉnh mới là gì", "đổi thành xã nào") or whether it was merged
 * at all ("có bị sáp nhập không", "còn giữ nguyên không").
 */
const ASKS_MERGER = new RegExp(
  [
    String.raw`\b(?:sap nhap|nhap|hop nhat|gop)(?: vao| vo| voi| cung| thanh| lai)* (?:dau|tinh nao|tp nao|thanh pho nao|xa nao|phuong nao|nhung tinh nao)\b`,
    String.raw`\bthuoc(?: ve)? (?:tinh|tp|thanh pho|xa|phuong) nao\b`,
    String.raw`\b(?:gio|bay gio|nay|hien nay|hien tai|doi thanh|doi ten thanh)(?: goi| ten| ten goi)?(?: la| thuoc)? (?:tinh|tp|thanh pho|xa|phuong) (?:gi|nao|j)\b`,
    // "Long An với Tây Ninh gộp lại thì giờ gọi là tỉnh gì": the merger verb, then the name asked further on.
    String.raw`\b(?:sap nhap|nhap|hop nhat|gop)\b(?: [a-z]+){0,4} (?:goi la|ten la|ten goi la|la|thanh) (?:tinh|tp|thanh pho|xa|phuong) (?:gi|nao|j)\b`,
    String.raw`\bten moi\b`,
    String.raw`\b(?:gom|bao gom) (?:nhung |cac )?(?:tinh|tp|thanh pho|xa|phuong|don vi)(?: cu)? nao\b`,
    String.raw`\bten (?:tinh|tp|thanh pho|xa|phuong) moi\b`,
    String.raw`\b(?:tinh|tp|thanh pho|xa|phuong) moi (?:ten |la |co ten )*(?:gi|nao)\b`,
    String.raw`\b(?:sap nhap|nhap|sap xep|hop nhat|gop) (?:chua|khong|ko|k)\b`,
    String.raw`\b(?:con )?giu nguyen(?: ten)? (?:khong|ko|k|chua|hay)\b|\bkhong bi (?:sap nhap|nhap|sap xep|gop)\b`,
    String.raw`\bhop thanh (?:tinh|tp|thanh pho|xa|phuong) (?:gi|nao)\b`,
  ].join('|'),
);

/** The table of units named by merger clauses, built on first use from the indexed passages. */
export class UnitMergers {
  private units: NamedUnit[] | undefined;

  constructor(
    private readonly chunks: readonly Chunk[],
    private readonly docOf: (chunkIndex: number) => DocumentMeta,
  ) {}

  /**
   * The clauses that answer `question` (normalised chat text), in the order the question names their units;
   * undefined when it does not ask what became of a unit the indexed text names.
   */
  lookup(question: string): MergerClause[] | undefined {
    const written = lowerWords(question);
    const folded = written.map((w) => foldDiacritics(w));
    const text = folded.join(' ');
    if (!ASKS_MERGER.test(text)) return undefined;
    // "Xã Cẩm Bình (Hà Tĩnh) cũ giờ thuộc xã nào": a clause on the province does not say which commune.
    const communeOnly = ASKS_COMMUNE.test(text) && !ASKS_PROVINCE.test(text);
    const units = this.table().filter((u) => !communeOnly || u.level === 'commune');
    if (!units.length) return undefined;
    const found: Array<{ at: number; length: number; unit: NamedUnit }> = [];
    for (const unit of units) {
      const at = findWords(folded, unit.words);
      if (at < 0) continue;
      // A word of the name typed with tone marks must be written as in the name ("tham gia lại" does not
      // name Gia Lai); one typed without them matches its folded form ("bình dinh" names Bình Định).
      if (unit.words.some((_, k) => written[at + k] !== folded[at + k] && written[at + k] !== unit.written[k])) continue;
      // A one-word name ("Huế") must follow a unit word: alone it is too often another word. Initials
      // ("hcm") are no word.
      if (unit.words.length === 1 && !isInitials(unit) && !UNIT_FOLDED.has(folded[at - 1] ?? '')) continue;
      found.push({ at, length: unit.words.length, unit });
    }
    // Longer names first where they overlap ("Thành phố Hồ Chí Minh" over "Hồ Chí Minh" inside it).
    found.sort((a, b) => a.at - b.at || b.length - a.length);
    const out: MergerClause[] = [];
    let span = { at: -1, end: -1 };
    for (const f of found) {
      // Inside a longer name already taken: not a name of its own. The same name in two clauses (two
      // former communes called alike): both.
      const same = f.at === span.at && f.at + f.length === span.end;
      if (f.at < span.end && !same) continue;
      span = { at: f.at, end: f.at + f.length };
      if (!out.includes(f.unit.clause)) out.push(f.unit.clause);
    }
    return out.length ? out : undefined;
  }

  private table(): NamedUnit[] {
    if (this.units) return this.units;
    const units: NamedUnit[] = [];
    this.chunks.forEach((chunk, i) => {
      if (!/hợp thành|sắp xếp/iu.test(chunk.text)) return;
      for (const raw of chunk.text.split('\n')) {
        const line = raw.trim();
        const numbered = /^(\d{1,3}[a-zđ]?)\.\s+/u.exec(line);
        const sentence = numbered ? line.slice(numbered[0].length) : line;
        const clause: MergerClause = { chunk, doc: this.docOf(i), ...(numbered ? { clause: numbered[1] } : {}), sentence };
        for (const name of namesIn(sentence)) units.push({ ...name, clause });
      }
    });
    this.units = units;
    return units;
  }
}

/** The unit names a clause line states as merged, formed or left as they were. */
export function namesIn(sentence: string): Array<{ words: string[]; written: string[]; level: UnitLevel }> {
  const lists: Array<{ list: string; level: UnitLevel }> = [];
  const arranged = ARRANGED.exec(sentence);
  const merger = arranged ? null : MERGER.exec(sentence);
  if (arranged) {
    // The level of the unit formed ("thành xã mới", "thành tỉnh mới") is that of the units arranged into it.
    const level = levelOfWord(arranged[2]);
    lists.push({ list: arranged[1].replace(PART_OF, ', '), level }, { list: arranged[3], level });
  }
  const formed = merger ? UNIT_WORD.exec(merger[2]) : null;
  if (merger && formed) {
    const level = levelOfWord(formed[0].replace(/^các\s+/iu, '').trim());
    lists.push({ list: merger[1], level }, { list: merger[2], level });
  }
  const unchanged = UNCHANGED.exec(sentence);
  // Units left as they were: communes when the sentence counts units "cấp xã" or names them as communes.
  if (unchanged) lists.push({ list: unchanged[1], level: /cấp xã|(?:^|,\s*|\s)(?:xã|phường|đặc khu|thị trấn)\s+\p{Lu}/u.test(sentence) ? 'commune' : 'province' });
  const out: Array<{ words: string[]; written: string[]; level: UnitLevel }> = [];
  for (const { list, level } of lists) {
    for (const item of list.split(/,\s*|\s+và\s+/u)) {
      const name = item.replace(UNIT_WORD, '').trim();
      // A name starts with a capital letter: "(28 tỉnh và 06 thành phố)" and the like are not names.
      if (!/^\p{Lu}/u.test(name)) continue;
      // "Bà Rịa – Vũng Tàu": the whole name, and each part of two words or more.
      const whole = lowerWords(name);
      const parts = [whole, ...(name.includes('–') || name.includes(' - ') ? name.split(/\s*[–-]\s*/u).map(lowerWords).filter((w) => w.length >= 2) : [])];
      for (const written of parts) if (written.length) out.push({ words: written.map((w) => foldDiacritics(w)), written, level });
      // A name of three words or more is typed by its initials ("hcm", "brvt"), a city's also after "tp"
      // run together ("tphcm").
      if (whole.length >= 3 && PROVINCE_WORD.test(item.trim())) {
        const initials = whole.map((w) => foldDiacritics(w)[0]).join('');
        out.push({ words: [initials], written: [initials], level });
        if (/^thành phố\s/iu.test(item.trim())) out.push({ words: [`tp${initials}`], written: [`tp${initials}`], level });
      }
    }
  }
  return out;
}

/** The level of a unit word ("tỉnh", "thành phố": province; "xã", "phường", …: below it). */
function levelOfWord(word: string): UnitLevel {
  return PROVINCE_LEVEL.test(word.trim()) ? 'province' : 'commune';
}

/** Whether a table entry is a name's initials ("hcm", "brvt": three letters or more and no vowel, so no word). */
function isInitials(unit: NamedUnit): boolean {
  return unit.words.length === 1 && unit.words[0].length >= 3 && !/[aeiouy]/u.test(unit.words[0].replace(/^tp/u, ''));
}

/** The words of a text, lower case, NFC. */
function lowerWords(text: string): string[] {
  return text.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Start of the first run of `words` in `seq`, or -1. */
function findWords(seq: readonly string[], words: readonly string[]): number {
  outer: for (let i = 0; i + words.length <= seq.length; i++) {
    for (let k = 0; k < words.length; k++) if (seq[i + k] !== words[k]) continue outer;
    return i;
  }
  return -1;
}
