/**
 * Reads the roster of officials doing reform work from a CSV file (the export of a spreadsheet): one row
 * per official with name, unit, position and a phone number or an e-mail address. Headers are matched
 * without case or diacritics ("Họ và tên", "ho ten", "name"…); the unit is matched by id or by name from
 * `units.yaml`. Rows with a problem are reported with their line number and left out.
 */
import { createHash, randomInt } from 'node:crypto';
import { foldDiacritics } from '../text/vietnamese.js';
import type { Unit } from '../conversation/index.js';
import type { RosterEntry } from './ports.js';

/** Letters and digits that cannot be mistaken for one another (no I, O, 0, 1). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Length of a one-time link code. */
export const LINK_CODE_LENGTH = 6;

const HEADERS: Record<keyof Omit<RosterEntry, 'linkCode' | 'unitId'> | 'unit', RegExp> = {
  id: /^(id|ma|ma can bo|ma so)$/,
  name: /^(ho va ten|ho ten|ten|name|full name)$/,
  unit: /^(don vi|co quan|co quan don vi|co quan, don vi|unit)$/,
  position: /^(chuc vu|chuc danh|vi tri|position)$/,
  phone: /^(so dien thoai|dien thoai|sdt|phone)$/,
  email: /^(email|e-mail|thu dien tu)$/,
};

/** A random one-time code, e.g. "K7P2QX". */
export function newLinkCode(random: (max: number) => number = randomInt): string {
  return Array.from({ length: LINK_CODE_LENGTH }, () => CODE_ALPHABET[random(CODE_ALPHABET.length)]).join('');
}

/** "+84 912 345 678", "0912.345.678" → "0912345678"; null when it is not a phone number. */
export function normalizePhone(raw: string): string | null {
  let d = raw.replace(/[\s.()-]/g, '');
  if (d.startsWith('+84')) d = `0${d.slice(3)}`;
  else if (/^84\d{9}$/.test(d)) d = `0${d.slice(2)}`;
  return /^0\d{9,10}$/.test(d) ? d : null;
}

/** Parses CSV text (RFC 4180 quoting; comma or semicolon, whichever the header line uses; BOM ignored). */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/**
 * Turns the rows of a roster sheet (header row first) into roster entries with fresh link codes; each
 * entry's id is the given id, else its phone number, else its e-mail address.
 */
export function rosterFromRows(rows: readonly string[][], units: readonly Unit[], code: () => string = newLinkCode): { entries: RosterEntry[]; problems: string[] } {
  const problems: string[] = [];
  if (!rows.length) return { entries: [], problems: ['the file is empty'] };
  const header = rows[0].map((h) => foldDiacritics(h.normalize('NFC').trim().toLowerCase()).replace(/\s+/g, ' '));
  const col = Object.fromEntries(Object.entries(HEADERS).map(([k, re]) => [k, header.findIndex((h) => re.test(h))])) as Record<keyof typeof HEADERS, number>;
  for (const k of ['name', 'unit'] as const) {
    if (col[k] < 0) problems.push(`no "${k === 'name' ? 'Họ và tên' : 'Đơn vị'}" column in the header row`);
  }
  if (col.phone < 0 && col.email < 0) problems.push('no "Số điện thoại" or "Email" column in the header row');
  if (problems.length) return { entries: [], problems };
  const byName = new Map(units.map((u) => [foldDiacritics(u.name.toLowerCase()).replace(/\s+/g, ' '), u.id]));
  const entries: RosterEntry[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((r, k) => {
    const line = k + 2;
    const cell = (i: number) => (i >= 0 ? (r[i] ?? '').normalize('NFC').trim() : '');
    const name = cell(col.name);
    const unitRaw = cell(col.unit);
    const unitId = units.find((u) => u.id === unitRaw)?.id ?? byName.get(foldDiacritics(unitRaw.toLowerCase()).replace(/\s+/g, ' '));
    const phoneRaw = cell(col.phone);
    const phone = phoneRaw ? normalizePhone(phoneRaw) : null;
    const email = cell(col.email).toLowerCase() || null;
    if (!name) return void problems.push(`line ${line}: no name`);
    if (!unitId) return void problems.push(`line ${line}: unit "${unitRaw}" is not in units.yaml (use its id or its name)`);
    if (phoneRaw && !phone) return void problems.push(`line ${line}: "${phoneRaw}" is not a phone number`);
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return void problems.push(`line ${line}: "${email}" is not an e-mail address`);
    if (!phone && !email) return void problems.push(`line ${line}: a phone number or an e-mail address is needed`);
    const id = cell(col.id) || `r-${createHash('sha256').update(phone ?? email ?? '').digest('hex').slice(0, 12)}`;
    if (seen.has(id)) return void problems.push(`line ${line}: the same official (${phone ?? email}) is listed twice; later row skipped`);
    seen.add(id);
    entries.push({ id, name, unitId, position: cell(col.position), phone, email, linkCode: code() });
  });
  return { entries, problems };
}
