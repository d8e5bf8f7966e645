/**
 * Validates a document's front matter (the `key: value` block admins put at the top of a knowledge
 * file) into {@link DocumentMeta}, filling gaps from the document's own header.
 *
 * Header layout (thể thức; for administrative documents Nghị định 30/2020/NĐ-CP, Phụ lục I, and the laws
 * in shared/corpus follow the same order): issuer and national motto, then "Số: 61/2018/NĐ-CP" (laws:
 * "Luật số: 22/2008/QH12", Luật 80/2015/QH13 Điều 10 khoản 3), the place and date ("Hà Nội, ngày 13
 * tháng 11 năm 2008"), the type in capitals ("NGHỊ ĐỊNH", "LUẬT") and the trích yếu (what it is about).
 */
import type { DocumentMeta, ValidityStatus } from './legal-unit.js';
import { canonicalDocNumber, docTypeByName, findDocNumbers, foldVietnamese, parseDocNumber } from '../text/doc-number.js';
import type { DocTypeCode } from '../text/doc-number.js';
import { applyLinkFields, LINK_KEY_ALIASES } from './document-links.js';
import type { LinkFieldValues } from './document-links.js';

/** What the caller knows about the file when the front matter leaves a field out. */
export interface FrontMatterFallback {
  /** Path relative to the knowledge folder; its name is the last resort for title and number. */
  relPath: string;
  /** The first lines of the document text (about 40 are read). */
  firstLines: string[];
}

/** The result of {@link parseFrontMatter}. */
export interface ParsedFrontMatter {
  meta: DocumentMeta;
  /** Document type, from `doc_type`, the number or the header; DocumentMeta has no field for it. */
  docType?: DocTypeCode;
  /** One English sentence per problem, for the reindex report. Never fatal. */
  problems: string[];
}

type BasicField = 'number' | 'title' | 'doc_type' | 'issuer' | 'issued' | 'effective' | 'status' | 'replaced_by' | 'source_url' | 'note';
type Field = BasicField | keyof LinkFieldValues;

/** Accepted keys, folded (no diacritics, lower case, spaces as "_"), with the field each one sets. */
const KEY_ALIASES: Readonly<Record<string, Field>> = {
  number: 'number', so_hieu: 'number', so: 'number', so_ky_hieu: 'number',
  title: 'title', ten: 'title', tieu_de: 'title', trich_yeu: 'title', ten_van_ban: 'title',
  doc_type: 'doc_type', type: 'doc_type', loai: 'doc_type', loai_van_ban: 'doc_type',
  issuer: 'issuer', co_quan_ban_hanh: 'issuer', co_quan: 'issuer',
  issued: 'issued', issued_date: 'issued', ngay_ban_hanh: 'issued',
  effective: 'effective', effective_date: 'effective', ngay_hieu_luc: 'effective', ngay_co_hieu_luc: 'effective',
  status: 'status', tinh_trang: 'status', trang_thai: 'status', tinh_trang_hieu_luc: 'status', hieu_luc: 'status',
  replaced_by: 'replaced_by', thay_the_boi: 'replaced_by', bi_thay_the_boi: 'replaced_by', van_ban_thay_the: 'replaced_by',
  source_url: 'source_url', url: 'source_url', nguon: 'source_url', link: 'source_url',
  note: 'note', ghi_chu: 'note',
  ...LINK_KEY_ALIASES,
};

const STATUS_LABELS_VI: Readonly<Record<ValidityStatus, string>> = {
  in_force: 'còn hiệu lực',
  partly_expired: 'hết hiệu lực một phần',
  expired: 'hết hiệu lực',
  replaced: 'đã bị thay thế',
  not_yet_in_force: 'chưa có hiệu lực',
  unknown: 'chưa rõ hiệu lực',
};

/**
 * Validated metadata from raw front matter. Keys are matched case-insensitively, with or without
 * diacritics, in English or Vietnamese (`so_hieu`, `số hiệu`, `tình trạng`…). Bad values are dropped or
 * kept as written, and each becomes a problem; nothing throws. A missing title or number is taken from
 * the document's header lines, then from the file name.
 *
 * @example
 * parseFrontMatter({ 'số hiệu': '61/2018/ND-CP', 'tình trạng': 'đã bị thay thế' }, { relPath: 'nd-61.md', firstLines: [] })
 * // meta: { number: '61/2018/NĐ-CP', status: 'replaced', statusNote: 'đã bị thay thế', title: … }
 */
