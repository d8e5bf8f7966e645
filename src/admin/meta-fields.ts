/**
 * The document metadata an admin may edit (front matter keys), how an existing key maps to one of them,
 * and the validation of an edit before it is written to a file.
 */
import { AppError } from '../common/errors.js';
import { parseValidityStatus, parseVietnameseDate, statusLabelVi } from '../ingest/front-matter.js';
import type { ValidityStatus } from '../ingest/legal-unit.js';
import { canonicalDocNumber, foldVietnamese } from '../text/doc-number.js';

/** The editable front-matter keys, in the order they are written to a new block or sidecar. */
export const META_FIELDS = ['number', 'title', 'issuer', 'issued', 'effective', 'status', 'replaced_by', 'source_url'] as const;

/** One editable front-matter key. */
export type MetaField = (typeof META_FIELDS)[number];

/** An edit: each given field is set, an empty string removes it, an absent field is left alone. */
export type MetaPatch = Partial<Record<MetaField, string>>;

/** The current value of each editable field ('' when unset), for the edit form. */
export type MetaValues = Record<MetaField, string>;

/**
 * Keys the front-matter parser accepts for each editable field (folded: no diacritics, lower case,
 * spaces as "_"). Mirrors `KEY_ALIASES` in ingest/front-matter.ts, which does not export it; a unit test
 * checks that parseFrontMatter accepts every key listed here, so the two cannot drift apart silently.
 */
export const FIELD_ALIASES: Readonly<Record<MetaField, readonly string[]>> = {
  number: ['number', 'so_hieu', 'so', 'so_ky_hieu'],
  title: ['title', 'ten', 'tieu_de', 'trich_yeu', 'ten_van_ban'],
  issuer: ['issuer', 'co_quan_ban_hanh', 'co_quan'],
  issued: ['issued', 'issued_date', 'ngay_ban_hanh'],
  effective: ['effective', 'effective_date', 'ngay_hieu_luc', 'ngay_co_hieu_luc'],
  status: ['status', 'tinh_trang', 'trang_thai', 'tinh_trang_hieu_luc', 'hieu_luc'],
  replaced_by: ['replaced_by', 'thay_the_boi', 'bi_thay_the_boi', 'van_ban_thay_the'],
  source_url: ['source_url', 'url', 'nguon', 'link'],
};

const FIELD_OF = new Map<string, MetaField>(META_FIELDS.flatMap((f) => FIELD_ALIASES[f].map((a) => [a, f] as [string, MetaField])));

/** Longest accepted value of one field. */
const MAX_VALUE = 1000;

/** The editable field a front-matter key sets (`"Số hiệu"` → `number`), or undefined for other keys. */
export function fieldOfKey(key: string): MetaField | undefined {
  return FIELD_OF.get(foldVietnamese(key).trim().replace(/[\s-]+/g, '_'));
}

/** The current values of the editable fields in raw front matter (the first key of each field wins, as in the parser). */
export function metaValues(raw: Record<string, string>): MetaValues {
  const out = Object.fromEntries(META_FIELDS.map((f) => [f, ''])) as MetaValues;
  for (const [key, value] of Object.entries(raw)) {
    const field = fieldOfKey(key);
    if (field && out[field] === '') out[field] = String(value ?? '').trim();
  }
  return out;
}

/**
 * Checks and normalises an edit: dates become ISO (`23/4/2018` → `2018-04-23`), a recognisable number
 * its canonical form, whitespace is collapsed. Every problem is reported at once.
 *
 * @throws AppError INVALID_INPUT for a body that is not an object of strings or names an unknown key;
 *   FRONT_MATTER_INVALID (422) for a bad date, status or URL.
 */
export function validateMetaPatch(input: unknown): MetaPatch {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError('INVALID_INPUT', `metadata must be an object with some of: ${META_FIELDS.join(', ')}`);
  }
  const patch: MetaPatch = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (!(META_FIELDS as readonly string[]).includes(key)) {
      throw new AppError('INVALID_INPUT', `unknown metadata key "${key.slice(0, 40)}"; allowed: ${META_FIELDS.join(', ')}`);
    }
    if (value !== null && typeof value !== 'string') throw new AppError('INVALID_INPUT', `${key} must be a string`);
    const text = (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
    if (text.length > MAX_VALUE) {
      problems.push(`${key} is longer than ${MAX_VALUE} characters`);
      continue;
    }
    const normalised = text === '' ? '' : normaliseValue(key as MetaField, text, problems);
    if (normalised !== undefined) patch[key as MetaField] = normalised;
  }
  if (problems.length) throw new AppError('FRONT_MATTER_INVALID', problems.join('; '));
  return patch;
}

function normaliseValue(field: MetaField, text: string, problems: string[]): string | undefined {
  switch (field) {
    case 'number':
      return canonicalDocNumber(text) ?? text;
    case 'issued':
    case 'effective': {
      const iso = parseVietnameseDate(text);
      if (!iso) problems.push(`${field} "${text}" is not a valid date (use 2018-04-23, 23/4/2018 or "ngày 23 tháng 4 năm 2018")`);
      return iso;
    }
    case 'status':
      if (parseValidityStatus(text)) return text;
      problems.push(`status "${text}" is not understood; use one of: ${STATUS_CHOICES.map((s) => statusLabelVi(s)).join(', ')}`);
      return undefined;
    case 'source_url':
      if (isHttpUrl(text)) return text;
      problems.push(`source_url "${text.slice(0, 200)}" is not an http(s) address`);
      return undefined;
    default:
      return text;
  }
}

/** The statuses the edit form offers, in order. */
export const STATUS_CHOICES: readonly ValidityStatus[] = ['in_force', 'partly_expired', 'not_yet_in_force', 'replaced', 'expired', 'unknown'];

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
