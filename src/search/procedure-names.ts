/**
 * A specific administrative procedure a question names ("thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ", "cấp
 * giấy chứng nhận quyền sử dụng đất lần đầu", "đăng ký khai sinh") and asks the particulars of: its time limit,
 * dossier, fee, place or issuing body. The knowledge holds the general rules for handling procedures (NĐ
 * 118/2025 and the like) and a few procedures of its own field; the particulars of a land, building or civil
 * status procedure are set by the law of that field. When the name holds two words that no passage writes side
 * by side ("riêng lẻ", "sử dụng đất"), the index does not hold the procedure: a general clause on time limits is
 * no answer to "… thì thời hạn giải quyết tối đa bao nhiêu ngày" for it.
 *
 * Everything here is on folded words (no diacritics, lower case); the name is returned as typed.
 */
import { askedFacts, asksMoney } from '../text/question-facts.js';
import { foldDiacritics } from '../text/vietnamese.js';

/** A procedure named in a question: its folded words after the starting phrase, and the whole name as typed. */
export interface ProcedureName {
  /** Folded words after the starting phrase: "phep xay dung nha o rieng le" of "cấp giấy phép xây dựng nhà ở riêng lẻ". */
  object: string[];
  written: string;
}

/**
 * Words that start a procedure's name, folded, as sequences: "cấp giấy …", "cấp phép …", "cấp sổ …", "cấp thẻ
 * …", "cấp chứng chỉ …", "đăng ký …", "thủ tục …" ("cấp" alone is mostly a level: "cấp xã").
 */
const STARTS: readonly (readonly string[])[] = [
  ['cap', 'giay'],
  ['cap', 'phep'],
  ['cap', 'so'],
  ['cap', 'the'],
  ['cap', 'chung', 'chi'],
  ['cap', 'lai'],
  ['cap', 'doi'],
  ['dang', 'ky'],
  ['thu', 'tuc'],
];

/** Words that end a name: the question goes on ("… thì", "… mất bao lâu", "… cần giấy tờ gì", "… ở đâu"). */
const ENDS = new Set(
  'thi la mat bao can co o tai duoc dc phai trong may gom nhung cac cua theo khi de va hay nao gi j ko k khong a ah nhi vay nhe ntn the nhu het toi da thieu lau bn tu den qua luc ngay muc'.split(' '),
);

/** Most words of a name kept; a longer run is a sentence, not a name. */
const MAX_WORDS = 12;

/**
 * The procedure the question names after a starting phrase ({@link STARTS}), up to the word that ends it
 * ({@link ENDS}); undefined when none, or when fewer than two words follow the starting phrase.
 */
export function procedureNamed(question: string): ProcedureName | undefined {
  const typed = question.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const folded = typed.map((w) => foldDiacritics(w.toLowerCase()));
  for (let i = 0; i < folded.length; i++) {
    const start = STARTS.find((s) => s.every((w, k) => folded[i + k] === w));
    if (!start) continue;
    // "thủ tục hành chính" is the general term, not one procedure's name.
    if (start[0] === 'thu' && folded[i + 2] === 'hanh' && folded[i + 3] === 'chinh') continue;
    let j = i + start.length;
    // "ở" ends the name ("nộp ở đâu") except in "nhà ở".
    const ends = (k: number) => ENDS.has(folded[k]) && !(folded[k] === 'o' && folded[k - 1] === 'nha');
    while (j < folded.length && j - i < MAX_WORDS && !ends(j)) j++;
    if (j - (i + start.length) < 2) continue;
    return { object: folded.slice(i + start.length, j), written: typed.slice(i, j).join(' ') };
  }
  return undefined;
}

/**
 * Whether the question asks a particular of a procedure: how long, how many days, which papers, how much, where,
 * who issues it.
 */
export function asksParticulars(question: string): boolean {
  const asked = askedFacts(question);
  return asksMoney(question) || asked.some((k) => k === 'quantity' || k === 'time' || k === 'who' || k === 'list' || k === 'place');
}

/**
 * The procedure a question asks the particulars of when the index does not hold it: two words of its name after
 * the starting phrase that no passage writes side by side, both of which the index knows (a typo is no new pair). `pairSeen(a, b)` and
 * `wordSeen(w)` read the index.
 */
export function absentProcedure(question: string, pairSeen: (a: string, b: string) => boolean, wordSeen: (w: string) => boolean): ProcedureName | undefined {
  const name = procedureNamed(question);
  if (!name || !asksParticulars(question)) return undefined;
  // Pairs inside the name only: "thủ tục cấp tỉnh" joins two phrases the text may never write side by side.
  const { object } = name;
  for (let k = 0; k + 1 < object.length; k++) {
    if (wordSeen(object[k]) && wordSeen(object[k + 1]) && !pairSeen(object[k], object[k + 1])) return name;
  }
  return undefined;
}