export function parseFrontMatter(raw: Record<string, string>, fallback: FrontMatterFallback): ParsedFrontMatter {
  const problems: string[] = [];
  const fields = collectFields(raw, problems);
  const header = readHeader(fallback.firstLines);
  const meta: DocumentMeta = { number: '', title: '', status: 'unknown' };

  meta.number = fields.number !== undefined ? validNumber(fields.number, problems) : (header.number ?? '');
  if (!meta.number && fields.number === undefined) {
    meta.number = numberFromFileName(fallback.relPath) ?? '';
    if (meta.number) problems.push(`no number in front matter or header; "${meta.number}" taken from the file name`);
  }
  meta.title = collapse(fields.title ?? '') || header.title || '';
  if (!meta.title) {
    meta.title = titleFromFileName(fallback.relPath);
    problems.push(`no title in front matter or header; "${meta.title}" taken from the file name`);
  }
  if (fields.issuer) meta.issuer = collapse(fields.issuer);
  setDate(meta, 'issuedDate', fields.issued, 'issued', problems);
  if (!meta.issuedDate && fields.issued === undefined && header.issued) meta.issuedDate = header.issued;
  setDate(meta, 'effectiveDate', fields.effective, 'effective', problems);
  if (meta.issuedDate && meta.effectiveDate && meta.effectiveDate < meta.issuedDate) {
    problems.push(`effective date ${meta.effectiveDate} is before the issued date ${meta.issuedDate}`);
  }
  setStatus(meta, fields.status, problems);
  setReplacedBy(meta, fields.replaced_by, problems);
  setSourceUrl(meta, fields.source_url, problems);
  applyLinkFields(meta, fields, problems);
  const docType = resolveDocType(fields.doc_type, meta.number, header.docType, problems);
  return { meta, ...(docType && { docType }), problems };
}

/** The Vietnamese label an official reads for a status, with full diacritics ("đã bị thay thế"). */
export function statusLabelVi(status: ValidityStatus): string {
  return STATUS_LABELS_VI[status];
}

/** True when the document may be cited as current law: in force, or in force apart from some parts. */
export function isCurrent(meta: Pick<DocumentMeta, 'status'>): boolean {
  return meta.status === 'in_force' || meta.status === 'partly_expired';
}

/**
 * Maps a status as admins write it to a {@link ValidityStatus}; undefined when not recognised. Accepts
 * the English codes and Vietnamese free text with or without diacritics ("con hieu luc").
 */
export function parseValidityStatus(text: string): ValidityStatus | undefined {
  const f = foldVietnamese(text).replace(/[^a-z0-9_]+/g, ' ').trim();
  const code = f.replace(/[\s-]+/g, '_');
  if (code in STATUS_LABELS_VI) return code as ValidityStatus;
  // Order matters: "một phần" qualifies any verb; "chưa có hiệu lực" contains "có hiệu lực"; "không
  // còn hiệu lực" contains "còn hiệu lực"; "bị thay thế bởi Luật sửa đổi…" is a replacement.
  if (/\bmot phan\b/.test(f)) return 'partly_expired';
  if (/\bchua (co )?hieu luc\b/.test(f)) return 'not_yet_in_force';
  if (/\bthay the\b/.test(f)) return 'replaced';
  if (/\b(het hieu luc|khong con hieu luc|bai bo|huy bo)\b/.test(f)) return 'expired';
  if (/\b(sua doi|bo sung)\b/.test(f)) return 'partly_expired';
  if (/\b(con|dang co|co) hieu luc\b|\bhien hanh\b/.test(f)) return 'in_force';
  if (/^(chua ro|khong ro|khong xac dinh|chua xac dinh)\b/.test(f)) return 'unknown';
  return undefined;
}

/**
 * An ISO date (YYYY-MM-DD) from "2018-04-23", "23/4/2018", "23-04-2018", "23.4.2018" or
 * "ngày 23 tháng 4 năm 2018"; undefined when not a real date.
 */
export function parseVietnameseDate(text: string): string | undefined {
  const f = foldVietnamese(text).replace(/\s+/g, ' ').trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(f);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(f) ?? /^(?:ngay )?(\d{1,2}) thang (\d{1,2}) nam (\d{4})$/.exec(f);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : undefined;
  if (!parts) return undefined;
  const [y, m, d] = parts.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && y >= 1900 && y <= 2100 ? date.toISOString().slice(0, 10) : undefined;
}

