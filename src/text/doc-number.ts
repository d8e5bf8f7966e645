/**
 * Vietnamese legal document numbers (số hiệu): recognising them in document text and in officials'
 * queries, and giving them one canonical spelling.
 *
 * Shape, per Luật Ban hành văn bản quy phạm pháp luật 80/2015/QH13, Điều 10 khoản 3:
 * - luật, nghị quyết of the Quốc hội: "serial/year/QH<khóa>"            → "22/2008/QH12";
 * - pháp lệnh, nghị quyết of the UBTVQH: "serial/year/<type>-UBTVQH<khóa>" → "34/2001/PL-UBTVQH10"
 *   (older texts also write "04/2008/UBTVQH12", with no type);
 * - everything else: "serial/year/<type>-<issuer>"                        → "61/2018/NĐ-CP".
 * Administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I) drop the year: "4599/QĐ-UBND",
 * "76/NQ-CP"; a công văn has no type code at all: "1234/BNV-CCHC".
 */
import { foldDiacritics } from './vietnamese.js';

/** Code of a document type; for Luật it is "QH", the issuer written where other numbers have a type. */
export type DocTypeCode = 'HP' | 'BL' | 'QH' | 'PL' | 'NĐ' | 'NQ' | 'QĐ' | 'TT' | 'CT' | 'CV' | 'KH' | 'TB' | 'VBHN';

/** A kind of legal or administrative document, with the spellings officials use for it. */
export interface DocType {
  readonly code: DocTypeCode;
  /** Name with full diacritics, sentence case: "Nghị định". */
  readonly nameVi: string;
  /** Folded spellings (lower case, no diacritics, đ → d), longest first: "nghi dinh", "nd". */
  readonly aliases: readonly string[];
  /** True when the code is written as the first part of the symbol ("NĐ" in "61/2018/NĐ-CP"). */
  readonly inSymbol: boolean;
}

/**
 * The document types the bot recognises. "HP" and "BL" are our own codes (a Hiến pháp or Bộ luật
 * number carries only "QH"). Pháp lệnh has no short alias: officials write "PL 1" for "phụ lục 1".
 */
export const DOC_TYPES: readonly DocType[] = [
  { code: 'HP', nameVi: 'Hiến pháp', aliases: ['hien phap'], inSymbol: false },
  { code: 'BL', nameVi: 'Bộ luật', aliases: ['bo luat'], inSymbol: false },
  { code: 'QH', nameVi: 'Luật', aliases: ['luat'], inSymbol: false },
  { code: 'PL', nameVi: 'Pháp lệnh', aliases: ['phap lenh'], inSymbol: true },
  { code: 'NĐ', nameVi: 'Nghị định', aliases: ['nghi dinh', 'nd'], inSymbol: true },
  { code: 'NQ', nameVi: 'Nghị quyết', aliases: ['nghi quyet', 'nq'], inSymbol: true },
  { code: 'QĐ', nameVi: 'Quyết định', aliases: ['quyet dinh', 'qd'], inSymbol: true },
  { code: 'TT', nameVi: 'Thông tư', aliases: ['thong tu lien tich', 'thong tu', 'ttlt', 'tt'], inSymbol: true },
  { code: 'CT', nameVi: 'Chỉ thị', aliases: ['chi thi', 'ct'], inSymbol: true },
  { code: 'CV', nameVi: 'Công văn', aliases: ['cong van', 'cv'], inSymbol: false },
  { code: 'KH', nameVi: 'Kế hoạch', aliases: ['ke hoach', 'kh'], inSymbol: true },
  { code: 'TB', nameVi: 'Thông báo', aliases: ['thong bao', 'tb'], inSymbol: true },
  { code: 'VBHN', nameVi: 'Văn bản hợp nhất', aliases: ['van ban hop nhat', 'vbhn'], inSymbol: true },
];

