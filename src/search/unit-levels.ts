/**
 * Whether a kind of administrative unit still exists after the 2025 reorganisation ("huyện còn ko sau
 * 1/7/2025", "giờ huyện giải thể hết rồi phải ko", "thị trấn còn không hay đổi hết thành xã phường rồi"),
 * answered with the clauses of the indexed text that say so: the clause that ends a level ("… của huyện, quận,
 * thị xã, … (gọi chung là cấp huyện) kết thúc hoạt động từ ngày 01/7/2025.") and the clause that lists the
 * levels there are now ("Đơn vị hành chính được tổ chức thành 02 cấp: a) Cấp tỉnh, gồm …; b) Cấp xã, gồm xã,
 * phường và đặc khu …"). Search finds those articles but answers such short questions with little confidence:
 * their only topic word is the kind of unit.
 *
 * Nothing here knows the reform: the clauses are whatever the indexed documents in force state, read on first
 * use. A kind followed by a name ("huyện Châu Thành") is a unit, not a level: `unit-mergers.ts` answers those.
 */
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import { foldDiacritics } from '../text/vietnamese.js';
import { recoverTypedSyllable } from '../text/syllable-normalizer.js';
import type { MergerClause } from './unit-mergers.js';

/** Kinds of unit a question may ask about as a level, folded and as written, longest first. */
const KINDS: ReadonlyArray<readonly [string, string]> = [
  ['cap huyen', 'cấp huyện'],
  ['thi tran', 'thị trấn'],
  ['thi xa', 'thị xã'],
  ['huyen', 'huyện'],
  ['quan', 'quận'],
];

/** A clause ending the work of units of some kinds ("… kết thúc hoạt động từ ngày 01/7/2025"). */
const ENDS = /\b(?:ket thuc hoat dong|cham dut hoat dong)\b/u;
/** The clause listing the levels ("Đơn vị hành chính được tổ chức thành 02 cấp:"). */
const LEVELS = /^don vi hanh chinh (?:duoc )?to chuc thanh (?:02|2|hai) cap\b/u;

/**
 * Asking whether it still exists, was abolished or renamed, on folded words: "còn không / còn ko / còn nữa
 * không", "giải thể", "bỏ chưa / bỏ rồi", "xóa bỏ", "không còn", "đổi (hết) thành", "hết rồi", "kết thúc".
 */
const ASKS = /\b(?:con (?:khong|ko|k|nua|ton tai|hoat dong)|giai the|(?:bi )?bo (?:chua|roi|het|khong|ko|k)|xoa bo|bai bo|khong con|doi (?:het )?thanh|het (?:roi|chua)|ket thuc)\b/u;

/** Words such a question may hold besides the kind and the asking words: time, chat, the new kinds. */
const ALLOWED = new Set(
  (
    'con khong ko k nua ton tai hoat dong giai the bo chua roi het xoa bai doi thanh ket thuc ' +
    'sau tu truoc gio bay hien nay tai ngay thang nam la phai da bi duoc dc co the thi vay a ah a nhe nhi hay hoac va ' +
    'mn moi nguoi ad oi cho em e minh hoi xa phuong dac khu tinh cap cac nhung o cu moi r'
  ).split(' '),
);

/** The clauses on levels of units, built on first use from the indexed passages. */
export class UnitLevels {
  private table: { ended: Map<string, MergerClause>; levels: MergerClause | undefined } | undefined;

  constructor(
    private readonly chunks: readonly Chunk[],
    private readonly docOf: (chunkIndex: number) => DocumentMeta,
  ) {}

  /**
   * The clauses that answer whether the kind of unit `question` asks about still exists (the clause ending it
   * first, then the levels there are); undefined when it asks no such thing or the indexed text says nothing.
   */
  lookup(question: string): MergerClause[] | undefined {
    const written = question.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
    // Telex or VNI leftovers read as the syllable meant ("phuowng" is "phuong").
    const words = written.map((w) => recoverTypedSyllable(w) ?? foldDiacritics(w));
    if (!ASKS.test(` ${words.join(' ')} `)) return undefined;
    const kind = KINDS.find((k) => asLevel(written, words, k))?.[0];
    if (!kind) return undefined;
    const kindWords = new Set(kind.split(' '));
    // Its only topic is the kind: "huyện cũ còn lưu hồ sơ không" asks something else.
    if (words.some((w) => !/^\d+$/u.test(w) && !kindWords.has(w) && !ALLOWED.has(w))) return undefined;
    const { ended, levels } = this.read();
    const out = [ended.get(kind), levels].filter((c): c is MergerClause => c !== undefined);
    return out.length ? out : undefined;
  }

  private read(): { ended: Map<string, MergerClause>; levels: MergerClause | undefined } {
    if (this.table) return this.table;
    const ended = new Map<string, MergerClause>();
    let levels: MergerClause | undefined;
    this.chunks.forEach((chunk, i) => {
      const doc = this.docOf(i);
      if (doc.status === 'replaced' || doc.status === 'expired') return;
      const lines = chunk.text.split('\n').map((l) => l.trim());
      lines.forEach((line, at) => {
        const numbered = /^(\d{1,3}[a-zđ]?)\.\s+/u.exec(line);
        const sentence = numbered ? line.slice(numbered[0].length) : line;
        const folded = foldDiacritics(sentence.toLowerCase());
        const clause = (s: string): MergerClause => ({ chunk, doc, ...(numbered ? { clause: numbered[1] } : {}), sentence: s });
        if (ENDS.test(folded)) {
          const named = ` ${folded.match(/[a-z]+/gu)?.join(' ') ?? ''} `;
          for (const [k] of KINDS) if (!ended.has(k) && named.includes(` ${k} `)) ended.set(k, clause(sentence));
        }
        if (!levels && LEVELS.test(folded)) {
          // The levels are its lettered items: "a) Cấp tỉnh, gồm …; b) Cấp xã, gồm …".
          const items: string[] = [];
          for (const next of lines.slice(at + 1)) {
            if (!/^[a-zđ]\)\s/u.test(next)) break;
            items.push(next);
          }
          levels = clause([sentence, ...items].join(' '));
        }
      });
    });
    this.table = { ended, levels };
    return this.table;
  }
}

/**
 * Whether a kind appears in the question as a level rather than before a unit's name: last, or followed by a
 * word of the question ("huyện còn …", "huyện giải thể …", "thị trấn còn …"). A word typed with tone marks must
 * be written as the kind is ("thì xã" is not "thị xã", "cơ quan" has no "quận"); without them, its folded form
 * counts, but not "quan" after "co" (cơ quan).
 */
function asLevel(written: readonly string[], folded: readonly string[], [kind, marked]: readonly [string, string]): boolean {
  const k = kind.split(' ');
  const m = marked.split(' ');
  for (let i = 0; i + k.length <= folded.length; i++) {
    if (!k.every((w, j) => folded[i + j] === w && (written[i + j] === w || written[i + j] === m[j]))) continue;
    if (kind === 'quan' && folded[i - 1] === 'co') continue;
    const next = folded[i + k.length];
    if (next === undefined || ALLOWED.has(next) || /^\d+$/u.test(next)) return true;
  }
  return false;
}