function collectFields(raw: Record<string, string>, problems: string[]): Partial<Record<Field, string>> {
  const fields: Partial<Record<Field, string>> = {};
  const from: Partial<Record<Field, string>> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = KEY_ALIASES[foldVietnamese(key).trim().replace(/[\s-]+/g, '_')];
    if (!field) {
      problems.push(`unknown front-matter key "${key}" ignored; known keys: ${[...new Set(Object.values(KEY_ALIASES))].join(', ')}`);
      continue;
    }
    const v = String(value ?? '').normalize('NFC').trim();
    if (!v) continue;
    if (fields[field] !== undefined) {
      problems.push(`"${key}" repeats ${field} already given as "${from[field]}"; the first is kept`);
      continue;
    }
    fields[field] = v;
    from[field] = key;
  }
  return fields;
}

function validNumber(value: string, problems: string[]): string {
  const canonical = canonicalDocNumber(value) ?? singleMention(value);
  if (canonical) return canonical;
  problems.push(`number "${value}" is not a recognisable document number (like 61/2018/NĐ-CP); kept as written`);
  return collapse(value);
}

/** The number in "Nghị định số 61/2018/NĐ-CP", when the value names exactly one. */
function singleMention(value: string): string | undefined {
  const found = findDocNumbers(value);
  return found.length === 1 ? found[0].canonical : undefined;
}

function setDate(meta: DocumentMeta, key: 'issuedDate' | 'effectiveDate', value: string | undefined, name: string, problems: string[]): void {
  if (value === undefined) return;
  const iso = parseVietnameseDate(value);
  if (iso) meta[key] = iso;
  else problems.push(`${name} date "${value}" is not a valid date (use 2018-04-23, 23/4/2018 or "ngày 23 tháng 4 năm 2018"); dropped`);
}

function setStatus(meta: DocumentMeta, value: string | undefined, problems: string[]): void {
  if (value === undefined) return;
  meta.statusNote = value;
  const status = parseValidityStatus(value);
  meta.status = status ?? 'unknown';
  if (!status) {
    problems.push(
      `status "${value}" not understood; treated as unknown. Use one of: ${Object.values(STATUS_LABELS_VI).join(', ')} (or ${Object.keys(STATUS_LABELS_VI).join(', ')})`,
    );
  }
}

function setReplacedBy(meta: DocumentMeta, value: string | undefined, problems: string[]): void {
  if (value === undefined) {
    // "bị thay thế bởi Nghị định 118/2025/NĐ-CP" already names the replacement.
    const named = meta.status === 'replaced' && meta.statusNote ? findDocNumbers(meta.statusNote) : [];
    if (named.length) meta.replacedBy = named.map((m) => m.canonical).join(', ');
    return;
  }
  const parts = value.split(/[,;\n]|\s+và\s+/u).map((p) => p.trim()).filter(Boolean);
  meta.replacedBy = parts
    .map((p) => {
      const canonical = canonicalDocNumber(p) ?? singleMention(p);
      if (!canonical) problems.push(`replaced_by "${p}" is not a recognisable document number; kept as written`);
      return canonical ?? collapse(p);
    })
    .join(', ');
  if (meta.status === 'in_force' || meta.status === 'not_yet_in_force') {
    problems.push(`replaced_by is given but the status is "${statusLabelVi(meta.status)}"`);
  }
}

function setSourceUrl(meta: DocumentMeta, value: string | undefined, problems: string[]): void {
  if (value === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) meta.sourceUrl = url.href;
  else problems.push(`source_url "${value}" is not an http(s) address; dropped`);
}

function resolveDocType(value: string | undefined, number: string, fromHeader: DocTypeCode | undefined, problems: string[]): DocTypeCode | undefined {
  if (value !== undefined) {
    const type = docTypeByName(value);
    if (type) return type.code;
    problems.push(`doc_type "${value}" not recognised; known types: Luật, Bộ luật, Hiến pháp, Pháp lệnh, Nghị định, Nghị quyết, Quyết định, Thông tư, Chỉ thị, Công văn, Kế hoạch, Thông báo, Văn bản hợp nhất`);
  }
  return parseDocNumber(number)?.typeCode ?? fromHeader;
}

interface HeaderFacts {
  number?: string;
  title?: string;
  issued?: string;
  docType?: DocTypeCode;
}