/** A full document number found in running text. Offsets are UTF-16 indexes into the text given. */
export interface DocNumberMention {
  /** Start and end of the number itself ("61/2018/NĐ-CP"). */
  start: number;
  end: number;
  /** Start of a type phrase written right before it ("Nghị định số "), else equal to `start`. */
  phraseStart: number;
  /** The number exactly as written. */
  text: string;
  canonical: string;
  serial: string;
  year: string | undefined;
  /** From the symbol ("NĐ-CP"), else from the type named before it ("Luật số 22/2008/QH12" → "QH"). */
  typeCode: DocTypeCode | undefined;
  /** The symbol without its type code: "CP", "UBND", "QH12", "UBTVQH10", "BNV-CCHC". */
  issuer: string;
}

/** A possibly partial reference to a document in an official's query ("nghị định 61", "qd 4599"). */
export interface DocReference {
  /** Serial as written, leading zeros kept ("02"). */
  serial: string;
  year?: string;
  typeCode?: DocTypeCode;
  /** Set only when the query wrote the whole number. */
  canonical?: string;
  /** Offsets into the query as given. */
  start: number;
  end: number;
}

/** A full number taken apart; see {@link parseDocNumber}. */
export interface ParsedDocNumber {
  canonical: string;
  serial: string;
  year: string | undefined;
  /** Type written in the symbol only ("NĐ" for "NĐ-CP"); undefined for "QH12" or "BNV-CCHC". */
  typeCode: DocTypeCode | undefined;
  issuer: string;
}

type SymbolMode = 'text' | 'query' | 'exact';

// Symbol parts written without Đ by people typing on a plain keyboard. Only unambiguous ones: "HD" is
// Hướng dẫn and "DA" is Dự án, so neither is turned into HĐ / ĐA (NĐ 30/2020/NĐ-CP, Phụ lục III).
const D_TO_DJ: ReadonlyMap<string, string> = new Map(
  ['NĐ', 'QĐ', 'HĐND', 'CĐ', 'HĐTP', 'HĐBT', 'QĐLT', 'BCĐ', 'BGDĐT', 'BKHĐT', 'BLĐTBXH', 'ĐBQH'].map((s) => [
    s.replace(/Đ/g, 'D'),
    s,
  ]),
);
const SYMBOL_TYPE: ReadonlyMap<string, DocTypeCode> = new Map([
  ...DOC_TYPES.filter((t) => t.inSymbol).map((t) => [t.code, t.code] as [string, DocTypeCode]),
  ['TTLT', 'TT'],
]);
/**
 * Words that name a document by the number of the decision that approved it, in questions only (not a
 * type of their own): "Đề án 4599" is the scheme approved by Quyết định 4599, as officials cite it.
 */
const REFERENCE_ONLY_ALIASES: ReadonlyArray<[string, DocTypeCode]> = [['de an', 'QĐ']];
const ALIAS_TO_CODE: ReadonlyMap<string, DocTypeCode> = new Map([
  ...DOC_TYPES.flatMap((t) => t.aliases.map((a) => [a, t.code] as [string, DocTypeCode])),
  ...REFERENCE_ONLY_ALIASES,
]);

