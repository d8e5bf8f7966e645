/**
 * Types for the ingestion pipeline: SourceFile → LoadedText → LegalDocument (tree of LegalUnit) → Chunk.
 *
 * Glossary of Vietnamese legal structure (Nghị định 30/2020/NĐ-CP, Phụ lục I; Luật Ban hành VBQPPL):
 * - Phần = part, Chương = chapter, Mục = section, Điều = article, Khoản = clause, Điểm = point.
 * - Khoản are numbered "1.", "2."; Điểm are lettered "a)", "b)", "đ)".
 */

/**
 * File formats the knowledge loaders understand (`doc` is read on a best-effort basis; `image` is a
 * PNG, JPEG or TIFF picture of a document page, read by OCR).
 */
export type SourceFormat = 'md' | 'txt' | 'html' | 'docx' | 'pdf' | 'doc' | 'image';

/** One file read from the knowledge folder, before any parsing. */
export interface SourceFile {
  /** Path relative to the knowledge folder, with forward slashes; the document's stable id. */
  relPath: string;
  format: SourceFormat;
  bytes: Uint8Array;
}

/** Plain text extracted by a loader: paragraphs separated by newlines, plus raw front matter if any. */
export interface LoadedText {
  text: string;
  /** Key/value metadata found in the file itself (Markdown front matter, HTML meta), unvalidated. */
  frontMatter: Record<string, string>;
  /** Non-fatal problems the loader noticed (e.g. "removed repeated table of contents"). */
  warnings: string[];
  /** Present when some of the text was recognised from scanned pages by OCR. */
  ocr?: OcrSummary;
}

/** What OCR contributed to a document, for the reindex report and the scan notice on answers. */
export interface OcrSummary {
  /** 1-based numbers of the pages recognised by OCR. */
  pages: number[];
  /** Mean engine confidence over those pages (0–100). */
  meanConfidence: number;
  /** Pages whose confidence is below the reporting threshold, with their confidence. */
  lowConfidence: Array<{ page: number; confidence: number }>;
}

/** Validity of a legal document, as officials speak of it. */
export type ValidityStatus =
  | 'in_force' // còn hiệu lực
  | 'partly_expired' // hết hiệu lực một phần / bị thay thế một phần / được sửa đổi, bổ sung
  | 'expired' // hết hiệu lực
  | 'replaced' // bị thay thế (toàn bộ)
  | 'not_yet_in_force' // chưa có hiệu lực
  | 'unknown'; // không rõ

/**
 * Whether a document file holds the official text (văn bản gốc, the default) or a team-written summary
 * (tóm lược) of it. A summary numbers its articles as the official text does (see knowledge/README.md).
 */
export type DocumentKind = 'official' | 'summary';

/**
 * Another document this one is linked to, with the provisions concerned as the official texts name them
 * ("Khoản 8 Điều 40"); e.g. 45/2020/NĐ-CP is amended by 118/2025/NĐ-CP (Khoản 8 Điều 40).
 */
export interface DocumentLink {
  /** Số hiệu in canonical form, e.g. "118/2025/NĐ-CP" (kept as written when not recognisable). */
  number: string;
  /** The provisions concerned, as written in the front matter ("Khoản 8 Điều 40"); absent when not given. */
  articles?: string;
}

/** Document metadata (front matter) as validated by {@link parseFrontMatter}. */
export interface DocumentMeta {
  /** Số hiệu, canonical form, e.g. "61/2018/NĐ-CP"; empty when the document has none. */
  number: string;
  title: string;
  issuer?: string;
  /** ISO date (YYYY-MM-DD). */
  issuedDate?: string;
  effectiveDate?: string;
  status: ValidityStatus;
  /** Free-text status as written by the admin, e.g. "bị thay thế bởi Nghị định 118/2025/NĐ-CP". */
  statusNote?: string;
  /** Number(s) of the document(s) that wholly replace this one, joined with ", ". */
  replacedBy?: string;
  sourceUrl?: string;
  /** Official text or team summary; absent means official (an admin's upload of the real text). */
  kind?: DocumentKind;
  /** Documents that amend, supplement or repeal parts of this one (sửa đổi, bổ sung, bãi bỏ một phần). */
  amendedBy?: DocumentLink[];
  /** Documents this one replaces wholly (the inverse of `replacedBy`). */
  replaces?: DocumentLink[];
  /** Documents this one amends in part (the inverse of `amendedBy`). */
  amends?: DocumentLink[];
  /**
   * Numbers (canonical) of amending documents whose changes this text already includes (`consolidated:` in
   * the front matter; each must be one of `amendedBy`): answers say the quoted text is up to date with them
   * instead of asking the official to compare it with them.
   */
  consolidated?: string[];
  /** A caution an official must read with any citation (e.g. an amendment the team could not check). */
  caution?: string;
  /** True when (part of) the text was recognised from a scan by OCR: answers carry a notice. */
  scanned?: boolean;
}

/** Kinds of structural unit, from the largest. */
export type UnitKind = 'part' | 'chapter' | 'section' | 'article' | 'clause' | 'point';

/** One node of a document's legal structure. */
export interface LegalUnit {
  kind: UnitKind;
  /** Number as written, normalised: "5a", "II", "2", "đ". */
  number: string;
  /** Heading text after the number ("Phạm vi điều chỉnh"); empty for clauses and points. */
  heading: string;
  /** The unit's own text (for clauses/points: the text after the number), excluding children. */
  text: string;
  children: LegalUnit[];
  /**
   * Summary articles only: the official provisions the article stands for, from its "Tương ứng văn bản gốc:"
   * line ("Khoản 2 Điều 17, Khoản 5 Điều 19"). Absent when the article summarises its own number alone.
   */
  officialRef?: string;
  /**
   * Summary sections whose official article number the team could not check ("Tóm lược: <title>" lines):
   * they are cited by their title, never by a number.
   */
  topic?: boolean;
}

/** A parsed document: metadata, the text before the first unit, and the unit tree. */
export interface LegalDocument {
  /** Stable id: the source file's relPath (or the eval passage id). */
  id: string;
  meta: DocumentMeta;
  /** Text before the first structural unit (header, preamble, căn cứ). */
  preamble: string;
  units: LegalUnit[];
  /** Parse problems worth showing an admin ("no Điều found", "Điều 7 appears twice"). */
  warnings: string[];
}

/** One heading on the path from the document root to a chunk. */
export interface HeadingRef {
  kind: UnitKind;
  number: string;
  heading: string;
  /** True for an unnumbered summary section (see {@link LegalUnit.topic}). */
  topic?: boolean;
}

/** The retrievable unit: an article, or part of an over-long article split at clauses. */
export interface Chunk {
  /** Unique id: `${docId}#${path}` e.g. "nd-61.md#D5" or "nd-61.md#D5.K2-3". */
  id: string;
  docId: string;
  /** Headings from the document root down to the article (Phần, Chương, Mục, Điều). */
  headings: HeadingRef[];
  /** Citation path in Vietnamese, smallest unit first: "Khoản 2 Điều 5", "Điều 5". */
  citationPath: string;
  /** Heading line of the article, e.g. "Điều 5. Nguyên tắc thực hiện". */
  title: string;
  text: string;
  /** Hash of title + text; lets a reindex reuse derived data (embeddings) for unchanged chunks. */
  hash: string;
  /** Official provisions a summary chunk stands for, when its article names them (see {@link LegalUnit.officialRef}). */
  officialRef?: string;
}