const TYPE_HEADINGS = ['HIẾN PHÁP', 'BỘ LUẬT', 'LUẬT', 'PHÁP LỆNH', 'NGHỊ ĐỊNH', 'NGHỊ QUYẾT', 'QUYẾT ĐỊNH', 'THÔNG TƯ LIÊN TỊCH', 'THÔNG TƯ', 'CHỈ THỊ', 'KẾ HOẠCH', 'THÔNG BÁO', 'CÔNG VĂN', 'VĂN BẢN HỢP NHẤT'];
const TYPE_LINE_RE = new RegExp(`^(${TYPE_HEADINGS.join('|')})(?:\\s+(.+))?$`, 'u');
/** Lines that end the trích yếu: the issuing authority's line, the căn cứ, the first structural unit. */
const AFTER_TITLE_RE = /^(?:căn cứ|theo đề nghị|chương|phần|mục|điều|chính phủ|quốc hội|chủ tịch|bộ trưởng|thủ tướng|ủy ban|uỷ ban|hội đồng|tổng kiểm toán|chánh án|viện trưởng|thống đốc)\b/iu;
const SKIP_LINE_RE = /^(?:cộng hòa|cộng hoà|độc lập|số\s*:|[-_=.*–—\s]*$)|\bsố\s*:|, ngày \d/iu;
const PLACE_DATE_RE = /,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;

/** Number, title, issue date and type read from a document's header lines. */
function readHeader(lines: readonly string[]): HeaderFacts {
  const head = lines.slice(0, 40).map((l) => l.normalize('NFC').replace(/\s+/g, ' ').trim());
  const facts: HeaderFacts = {};
  for (const line of head) {
    const after = /(?:^|\s)số\s*:\s*(.+)$/iu.exec(line)?.[1];
    if (after && !facts.number) facts.number = findDocNumbers(after).find((m) => m.start <= 1)?.canonical ?? canonicalDocNumber(after.split(' ')[0]) ?? undefined;
    const date = PLACE_DATE_RE.exec(line);
    if (date && !facts.issued) facts.issued = parseVietnameseDate(`${date[1]}/${date[2]}/${date[3]}`);
  }
  const typeIndex = head.findIndex((l) => l === l.toUpperCase() && TYPE_LINE_RE.test(l) && !/\bSỐ\b/u.test(l));
  if (typeIndex >= 0) {
    const [, typeName, rest] = TYPE_LINE_RE.exec(head[typeIndex]) ?? [];
    facts.docType = docTypeByName(typeName)?.code;
    facts.title = rest ? head[typeIndex] : titleAfterType(typeName, head.slice(typeIndex + 1));
  }
  facts.title ??= head.find((l) => l && !SKIP_LINE_RE.test(l) && !/^[\p{Lu}\s]+[-–—]{2,}/u.test(l))?.replace(/^#+\s*/, '');
  return facts;
}

/** "LUẬT" + "CÁN BỘ, CÔNG CHỨC" → "LUẬT CÁN BỘ, CÔNG CHỨC"; "QUYẾT ĐỊNH" + "Về việc…" → "Quyết định về việc…". */
function titleAfterType(typeName: string, following: readonly string[]): string | undefined {
  const first = following.find((l) => l !== '');
  if (!first || AFTER_TITLE_RE.test(first)) return undefined;
  const caps = first === first.toUpperCase();
  const parts = [first];
  for (const line of following.slice(following.indexOf(first) + 1, following.indexOf(first) + 4)) {
    if (!line || AFTER_TITLE_RE.test(line)) break;
    const continues = caps ? line === line.toUpperCase() : /^\p{Ll}/u.test(line);
    if (!continues) break;
    parts.push(line);
  }
  const summary = parts.join(' ');
  if (caps) return `${typeName} ${summary}`;
  const nameVi = docTypeByName(typeName)?.nameVi ?? typeName;
  return `${nameVi} ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`;
}

/** "22-2008-QH12.txt" → "22/2008/QH12"; "tt-02-2021-tt-btc-phi.pdf" → "02/2021/TT-BTC". */
function numberFromFileName(relPath: string): string | undefined {
  const base = baseName(relPath);
  const m = /(?:^|[-_. ])(\d{1,5})[-_.]((?:19|20)\d{2})[-_.]((?:ubtv)?qh\d{1,2}|[a-zđ]{2,4}[-_.][a-zđ]{2,8})(?=$|[-_. ])/iu.exec(base);
  if (!m) return undefined;
  const number = canonicalDocNumber(`${m[1]}/${m[2]}/${m[3].replace(/[_.]/g, '-')}`);
  const parsed = number ? parseDocNumber(number) : null;
  return parsed && (parsed.typeCode || /^(?:UBTV)?QH\d+$/.test(parsed.issuer)) ? number ?? undefined : undefined;
}

function titleFromFileName(relPath: string): string {
  return baseName(relPath).replace(/[-_]+/g, ' ').trim() || relPath;
}

function baseName(relPath: string): string {
  return (relPath.split('/').pop() ?? relPath).replace(/\.[^.]+$/, '');
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