const SEGMENT_RE = /[A-Za-zĐđÐð][A-Za-zĐđÐð0-9]*/y;
const DASH_RE = /([ \t]?)[-–—‑]([ \t]?)/y;
const WORD_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
const UPPER_SEGMENT_RE = /^(?:[A-ZĐÐ][A-ZĐÐ0-9]*|TTg)$/;
const QH_SEGMENT_RE = /^(?:UBTV)?QH\d{0,2}$/i;
/** Serial, optional year, and the slash before the symbol; the symbol itself is read by readSymbol. */
const HEAD_RE = /(?<![\p{L}\p{N}\p{M}/])(\d{1,5})[ \t]?[/／][ \t]?(?:((?:19|20)\d{2})[ \t]?[/／][ \t]?)?(?=[A-Za-zĐđÐð])/gu;
const HEAD_AT_RE = /(\d{1,5})[ \t]?[/／][ \t]?(?:((?:19|20)\d{2})[ \t]?[/／][ \t]?)?/y;
const YEAR_AFTER_RE = /(?:[ \t]*[/／\-–][ \t]*|[ \t]+n[aăâ]m[ \t]+|[ \t]+)((?:19|20)\d{2})(?![\p{N}])/iuy;
const ALIAS_RE = new RegExp(
  `(?<![a-z0-9])(${[...ALIAS_TO_CODE.keys()]
    .sort((a, b) => b.length - a.length)
    .map((a) => a.replace(/ /g, '\\s+'))
    .join('|')})\\s*(?:(so)\\s*:?\\s*)?(\\d{1,5})(?![0-9])`,
  'g',
);
/** A type name written with a capital ("Luật", "LUẬT", not "pháp luật"), for the context of a number. */
const TYPE_NAME_RE = new RegExp(
  `(?<![\\p{L}])(${[...DOC_TYPES.map((t) => t.nameVi), 'Thông tư liên tịch']
    .sort((a, b) => b.length - a.length)
    .map(capitalisedPattern)
    .join('|')})(?![\\p{L}])`,
  'gu',
);

/**
 * Lossy fold for matching: lower case, no diacritics, đ → d. Same as `foldDiacritics` + lower case.
 *
 * @example foldVietnamese('Nghị định') // 'nghi dinh'
 */
export function foldVietnamese(text: string): string {
  return foldDiacritics(text.normalize('NFC').toLowerCase()).replace(/ð/g, 'd');
}

/**
 * Canonical form of a full document number, or null when `raw` is not one.
 *
 * NFC; "Số:" prefix and surrounding spaces dropped; symbol in capitals with Đ restored in the parts
 * that need it ("ND-CP" → "NĐ-CP", "HDND" → "HĐND") and "TTg" (Thủ tướng) kept as officially written;
 * spaces around "/" and "-" removed; serial kept as written ("02/2021/TT-BTC"). A symbol that is only a
 * type code ("61/2018/NĐ") is not a full number.
 *
 * @example canonicalDocNumber('61 / 2018 / nd-cp') // '61/2018/NĐ-CP'
 */
export function canonicalDocNumber(raw: string): string | null {
  return parseDocNumber(raw)?.canonical ?? null;
}

/** Takes a full number apart (serial, year, type code in the symbol, issuer); null when not one. */
export function parseDocNumber(raw: string): ParsedDocNumber | null {
  const s = raw
    .normalize('NFC')
    .trim()
    .replace(/^số\s*:?\s*/iu, '')
    .replace(/[.,;]$/, '');
  HEAD_AT_RE.lastIndex = 0;
  const head = HEAD_AT_RE.exec(s);
  if (!head) return null;
  const symbol = readSymbol(s, HEAD_AT_RE.lastIndex, 'exact');
  if (!symbol || s.slice(symbol.end).trim() !== '') return null;
  return buildNumber(head[1], head[2], symbol.segments);
}

/**
 * Every full document number in running text, in order, with offsets ("Nghị định số 61/2018/NĐ-CP",
 * "Luật số: 22/2008/QH12", "4599/QĐ-UBND"). Expects NFC text, as the loaders produce. Partial
 * references ("Nghị định 61") are not mentions; use {@link parseDocReference} for queries.
 */
export function findDocNumbers(text: string): DocNumberMention[] {
  const mentions: DocNumberMention[] = [];
  for (const found of scanFullNumbers(text, 'text')) {
    const context = typeBefore(text, found.start);
    const parsed = found.parsed;
    mentions.push({
      start: found.start,
      end: found.end,
      phraseStart: context?.phraseStart ?? found.start,
      text: text.slice(found.start, found.end),
      canonical: parsed.canonical,
      serial: parsed.serial,
      year: parsed.year,
      typeCode: parsed.typeCode ?? context?.typeCode,
      issuer: parsed.issuer,
    });
  }
  return mentions;
}

