/**
 * Front-matter fields that place a document among the others: its kind (official text or team summary)
 * and its links — amended by, replaces, amends — each with the provisions concerned, which amendments its
 * text already includes (consolidated), plus a caution shown with every citation. Split from
 * ./front-matter.ts, which validates the basic fields.
 *
 * Value syntax (knowledge/README.md): entries separated by ";", each a document number optionally
 * followed by the provisions in parentheses, e.g.
 * `amended_by: 48/2013/NĐ-CP (Điều 1); 118/2025/NĐ-CP (Khoản 5 Điều 40)`.
 */
import type { DocumentKind, DocumentLink, DocumentMeta } from './legal-unit.js';
import { canonicalDocNumber, findDocNumbers, foldVietnamese } from '../text/doc-number.js';

/** The link fields this module validates, with the DocumentMeta key each one fills. */
const LINK_FIELDS = { amended_by: 'amendedBy', replaces: 'replaces', amends: 'amends' } as const;

/** Raw values of the fields handled here, by field name. */
export type LinkFieldValues = Partial<Record<'kind' | 'caution' | 'consolidated' | keyof typeof LINK_FIELDS, string>>;

/**
 * Accepted keys (folded: no diacritics, lower case, spaces as "_") for the fields handled here; merged
 * into the front-matter parser's alias table.
 */
export const LINK_KEY_ALIASES: Readonly<Record<string, keyof LinkFieldValues>> = {
  kind: 'kind', loai_ban: 'kind', ban: 'kind', hinh_thuc_ban: 'kind',
  amended_by: 'amended_by', sua_doi_boi: 'amended_by', duoc_sua_doi_boi: 'amended_by', sua_doi_bo_sung_boi: 'amended_by',
  replaces: 'replaces', thay_the: 'replaces', thay_the_van_ban: 'replaces',
  amends: 'amends', sua_doi: 'amends', sua_doi_van_ban: 'amends',
  caution: 'caution', luu_y: 'caution', canh_bao: 'caution',
  consolidated: 'consolidated', da_cap_nhat: 'consolidated', da_cap_nhat_theo: 'consolidated', cap_nhat_theo: 'consolidated', hop_nhat: 'consolidated',
};

/** "tóm lược", "summary", "bản tóm tắt" → summary; "văn bản gốc", "official", "toàn văn" → official. */
export function parseDocumentKind(text: string): DocumentKind | undefined {
  const f = foldVietnamese(text).replace(/[^a-z]+/g, ' ').trim();
  if (/^(summary|(ban )?tom (luoc|tat))$/.test(f)) return 'summary';
  if (/^(official|(van ban|ban) goc|toan van|van ban chinh thuc)$/.test(f)) return 'official';
  return undefined;
}

/**
 * Parses a list of links ("48/2013/NĐ-CP (Điều 1); 92/2017/NĐ-CP"). Each entry must start with a
 * recognisable document number; one that does not is kept as written and reported.
 */
export function parseDocumentLinks(value: string, field: string, problems: string[]): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const part of value.split(/\s*;\s*/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.*?)\s*(?:\(([^()]*)\))?$/u.exec(part);
    const head = (m?.[1] ?? part).trim();
    const articles = m?.[2]?.replace(/\s+/g, ' ').trim();
    const named = findDocNumbers(head);
    const number = canonicalDocNumber(head) ?? (named.length === 1 ? named[0].canonical : null);
    if (!number) problems.push(`${field} entry "${part}" does not start with a recognisable document number; kept as written`);
    links.push({ number: number ?? head, ...(articles && { articles }) });
  }
  return links;
}

/** Fills kind, links and caution on `meta` from raw values; every bad value becomes a problem. */
export function applyLinkFields(meta: DocumentMeta, values: LinkFieldValues, problems: string[]): void {
  if (values.kind !== undefined) {
    const kind = parseDocumentKind(values.kind);
    if (kind) meta.kind = kind;
    else problems.push(`kind "${values.kind}" not understood; use "tóm lược" (summary) or "văn bản gốc" (official)`);
  }
  for (const [field, key] of Object.entries(LINK_FIELDS) as Array<[keyof typeof LINK_FIELDS, 'amendedBy' | 'replaces' | 'amends']>) {
    const raw = values[field];
    if (raw === undefined) continue;
    const links = parseDocumentLinks(raw, field, problems);
    if (links.length) meta[key] = links;
  }
  if (values.caution) meta.caution = values.caution.replace(/\s+/g, ' ').trim();
  if (values.consolidated !== undefined) {
    const amending = new Set((meta.amendedBy ?? []).map((l) => l.number));
    const included = parseDocumentLinks(values.consolidated, 'consolidated', problems).map((l) => l.number);
    const strays = included.filter((n) => !amending.has(n));
    if (strays.length) problems.push(`consolidated names ${strays.join(', ')}, which amended_by does not list; ignored`);
    const kept = included.filter((n) => amending.has(n));
    if (kept.length) meta.consolidated = kept;
  }
  if (meta.replaces?.some((l) => l.number === meta.number) || meta.amends?.some((l) => l.number === meta.number)) {
    problems.push('the document names itself in replaces/amends');
  }
}

/** "48/2013/NĐ-CP (Điều 1), 118/2025/NĐ-CP (Khoản 5 Điều 40)": links as an official reads them. */
export function formatLinks(links: readonly DocumentLink[]): string {
  return links.map((l) => (l.articles ? `${l.number} (${l.articles})` : l.number)).join(', ');
}
