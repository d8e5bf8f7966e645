/**
 * Laws named by title in a question ("theo Luật Tiếp cận thông tin", "Bộ luật Dân sự 2015"): which
 * indexed documents they name, and whether the question names a law by title that the index does not
 * hold. Laws are cited by name far more often than by number; decrees and decisions by number (see
 * `doc-number.ts`).
 */
import { foldDiacritics } from '../text/vietnamese.js';
import type { DocumentMeta } from '../ingest/legal-unit.js';

/** What the question names by title. */
export interface TitleMatch {
  /** Indexed documents (by position in the list given) whose whole name the question writes. */
  found: Set<number>;
  /** True when the question writes a capitalised law name ("Luật Trồng trọt") that no indexed law has. */
  missing: boolean;
  /**
   * The first law the index lacks that the question names with its year, as written ("Luật Lưu trữ 2024"):
   * named that precisely, it is a document the bot can say it does not hold.
   */
  missingName?: string;
}

const TYPE = /^(bo luat|luat|hien phap)\b/;
/** "luật" inside "kỷ luật" (discipline) or "pháp luật" (the law at large), typed with marks or without, names no law. */
const MENTION = /(?<![\p{L}])(?<!(?:[Kk][ỷỶyY]|[Pp][Hh][áÁaA][Pp])\s+)(Bộ luật|BỘ LUẬT|Luật|LUẬT|luật|luat|Luat|Hiến pháp|hiến pháp|hien phap)\s+([^\n.?!;:()"“”]{1,120})/gu;
/** "lưu trữ 2024 quy định…": two words or more of a name, then a year (1945–2099), as laws are cited. */
const YEAR_AFTER_NAME = /^\p{L}+(?:\s+\p{L}+){1,6}\s+(?:năm\s+|nam\s+)?(?:19[4-9]\d|20\d\d)\b/u;
/** Words after "luật" that do not start a name ("luật này", "luật định", "luật cũ"). */
const GENERIC = new Set(['nay', 'do', 'dinh', 'cu', 'moi', 'hien', 'khac', 'quy', 'lien', 'chuyen', 'nao', 'gi', 'va', 've', 'co', 'thi', 'la', 'so', 'sua']);

/** Matches law names against the titles of the indexed documents. */
export class TitleMatcher {
  /** Per document: the folded words of its name (type word and years left out), or null for non-laws. */
  private readonly names: Array<string[] | null>;

  constructor(docs: readonly DocumentMeta[]) {
    this.names = docs.map((d) => {
      const f = foldWords(d.title);
      const m = TYPE.exec(f.join(' '));
      if (!m) return null;
      const name = f.slice(m[0].split(' ').length).filter((w) => !/^\d+$/.test(w) && w !== 'nam');
      return name.length ? name : null;
    });
  }

  /** The indexed laws the question names, and whether it names one the index lacks. */
  match(question: string): TitleMatch {
    const found = new Set<number>();
    let missing = false;
    let missingName: string | undefined;
    for (const m of question.matchAll(MENTION)) {
      const after = foldWords(m[2]);
      if (!after.length || GENERIC.has(after[0])) continue;
      let hit = false;
      this.names.forEach((name, i) => {
        if (name && name.length <= after.length && name.every((w, k) => after[k] === w)) {
          found.add(i);
          hit = true;
        }
      });
      // Only a capitalised name, or "Luật"/"Bộ luật" capitalised inside a sentence, is surely a title;
      // "luật đất đai" typed in lower case may be loose talk.
      // A name followed by its year ("luật lưu trữ 2024") is a title too, however it is typed.
      const dated = YEAR_AFTER_NAME.exec(m[2]);
      const titled = /^\p{Lu}/u.test(m[2]) || (/^\p{Lu}/u.test(m[1]) && (m.index ?? 0) > 0) || dated !== null;
      if (!hit && titled && after.length >= 2) {
        missing = true;
        if (dated && !missingName) missingName = displayName(m[1], dated[0]);
      }
    }
    return { found, missing, ...(missingName ? { missingName } : {}) };
  }
}

/**
 * A law's name as the reply writes it: "Luật lưu trữ 2024" from "luật lưu trữ 2024"; typed without
 * diacritics it is quoted as typed ("“luat luu tru 2024”"), since the reply cannot know the marks.
 */
function displayName(kind: string, rest: string): string {
  const typed = `${kind} ${rest}`.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (foldDiacritics(typed) === typed) return `“${typed.toLowerCase()}”`;
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1).toLowerCase()} ${rest}`;
}

function foldWords(text: string): string[] {
  return foldDiacritics(text.normalize('NFC').toLowerCase()).match(/[a-z0-9]+/g) ?? [];
}