/**
 * References to documents in an official's query, in order: full numbers ("61/2018/NĐ-CP") and loose
 * ones led by a type name or its short form ("nghị định 61", "nghi dinh 61", "NĐ61/2018", "nd 61 2018",
 * "qd 4599", "luật 22/2008"). Any case, with or without diacritics.
 *
 * It does not fire on ordinary numbers ("Điều 61", "năm 2018", "85%"), nor on a bare "61/2018" (it may be
 * a month). A lone year-like number after a type name ("Luật 2008", "kế hoạch 2022–2030") is taken as a
 * year, not a serial, unless "số" precedes it.
 *
 * @example parseDocReference('nd 61/2018 quy định gì') // [{ serial: '61', year: '2018', typeCode: 'NĐ', start: 0, end: 10 }]
 */
export function parseDocReference(query: string): DocReference[] {
  const { folded, offsets } = foldWithOffsets(query);
  const refs: DocReference[] = [];
  for (const m of folded.matchAll(ALIAS_RE)) {
    const matchEnd = m.index + m[0].length;
    const serialStart = offsets[matchEnd - m[3].length];
    const ref = extendReference(query, serialStart, offsets[matchEnd], ALIAS_TO_CODE.get(m[1].replace(/\s+/g, ' ')), !!m[2]);
    if (ref) refs.push({ ...ref, start: offsets[m.index] });
  }
  for (const found of scanFullNumbers(query, 'query')) {
    if (refs.some((r) => r.start < found.end && found.start < r.end)) continue;
    const p = found.parsed;
    refs.push({ serial: p.serial, ...(p.year && { year: p.year }), ...(p.typeCode && { typeCode: p.typeCode }), canonical: p.canonical, start: found.start, end: found.end });
  }
  return refs.sort((a, b) => a.start - b.start);
}

/**
 * Numbers written bare as "serial/year" ("107/2021 hết hiệu lực chưa"), as officials type a document they
 * know. Only serials above 12 count (a smaller one may be a month: "12/2025"), a year from 1945 to 2099, and
 * nothing glued on either side (not part of a date "1/7/2025" or of a full number). Ambiguous alone: callers
 * keep one when it matches an indexed document, or (intents) when the question asks whether it is in force.
 *
 * @example parseBareDocNumbers('107/2021 het hieu luc chua') // [{ serial: '107', year: '2021', start: 0, end: 8 }]
 */
export function parseBareDocNumbers(query: string): DocReference[] {
  const refs: DocReference[] = [];
  for (const m of query.normalize('NFC').matchAll(/(?<![\p{L}\p{N}/.\-])(\d{1,5})\s*\/\s*(19[4-9]\d|20\d\d)(?![\p{L}\p{N}/\-])/gu)) {
    const serial = m[1];
    if (Number(serial) <= 12) continue;
    refs.push({ serial, year: m[2], start: m.index, end: m.index + m[0].length });
  }
  return refs;
}

/**
 * Whether a (possibly partial) reference names the document with this number. Serials compare without
 * leading zeros; a year or type the reference gives must agree, but a number without a year ("76/NQ-CP")
 * cannot contradict one. A number whose symbol carries no type ("22/2008/QH12") accepts the types its
 * issuer makes: Luật, Nghị quyết, Bộ luật, Hiến pháp for QH; Pháp lệnh, Nghị quyết for UBTVQH; Công văn
 * otherwise.
 */
export function matchesDocNumber(ref: DocReference, canonicalNumber: string): boolean {
  const doc = parseDocNumber(canonicalNumber);
  if (!doc) return false;
  if (ref.canonical) return ref.canonical === doc.canonical;
  if (stripZeros(ref.serial) !== stripZeros(doc.serial)) return false;
  if (ref.year && doc.year && ref.year !== doc.year) return false;
  return !ref.typeCode || typeCompatible(ref.typeCode, doc);
}

