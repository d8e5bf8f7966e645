import { foldText } from '../text/question-facts.js';

/**
 * A gap the knowledge team records in a summary: "Năm nội dung này được chia thành 10 nhiệm vụ cụ thể; tài liệu
 * nguồn của bản tóm lược không liệt kê các nhiệm vụ đó." (knowledge/README.md, "What your source does not
 * say"). `what` is what the source leaves out, as the passage writes it ("10 nhiệm vụ cụ thể": a pronoun such as
 * "các nhiệm vụ đó" is read as the phrase it refers to); `verb` is the note's own ("liệt kê", "nêu", "ghi").
 */
export interface GapNote {
  verb: string;
  what: string;
}

/**
 * The gaps recorded in a passage. Only the note's fixed wording counts: the source ("tài liệu nguồn", "nguồn
 * tóm lược", "bản tóm lược", "văn bản nguồn") followed closely by "không/chưa liệt kê | nêu | ghi". A rule that
 * says someone "không nêu rõ lý do" is no note about our source and does not match.
 */
export function gapNotes(text: string): GapNote[] {
  const out: GapNote[] = [];
  const sentences = text.split(/(?<=[.!?])\s+/u);
  sentences.forEach((sentence, i) => {
    for (const m of sentence.matchAll(NOTE)) {
      const verb = m[1].toLowerCase();
      let what = m[2].trim().replace(LEADING, '').trim();
      const pronoun = ANAPHOR.exec(what);
      if (pronoun) {
        const head = what.slice(0, pronoun.index).trim();
        // The phrase referred to: in the sentence before the note, else in the sentence before it.
        what = antecedent(head, sentence.slice(0, m.index)) ?? antecedent(head, sentences[i - 1] ?? '') ?? head;
      }
      if (what.split(/\s+/u).length >= 2) out.push({ verb, what });
    }
  });
  return out;
}

/**
 * Whether the question asks for what a gap note says the source leaves out: it names the phrase whole ("nhiệm
 * vụ cụ thể"), or with the phrase's count, the count and its noun ("10 nhiệm vụ", "có 10 nhiệm vụ … liệt kê").
 * Folded, so "10 nhiem vu" typed bare asks it too. The question must ask for the items ("gồm những … nào",
 * "liệt kê", "danh sách", "là gì", "kể tên", "… là 1 trong …"). A question on the passage's other content
 * ("đề án có mấy nội dung") does not ask into the gap, nor one on what the passage states of it ("đề án có 10
 * nhiệm vụ không").
 */
export function gapAsked(question: string, note: GapNote): boolean {
  const q = ` ${foldText(question).replace(/[^a-z0-9\s]+/gu, ' ').replace(/\s+/gu, ' ')} `;
  // The passage may state what the note is about ("… được chia thành 10 nhiệm vụ cụ thể"): "đề án có 10 nhiệm
  // vụ không" asks that, not what the items are.
  if (!ASKS_ITEMS.test(q)) return false;
  return note.what.split(/\s*(?:,|\bvà\b)\s*/u).some((part) => {
    const words = foldText(part).split(' ').filter(Boolean);
    if (words.length < 2) return false;
    if (q.includes(` ${words.join(' ')} `)) return true;
    if (!/^\d+$/u.test(words[0]) || words.length < 3) return false;
    // "10 nhiệm vụ cụ thể": the count and the noun's first two words, or the phrase without its count.
    return q.includes(` ${words.slice(0, 3).join(' ')} `) || q.includes(` ${words.slice(1).join(' ')} `);
  });
}

const SOURCE = String.raw`(?:tài liệu nguồn|nguồn tóm lược|bản tóm lược|văn bản nguồn)`;
const NOTE = new RegExp(String.raw`${SOURCE}[^.;]{0,40}?\s(?:không|chưa)\s(liệt kê|nêu|ghi)(?:\s+(?:rõ|cụ thể))?\s+([^.;()]{2,80})`, 'giu');
const ASKS_ITEMS = / (?:gom|bao gom|nhung|nao|liet ke|danh sach|la gi|la j|gi|ke ten|trong|mot trong) /u;
const LEADING = /^(?:danh sách\s+)?(?:các|những)\s+/iu;
const ANAPHOR = /\s+(?:đó|này|ấy|trên|nói trên)$/iu;

/** "10 nhiệm vụ cụ thể" in "Năm nội dung này được chia thành 10 nhiệm vụ cụ thể": the head with its count and up to two words after it. */
function antecedent(head: string, text: string): string | undefined {
  if (!head) return undefined;
  const escaped = head.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const m = new RegExp(String.raw`(?:\d+\s+)?${escaped}(?:\s+[\p{L}]+){0,2}`, 'iu').exec(text);
  return m?.[0].trim();
}