/** The type whose name or alias (any case, with or without diacritics) is `name`, e.g. "Nghị định". */
export function docTypeByName(name: string): DocType | undefined {
  const f = foldVietnamese(name).replace(/[\s_-]+/g, ' ').trim();
  return DOC_TYPES.find((t) => t.aliases.includes(f) || foldVietnamese(t.code) === f);
}

function typeCompatible(type: DocTypeCode, doc: ParsedDocNumber): boolean {
  if (doc.typeCode) return doc.typeCode === type;
  if (/^QH\d*$/.test(doc.issuer)) return ['QH', 'NQ', 'BL', 'HP'].includes(type);
  if (/^UBTVQH\d*$/.test(doc.issuer)) return type === 'PL' || type === 'NQ';
  return type === 'CV';
}

function stripZeros(serial: string): string {
  return serial.replace(/^0+(?=\d)/, '');
}

function extendReference(
  query: string,
  serialStart: number,
  serialEnd: number,
  type: DocTypeCode | undefined,
  explicitNumber: boolean,
): Omit<DocReference, 'start'> | null {
  const serial = query.slice(serialStart, serialEnd);
  if (/^\s*%/.test(query.slice(serialEnd))) return null;
  const full = fullNumberAt(query, serialStart, 'query');
  if (full) {
    const p = full.parsed;
    return { serial, ...(p.year && { year: p.year }), typeCode: p.typeCode ?? type, canonical: p.canonical, end: full.end };
  }
  const yearLike = /^(?:19|20)\d{2}$/.test(serial);
  YEAR_AFTER_RE.lastIndex = serialEnd;
  const year = YEAR_AFTER_RE.exec(query);
  if (year) return yearLike ? null : { serial, year: year[1], ...(type && { typeCode: type }), end: YEAR_AFTER_RE.lastIndex };
  if (yearLike && !explicitNumber) return null;
  return { serial, ...(type && { typeCode: type }), end: serialEnd };
}

interface FoundNumber {
  start: number;
  end: number;
  parsed: ParsedDocNumber;
}

function* scanFullNumbers(text: string, mode: SymbolMode): Generator<FoundNumber> {
  for (const head of text.matchAll(HEAD_RE)) {
    const symbol = readSymbol(text, head.index + head[0].length, mode);
    if (symbol) yield { start: head.index, end: symbol.end, parsed: buildNumber(head[1], head[2], symbol.segments) };
  }
}

function fullNumberAt(text: string, pos: number, mode: SymbolMode): FoundNumber | null {
  HEAD_AT_RE.lastIndex = pos;
  const head = HEAD_AT_RE.exec(text);
  if (!head) return null;
  const symbol = readSymbol(text, HEAD_AT_RE.lastIndex, mode);
  return symbol ? { start: pos, end: symbol.end, parsed: buildNumber(head[1], head[2], symbol.segments) } : null;
}

function buildNumber(serial: string, year: string | undefined, segments: readonly string[]): ParsedDocNumber {
  const parts = segments.map(canonicalSegment);
  const type = parts.length >= 2 ? SYMBOL_TYPE.get(parts[0]) : undefined;
  return {
    canonical: `${serial}/${year ? `${year}/` : ''}${parts.join('-')}`,
    serial,
    year,
    typeCode: type,
    issuer: (type ? parts.slice(1) : parts).join('-'),
  };
}

function canonicalSegment(segment: string): string {
  const upper = segment.replace(/[ðÐ]/g, 'Đ').toUpperCase();
  const plain = upper.replace(/Đ/g, 'D');
  if (plain === 'TTG') return 'TTg';
  return D_TO_DJ.get(plain) ?? upper;
}

/**
 * Reads the symbol ("NĐ-CP", "QH12", "PL-UBTVQH10") starting at `pos`. In running text every part after
 * the first must be in capitals, unless the first is a known type code; a dash with spaces around it
 * only joins a part in capitals, so "NĐ-CP - Điều 5" stops at "CP".
 */
function readSymbol(text: string, pos: number, mode: SymbolMode): { end: number; segments: string[] } | null {
  const first = readSegment(text, pos);
  if (!first) return null;
  const segments = [first.text];
  const firstIsType = SYMBOL_TYPE.has(canonicalSegment(first.text));
  let end = first.end;
  while (segments.length < 6) {
    DASH_RE.lastIndex = end;
    const dash = DASH_RE.exec(text);
    if (!dash) break;
    const next = readSegment(text, DASH_RE.lastIndex);
    if (!next) break;
    const spaced = dash[1] !== '' || dash[2] !== '';
    const upper = UPPER_SEGMENT_RE.test(next.text);
    if (!upper && ((spaced && mode !== 'exact') || (mode === 'text' && !firstIsType))) break;
    segments.push(next.text);
    end = next.end;
  }
  return symbolAcceptable(segments, mode, firstIsType) ? { end, segments } : null;
}

function readSegment(text: string, pos: number): { text: string; end: number } | null {
  SEGMENT_RE.lastIndex = pos;
  const m = SEGMENT_RE.exec(text);
  if (!m || m[0].length > 12) return null;
  const end = pos + m[0].length;
  if (end < text.length && WORD_CHAR_RE.test(text[end])) return null;
  return { text: m[0], end };
}

function symbolAcceptable(segments: readonly string[], mode: SymbolMode, firstIsType: boolean): boolean {
  if (segments.length === 1) {
    if (QH_SEGMENT_RE.test(segments[0])) return true;
    if (firstIsType) return false;
    return mode === 'exact' || (segments[0].length >= 2 && UPPER_SEGMENT_RE.test(segments[0]));
  }
  return mode === 'exact' || firstIsType || segments.every((s) => UPPER_SEGMENT_RE.test(s));
}

/** The type named shortly before a number in the same sentence ("Luật khiếu nại, tố cáo số 09/1998/QH10"). */
function typeBefore(text: string, start: number): { typeCode: DocTypeCode; phraseStart: number } | undefined {
  const windowStart = Math.max(0, start - 120);
  let window = text.slice(windowStart, start);
  const cut = Math.max(window.lastIndexOf('.'), window.lastIndexOf(';'), window.lastIndexOf('\n'));
  const offset = windowStart + cut + 1;
  window = window.slice(cut + 1);
  let last: RegExpMatchArray | undefined;
  for (const m of window.matchAll(TYPE_NAME_RE)) last = m;
  if (last?.index === undefined) return undefined;
  const tail = window.slice(last.index + last[0].length);
  if (!/^(?:\s+[^\d()]*?)?(?:\s+số\s*:?\s*|\s+)$/iu.test(tail)) return undefined;
  const typeCode = ALIAS_TO_CODE.get(foldVietnamese(last[0]).replace(/\s+/g, ' '));
  if (!typeCode) return undefined;
  const direct = /^\s+(?:số\s*:?\s*)?$/iu.test(tail);
  return { typeCode, phraseStart: direct ? offset + last.index : start };
}

/** Folds each character on its own, keeping for every folded index the original offset it came from. */
function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const f = code < 0x80 ? text[i].toLowerCase() : foldVietnamese(text[i]).replace(/[\u0300-\u036f]/g, '');
    for (let k = 0; k < f.length; k++) {
      folded += f[k];
      offsets.push(i);
    }
  }
  offsets.push(text.length);
  return { folded, offsets };
}

/** "Luật" → a pattern for "Luật", "LUẬT", "Luật" but not "luật" (as in "pháp luật"). */
function capitalisedPattern(name: string): string {
  return [...name]
    .map((c, i) => {
      if (c === ' ') return '\\s+';
      const lo = c.toLowerCase();
      const up = c.toUpperCase();
      if (i === 0 || lo === up) return i === 0 ? up : c;
      return `[${lo}${up}]`;
    })
    .join('');
}
