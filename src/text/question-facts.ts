/**
 * What kind of fact a question asks for, and whether a sentence states one: a quantity ("bao nhiêu",
 * "mấy nội dung"), a share ("bao nhiêu %", "tỷ lệ"), a time or deadline ("bao lâu", "thời hạn", "khi nào"), a definition ("là gì"),
 * who is responsible ("ai", "cơ quan nào") or a list ("gồm những gì"). The direct answer prefers sentences
 * that state the asked kind, and for a count, sentences that count what is asked ({@link countedNoun}).
 * General rules over folded (diacritic-free) text, so questions typed without
 * diacritics are read the same way; nothing here is tuned to single questions.
 */
import { foldDiacritics } from './vietnamese.js';
import { FOLDED_STOPWORDS } from './stopwords.js';

/** A kind of fact a question can ask for. */
export type FactKind = 'quantity' | 'percent' | 'time' | 'definition' | 'who' | 'list' | 'place';

const UNIT_NOUNS = 'ngay|thang|nam|gio|tuan|noi dung|loai|muc|buoc|cap|lan|nhom|hinh thuc|phan|diem|nguoi|thanh vien|linh vuc|truong hop|tieu chi|chuong trinh|nhiem vu|ban|ky|trang|to|bo';

/** Question patterns, over folded lower-case text padded with spaces. */
const ASKS: Record<FactKind, RegExp> = {
  quantity: new RegExp(`\\b(bao nhieu|bn|may (${UNIT_NOUNS})|ty le|ti le|phan tram|toi da|toi thieu|muc phat|so luong|bao nhieu)\\b|%`, 'u'),
  percent: /%|\b(phan tram|ty le|ti le)\b/u,
  time: /\b(bao lau|thoi han|han chot|khi nao|ngay nao|bao gio|luc nao|tu ngay|tu khi nao|thoi gian|trong vong|may (ngay|thang|nam|gio|tuan)|(ngay|thang|nam) (may|bao nhieu)|nam nao|thang nao|hieu luc tu)\b/u,
  // "X có chức năng / vai trò gì" is answered by the sentence that says what X is ("X là đầu mối …").
  definition: /\b(la gi|la cai gi|la j|nghia la|duoc hieu|hieu la|khai niem|dinh nghia|la sao|hieu the nao|hieu nhu the nao|the nao la|the nao (thi |moi |duoc )?(duoc )?goi la|goi la gi|co (chuc nang|vai tro) (gi|j))\b/u,
  who: /(^| )(ai|co quan nao|don vi nao|cap nao|nguoi nao|do ai|boi ai|ben nao|bo phan nao|so nao|bo nao|phong nao|nganh nao|to chuc nao)( |$)/u,
  // "Mấy hình thức / mấy bước / mấy mức": a count of kinds is answered by the list of them.
  list: /\b(gom|bao gom|nhung gi|nhung nao|nhung ai|cac loai|nhung loai|may (noi dung|loai|hinh thuc|buoc|muc|nhom|cap|truong hop|tieu chi|linh vuc|cach)|cac buoc|nhung buoc|noi dung nao|nhung muc|cac muc|gom nhung|nhung cach|cac cach)\b/u,
  // "Ở đâu", "nơi nào"; "X khác Y chỗ nào / ở đâu" asks how two things differ, not where.
  place: /\b(tai dau|noi nao|dia diem nao)\b|(?<!\bkhac(?: [a-z0-9]+){0,3} )\b(o dau|cho nao)\b/u,
};

/** Sentence evidence for each kind, over folded lower-case text (and the original for digits). */
const STATES: Record<FactKind, (folded: string, raw: string) => boolean> = {
  // A figure in digits, or written out before what it counts ("gồm sáu nội dung", "hai Phó Chủ tịch").
  quantity: (_f, raw) => /\d/u.test(raw) || writesOutFigure(raw),
  percent: (f, raw) => /\d\s*%/u.test(raw) || /\b(phan tram)\b/u.test(f),
  time: (f, raw) =>
    /\b\d+\s*(ngay|gio|thang|nam|tuan|phut)\b/u.test(f) ||
    /\d{1,2}\/\d{1,2}\/\d{2,4}/u.test(raw) ||
    /\b(cham nhat|khong qua|ke tu|tu ngay|truoc ngay|ngay lam viec|thoi han|ngay ke tu)\b/u.test(f) ||
    // When in the year or how often: "đầu mỗi năm", "hằng quý", "định kỳ".
    /\b((dau|cuoi|giua) (moi |hang )?(nam|thang|quy|ky)|hang (nam|thang|quy|tuan|ngay)|dinh ky)\b/u.test(f),
  definition: (f) => DEFINITION_HEAD.test(f),
  who: (f) => /\b(tham quyen|trach nhiem|nguoi dung dau|chu tich|uy ban|bo truong|thu truong|co quan|van phong|trung tam|bo phan|bo noi vu|so noi vu|chinh phu|thu tuong)\b/u.test(f),
  list: (f, raw) => /:\s*$/u.test(raw) || /\b(gom|bao gom)\b/u.test(f) || (raw.match(/[,;]/gu)?.length ?? 0) >= 3,
  place: (_f, raw) => STATES_PLACE.test(raw.normalize('NFC')),
};

/**
 * The defined term of a definition sentence, over folded text: the words before "là", "được hiểu là",
 * "gồm" or a colon near the start ("Thủ tục hành chính là …", "Cơ chế một cửa: …").
 */
const DEFINITION_HEAD = /^([^:;]{1,120}?)(?:\s(?:la|duoc hieu la|gom|bao gom)\s|:\s)/u;

/**
 * The words a definition sentence defines ("thu tuc hanh chinh"), folded; [] when it is no definition. A clause's
 * number before them is skipped.
 */
export function definitionHead(sentence: string): string[] {
  // "11. Bản sao lục là …": the clause's number is not part of the term.
  const plain = foldText(sentence).replace(/^(?:\d{1,3}[a-z]?\.|[a-zđ]\))\s*/u, '');
  return DEFINITION_HEAD.exec(plain)?.[1].match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Folded lower-case text, for the patterns above. */
export function foldText(text: string): string {
  return foldDiacritics(text.toLowerCase()).replace(/\s+/gu, ' ').trim();
}

/**
 * A question folded for the ask patterns: "công chức là ai?" asks who as "công chức là ai" does (the patterns
 * end a word at a space), so a curated phrasing written with its question mark asks what the same question
 * typed in chat without one asks. Stops and commas become a bar, which no pattern crosses ("… bao nhiêu. Nđ 31"
 * counts no "nđ"); other marks become spaces.
 */
function foldQuestion(question: string): string {
  return foldText(question).replace(/[.?!;:,]+/gu, ' | ').replace(/[^a-z0-9%|\s]+/gu, ' ').replace(/\s+/gu, ' ').trim();
}

/** The kinds of fact a question asks for (often none, sometimes two: "mấy ngày" is quantity and time). */
export function askedFacts(question: string): FactKind[] {
  const f = ` ${foldQuestion(question)} `;
  return (Object.keys(ASKS) as FactKind[]).filter((k) => ASKS[k].test(f));
}

/**
 * The folded words of the phrase that asks for a definition ("thế nào gọi là", "là gì", "khái niệm"):
 * how the question asks, not what it is about, so they are no content words ("gọi" must not favour a
 * sentence that says "tên gọi"). Empty when the question asks no definition.
 */
export function definitionAskWords(question: string): Set<string> {
  const m = ASKS.definition.exec(` ${foldQuestion(question)} `);
  return new Set(m ? m[0].split(' ').filter(Boolean) : []);
}

/** The asked kinds that a sentence states. */
export function statedFacts(sentence: string, asked: readonly FactKind[]): FactKind[] {
  if (!asked.length) return [];
  const f = foldText(sentence);
  return asked.filter((k) => STATES[k](f, sentence));
}

/** Phrases setting no limit at all, folded ("bất cứ lúc nào", "không hạn chế"). */
const NO_LIMIT_WORDS = 'bat cu luc nao|bat ky luc nao|khong han che|khong gioi han';

/** Number words as folded text ("năm nội dung", "ba cấp"), for counts written out. */
const NUMBER_WORDS = 'mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi';
const NUMBER_WORD = new RegExp(`^(?:${NUMBER_WORDS})$`, 'u');

/**
 * The first word of what a quantity question counts, folded ("có bao nhiêu nhiệm vụ" → "nhiem", "mấy
 * ngày" → "ngay", "mấy năm" → "nam": after the question word "năm" is years, not five; money is counted in
 * "đồng"); undefined when no noun follows the question word ("tỷ lệ là bao nhiêu", "bao nhiêu một ngày"), or when the
 * clause goes on to ask how ("kết quả theo dõi mấy tháng ở sở tính sao": the few months, not how many).
 */
export function countedNoun(question: string): string | undefined {
  // "mẫu số bao nhiêu của phụ lục VI", "số mấy": a number that names, not a count of the word after it.
  const folded = foldQuestion(question);
  const m = /(?:^| )(?<!\bso )(?:bao nhieu|bn|may) ([a-z]+)/u.exec(folded);
  if (!m || /^(phan|ty|ti|la|thi|vay|a|ah|nhi|nhe|ko|khong|roi|lau|cua|trong|theo|o|tai)$/u.test(m[1]) || (NUMBER_WORD.test(m[1]) && m[1] !== 'nam')) return undefined;
  // "kết quả theo dõi mấy tháng ở sở tính sao": "mấy" is "the few" when its clause asks how.
  const clause = folded.slice(m.index + m[0].length).split('|')[0];
  if (/ (?:tinh|xu ly|lam)? ?(?:sao|the nao|ntn|ra sao|nhu the nao)\b/u.test(` ${clause}`)) return undefined;
  return m[1] === 'tien' ? 'dong' : m[1];
}

/**
 * Whether a sentence gives a count of `noun` ("10 nhiệm vụ", "năm nội dung"); a date's "tháng 7 năm 2025"
 * counts no years.
 */
export function statesCountOf(sentence: string, noun: string): boolean {
  return new RegExp(`(?:^|[^\\p{L}\\d])(?:\\d+|${NUMBER_WORDS}) (?:[a-z]+ )?${noun}(?![a-z])(?! \\d{4})`, 'u').test(foldText(sentence));
}

/** Two or more numbered or lettered items ("1. …; 2. …", "a) …; b) …"): a list that counts by enumerating. */
function enumerates(text: string): boolean {
  return (text.match(/(?:^|[\s:;])(?:\d{1,2}|[a-zđ])[.)]\s/gu)?.length ?? 0) >= 2;
}

/**
 * What a question choosing between two figures counts ("thời hiệu là 1 năm hay 2 năm" → "nam", "nộp 2 bản hay
 * 3 bản"), folded; undefined when it offers no such choice or its figures count different things.
 */
export function optionsNoun(question: string): string | undefined {
  const m = /(?:^| )\d+ ([a-z]+) hay (?:la )?\d+(?: ([a-z]+))?(?: |$)/u.exec(foldQuestion(question));
  return m && (!m[2] || m[2] === m[1]) ? m[1] : undefined;
}

/**
 * Whether an answer leaves out the number a question asks for: the question counts something ("có bao
 * nhiêu đại biểu", "mấy nhiệm vụ", {@link countedNoun}) and its lead gives no count of it, nor, when the
 * question also asks for the list ("mấy bước"), does the lead or a quote enumerate one. A count in a quote
 * only is not the answer the lead gives: "… thì bị phạt tù đến bao nhiêu năm" led by another case's clause
 * found "N năm" in it.
 * "Luật 72 có bao nhiêu điều" answered with the article on entry into force, or "Nghị quyết 76 có bao
 * nhiêu nhiệm vụ" with its summary's opening, give no number: better said than answered. A choice between
 * two figures ("1 năm hay 2 năm", {@link optionsNoun}) asks for a count the same way.
 */
export function countMissing(question: string, lead: readonly string[], quotes: readonly string[] = []): boolean {
  const asked = askedFacts(question);
  const noun = (asked.includes('quantity') ? countedNoun(question) : undefined) ?? optionsNoun(question);
  if (!noun) return false;
  const named = new RegExp(`\\b${noun}\\b`, 'u');
  const open = (f: string) => NO_LIMIT.test(f) || ((OPEN_QUANTITY.test(f) || SHARE_WORDS.test(f)) && named.test(f));
  if (lead.some((t) => statesCountOf(t, noun) || open(foldText(t)))) return false;
  return !(asked.includes('list') && [...lead, ...quotes].some(enumerates));
}

/**
 * A share of a whole, folded ("quá nửa tổng số thành viên", "hai phần ba tổng số đại biểu", "đa số"): answers how
 * many of the noun it names ({@link countMissing} asks the noun in the same sentence).
 */
const SHARE_WORDS = new RegExp(`\\b(qua nua|mot nua|(?:${NUMBER_WORDS}) phan (?:${NUMBER_WORDS}|tu)|da so|toan the|toan bo|tat ca)\\b`, 'u');

/**
 * How the law answers "how many" without a number: it leaves the number to an authority ("Chính phủ quy
 * định khung số lượng Phó Chủ tịch"), sets it in proportion ("theo tỷ lệ tương ứng với số tháng làm việc")
 * or sets no limit ("bất cứ lúc nào", "không hạn chế"). Over folded text.
 */
const OPEN_QUANTITY = new RegExp(
  `\\b((chinh phu|thu tuong|bo truong|bo noi vu|uy ban nhan dan|hoi dong nhan dan|co quan co tham quyen|cap co tham quyen)( [a-z]+){0,3} quy dinh|khung so luong|theo ty le|tuong ung voi|${NO_LIMIT_WORDS})\\b`,
  'u',
);

/**
 * A question asking for an amount ("bao nhiêu một ngày", "phạt tối đa bao nhiêu tiền", "tối đa mấy", "mức phạt", a cap
 * asked as "giới hạn ra sao"),
 * over folded text padded with spaces; "ngày / tháng / năm bao nhiêu" asks a date, not an amount, and "điều kiện
 * tối thiểu" alone asks none.
 */
const ASKS_AMOUNT = /\b(bao nhieu|(toi da|toi thieu) (la )?(may|bn)|muc (phat|luong|thuong|chi|ho tro|boi duong)|he so luong|gioi han (la )?(ra sao|the nao|nhu the nao|ntn))\b/u;
const ASKS_DATE = /\b(ngay|thang|nam) bao nhieu\b/u;

/**
 * Digits, a share in words ("một phần ba", "phần trăm", "một nửa") or an amount left open ("một hoặc một số
 * biện pháp"), over folded text.
 */
const STATES_FIGURE = new RegExp(`\\d|\\bmot hoac (mot so|nhieu|cac)\\b|\\b(?:${NUMBER_WORDS}) phan (?:${NUMBER_WORDS}|tu)\\b|\\b(phan tram|mot nua|gap doi)\\b`, 'u');

/**
 * Numbers written out, with their marks (folded, "tâm" and "năm" would read as numbers: "trung tâm cấp xã");
 * "năm" and "tư" also mean year and private, so they count only before a unit ("năm nội dung", "tư pháp" not).
 */
const WRITTEN_NUMBERS = new Set(['hai', 'ba', 'bốn', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mươi', 'trăm', 'nghìn', 'ngàn', 'triệu']);
const NUMBERS_BEFORE_UNITS = new Set(['năm', 'tư']);
const FIGURE_UNITS = new Set([...UNIT_NOUNS.split('|').filter((u) => !u.includes(' ')), 'noi', 'hinh', 'linh', 'truong', 'tieu', 'chuong', 'nhiem', 'thanh']);

/** A number written out before what it counts ("hai Phó Chủ tịch", "ba tháng", "năm nội dung"; "một" is mostly an article). */
function writesOutFigure(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.some(
    (w, i) => i + 1 < words.length && (WRITTEN_NUMBERS.has(w) || (NUMBERS_BEFORE_UNITS.has(w) && FIGURE_UNITS.has(foldText(words[i + 1])))),
  );
}

/**
 * Numbers that cite rather than state an amount, over folded text: article, clause and point numbers
 * ("Khoản 3 Điều 1", "mẫu số 02"), document numbers ("367/2025/NĐ-CP", "4599/QĐ-UBND"), dates and years
 * ("01/7/2025", "ngày 10 tháng 3 năm 2025", "năm 2025") and item numbers opening a clause ("3. …", "a) …").
 */
const CITING_NUMBERS = [
  /\b(khoan|dieu|diem|chuong|muc|phu luc|mau so|mau|so)\s+\d+[a-z]?\b/gu,
  /\b\d+(\/\d{4})?\/[a-z][a-z0-9-]*/gu,
  /\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/gu,
  /\b(ngay \d{1,2} )?(thang \d{1,2} )?nam \d{4}\b/gu,
  /\b(19|20)\d{2}\b/gu,
  /(^|[\s:;])\d{1,2}[.)](?=\s)/gu,
];

function withoutCitations(folded: string): string {
  return CITING_NUMBERS.reduce((t, re) => t.replace(re, ' '), folded);
}

/**
 * An amount of money asked ("tiền thưởng mức bao nhiêu", "phí", "kinh phí … bao nhiêu tỷ", "phạt tiền tối đa"):
 * single words read with their marks ("lương" is not "lực lượng", "thưởng" not "thương binh", "tiền" not
 * "tiến"), and over folded text only phrases that fold to nothing else. Not a share ("tỷ lệ", "%", "phần
 * trăm"), nor a prison term ("phạt tù").
 */
const ASKS_MONEY_MARKED = /(?:^|[^\p{L}])(tiền|lương|phụ cấp|thưởng|phí|tỷ(?! lệ)|triệu|mức phạt)(?![\p{L}])/u;
const ASKS_MONEY_FOLDED = /\b(tien thuong|tien luong|muc luong|luong co so|he so luong|phu cap|le phi|kinh phi|chi phi|mat phi|thu phi|phi (het )?(bao nhieu|bn)|muc phat|phat tien|bao nhieu tien|may tien|bao nhieu ty|trieu dong|nghin dong|muc thuong)\b/u;
const MONEY_UNITS = new Set(['dong', 'ty', 'trieu', 'nghin', 'ngan', 'tien']);
const ASKS_SHARE = /%|\b(phan tram|ty le|ti le)\b/u;

/**
 * Money stated, over folded text: a sum ("15.000.000 đồng", "2 tỷ"), a share of pay or of a sum ("50% mức lương",
 * "một phần hai mức tiền phạt"), a pay coefficient ("hệ số 2,34").
 */
const STATES_MONEY = new RegExp(
  `\\d[\\d.,]*\\s*(dong|trieu|nghin|ngan|ty|usd|vnd)\\b|(\\d+([.,]\\d+)?\\s*%|\\b(${NUMBER_WORDS}) phan (${NUMBER_WORDS}|tu)) (cua )?(muc )?(luong|tien|phu cap|kinh phi|chi phi|gia tri)|\\bhe so\\b|\\blan muc luong\\b|\\bmuc luong co so\\b`,
  'u',
);

/**
 * Whether a question asks an amount of money ("phạt tiền tối đa bao nhiêu", "tiền thưởng mức bn", "kinh phí dự kiến
 * bao nhiêu tỷ"); "hỗ trợ tiền … phạt tù tối đa bao nhiêu năm" counts years: money is asked only when no other
 * unit is counted.
 */
export function asksMoney(question: string): boolean {
  const q = ` ${foldQuestion(question)} `;
  if (!ASKS_AMOUNT.test(q) || ASKS_SHARE.test(q)) return false;
  const unit = countedNoun(question);
  return (!unit || MONEY_UNITS.has(unit)) && (ASKS_MONEY_MARKED.test(question.toLowerCase()) || ASKS_MONEY_FOLDED.test(q));
}

/**
 * Whether a question asks the fine for an act ("cá nhân … chưa có chứng chỉ hành nghề thì bị phạt bao nhiêu",
 * "… thì mức phạt là bao nhiêu") and names no official whose power to fine it asks about ("chủ tịch xã được phạt
 * tối đa bao nhiêu", "thẩm quyền xử phạt của …").
 */
export function asksPenalty(question: string): boolean {
  const q = ` ${foldQuestion(question)} `;
  return ASKS_PENALTY.test(q) && !NAMES_POWER.test(q);
}

const ASKS_PENALTY = / (?:muc phat|phat (?:tien )?(?:bao nhieu|bn|may|muc nao|nhu the nao|the nao|ntn))(?= )/u;
const NAMES_POWER = / (?:chu tich|giam doc|truong doan|thu truong|thanh tra|tham quyen|duoc phat|truong cong an|cuc truong|bo truong)(?= )/u;

/**
 * Whether a lead states an official's power to fine ("Chủ tịch Ủy ban nhân dân cấp xã … được phạt cảnh cáo, phạt
 * tiền đến 15.000.000 đồng"): a ceiling for whoever fines, not the fine for an act.
 */
export function statesPowerToFine(sentences: readonly string[]): boolean {
  return sentences.some((s) => /được phạt (?:cảnh cáo, )?(?:phạt )?tiền đến/iu.test(s.normalize('NFC')));
}

/**
 * Whether a lead stating officials' power to fine answers for someone or something else than the question asks:
 * the question speaks of no sanction at all ("chứng chỉ hành nghề lưu trữ do cơ quan nào cấp"), or names an official
 * the lead does not ("trưởng công an xã có thẩm quyền xử phạt … không" against the powers of the commune and
 * provincial chairmen). False when the lead states no such power or answers the question.
 */
export function powerToFineElsewhere(question: string, sentences: readonly string[]): boolean {
  if (!statesPowerToFine(sentences)) return false;
  const q = ` ${foldQuestion(question)} `;
  if (!/ (?:phat|xu phat|vi pham|tuoc|canh cao|khac phuc)(?= )/u.test(q)) return true;
  return otherOfficials(question, sentences) !== undefined;
}

/**
 * The officials a question on the power to fine names and those a lead stating that power names instead, folded
 * ("truong cong an" asked, "chu tich" found); undefined when the question names none or the lead names one of them.
 */
export function otherOfficials(question: string, sentences: readonly string[]): { asked: string[]; found: string[] } | undefined {
  const q = ` ${foldQuestion(question)} `;
  const lead = ` ${foldQuestion(sentences.join(' '))} `;
  const asked = [...new Set([...q.matchAll(OFFICIALS)].map((m) => m[1]))];
  if (!asked.length || asked.some((t) => lead.includes(` ${t} `))) return undefined;
  return { asked, found: [...new Set([...lead.matchAll(OFFICIALS)].map((m) => m[1]))] };
}

/** Titles of officials who fine, folded. */
const OFFICIALS = / (chu tich|giam doc|truong doan|thu truong|chanh thanh tra|thanh tra vien|truong cong an|cuc truong|bo truong|doi truong)(?= )/gu;

/** Whether a text states a sum of money, a share of one or a pay coefficient (citations and dates aside). */
export function statesMoney(text: string): boolean {
  return STATES_MONEY.test(withoutCitations(foldText(text)));
}

/**
 * Whether an answer gives no figure for a question asking an amount ("chế độ bồi dưỡng … bao nhiêu một ngày"
 * answered with the clause setting up the centre): neither its lead nor its quotes hold a number other than
 * citations and dates, or a number written out, and its lead does not leave the amount to an authority
 * ({@link OPEN_QUANTITY}; a quote doing so speaks of something else as often as not: "yêu cầu, điều kiện phải do
 * Chính phủ quy định" under "phí, lệ phí mức bao nhiêu"). An amount of money needs a sum, a share of pay or a
 * coefficient: "tiền thưởng mức bao nhiêu" is not answered by "không vượt quá 20% số tổ chức". Wider than
 * {@link countMissing}, which needs the counted noun; both say the same to the official.
 */
export function amountMissing(question: string, lead: readonly string[], quotes: readonly string[] = []): boolean {
  const q = ` ${foldQuestion(question)} `;
  if (!ASKS_AMOUNT.test(q) || ASKS_DATE.test(q)) return false;
  const money = asksMoney(question);
  const states = (t: string) => (money ? statesMoney(t) : STATES_FIGURE.test(withoutCitations(foldText(t))) || writesOutFigure(t));
  // A sum left to an authority answers a money question only where the sentence speaks of money ("mức thu do Hội đồng
  // nhân dân cấp tỉnh quy định"), not of something else it leaves to that authority ("dùng con dấu … trong phạm vi do
  // Hội đồng nhân dân cấp tỉnh quy định" under "làm mất con dấu thì bị phạt bao nhiêu tiền").
  const leftOpen = (t: string) => OPEN_QUANTITY.test(foldText(t)) && (!money || SPEAKS_OF_MONEY.test(foldText(t)));
  return ![...lead, ...quotes].some(states) && !lead.some(leftOpen);
}

/** Words of money in a sentence, folded: a sum left to an authority is the answer only in such a sentence. */
const SPEAKS_OF_MONEY = /\b(tien|muc thu|muc chi|muc phat|muc luong|muc thuong|muc ho tro|phi|kinh phi|chi phi|phu cap|he so luong|ngan sach)\b/u;

/** A form asked by its number ("dùng phiếu mẫu số mấy", "mẫu bao nhiêu"), over folded text padded with spaces. */
const ASKS_FORM_NUMBER = /\bmau (?:so )?(?:may|bao nhieu|bn)\b/u;

/** A form's number stated ("Mẫu số 02", "mẫu 01/TTHC", "Mẫu số 02 Phụ lục II"), over folded text. */
const STATES_FORM_NUMBER = /\bmau (?:so )?(?:\d|[a-z]{1,4}\d)/u;

/**
 * Whether an answer leaves out the number of the form a question asks for: "phiếu đề nghị gia hạn theo nđ 118 là
 * mẫu số mấy" answered with the clause that names the Phiếu but gives no number. Said like a missing count.
 */
export function formNumberMissing(question: string, texts: readonly string[]): boolean {
  if (!ASKS_FORM_NUMBER.test(` ${foldQuestion(question)} `)) return false;
  return !texts.some((t) => STATES_FORM_NUMBER.test(foldText(t)));
}

/** No limit at all ("bất cứ lúc nào", "không hạn chế"), over folded text: answers any count. */
const NO_LIMIT = new RegExp(`\\b(${NO_LIMIT_WORDS})\\b`, 'u');

/** A question asking how long ("bao lâu", "mấy ngày", "trong vòng mấy tháng"), over folded text padded with spaces. */
const ASKS_DURATION = /\b(bao lau|may (ngay|thang|nam|gio|tuan|phut)|bao nhieu (ngay|thang|nam|gio|tuan|phut))\b/u;

/**
 * A span of time or its stand-ins, over folded text: a number of days, months, years, hours ("05 ngày làm
 * việc", "03 tháng", "24 giờ"), one written out ("ba tháng"), "ngay", "trong ngày", a limit left to an
 * authority or none ({@link OPEN_QUANTITY}: "Chính phủ quy định", "không hạn chế"), or an end set by an event
 * ("tính đến thời điểm chấm dứt giao dịch").
 */
const STATES_DURATION = new RegExp(
  `\\b((\\d+|(?:${NUMBER_WORDS})(?: lam)?)\\s*(ngay|thang|nam|gio|tuan|phut|quy)|ngay lap tuc|ngay trong ngay|trong ngay|ngay khi|khong thoi han|vo thoi han|khong bi gioi han|(tinh |cho )?den (thoi diem|khi|het))\\b`,
  'u',
);

/**
 * Whether an answer leaves out the span of time a question asks for ("camera phải lưu dữ liệu trong bao
 * lâu", "bị khiển trách thì bao lâu được nâng lương"): none of the answer's texts (lead and quotes) states a
 * number of days, months or years, an immediate time, or leaves the span to an authority. A question on a
 * date or a moment ("khi nào", "ngày nào", "đến bao giờ") is not about a span and is left alone. "Bao lâu một lần"
 * is answered by how often ("định kỳ hằng năm hoặc đột xuất").
 */
export function durationMissing(question: string, texts: readonly string[]): boolean {
  const q = ` ${foldQuestion(question)} `;
  if (!ASKS_DURATION.test(q)) return false;
  const often = ASKS_FREQUENCY.test(q);
  return !texts.some((t) => {
    const f = foldText(t);
    return STATES_DURATION.test(f) || OPEN_QUANTITY.test(f) || (often && STATES_FREQUENCY.test(f));
  });
}

/** "Bao lâu một lần": how often, over folded text padded with spaces. */
const ASKS_FREQUENCY = /\bbao lau (?:mot|1) lan\b/u;

/** How often, over folded text: "định kỳ hằng năm", "mỗi quý", "hằng tháng". */
const STATES_FREQUENCY = /\b(?:hang|moi) (?:nam|thang|quy|tuan|ngay)\b|\bdinh ky\b/u;

/**
 * Words that say where, read with their marks (the answer's texts are the documents' own, so "tài khoản",
 * "quá hạn", "nội dung" and "công dân" are not "tại", "qua", "nơi", "Cổng"): a preposition of place ("tại",
 * "ở", "trên", "qua"), "thuộc", a place named by its kind ("trụ sở", "Cổng", "Bộ phận", "Trung tâm"), or the body
 * that receives or decides ("kiến nghị ở đâu" is answered by "người có thẩm quyền phải giải quyết …", "cuối năm
 * nơi nào xếp loại" by the agency).
 */
const STATES_PLACE =
  /(?:^|[^\p{L}])(tại|ở|trên|qua|thuộc|nơi|địa điểm|trụ sở|cổng|bộ phận|trung tâm|văn phòng|hệ thống|trang|website|cơ quan|đơn vị|ủy ban|chủ tịch|người có thẩm quyền|người đứng đầu|cấp có thẩm quyền)(?![\p{L}])/iu;

/**
 * Whether an answer leaves out the place a question asks for ("bộ phận tiếp nhận cấp huyện đặt ở đâu" led by
 * "Mô hình bốn cấp không còn áp dụng từ ngày 01/7/2025 …"): none of the answer's texts (lead and quotes) has
 * a word that says where. Lenient on purpose: any preposition of place counts.
 */
export function placeMissing(question: string, texts: readonly string[]): boolean {
  if (!ASKS.place.test(` ${foldQuestion(question)} `)) return false;
  return !texts.some((t) => STATES_PLACE.test(t.normalize('NFC')));
}

/**
 * Whether an answer leaves out the address or the telephone number, e-mail or web address a question asks for
 * ("trung tâm phục vụ hành chính công tỉnh ở địa chỉ nào, sđt đường dây nóng là số mấy"): none of its texts
 * gives a street address, a telephone number, an e-mail or a web address. Rules say where offices are in
 * words ("tại trụ sở Ủy ban nhân dân cấp xã"), never how to reach one.
 */
export function contactMissing(question: string, texts: readonly string[]): boolean {
  if (!ASKS_CONTACT.test(` ${foldQuestion(question)} `)) return false;
  return !texts.some((t) => STATES_CONTACT.test(t.normalize('NFC')));
}

const ASKS_CONTACT =
  / (?:dia chi|so dien thoai|sdt|hotline|duong day nong|email|website|trang web)(?: [a-z0-9]+){0,5} (?:nao|o dau|la gi|la j|la bao nhieu|bao nhieu|so may|may|gi|j)(?= )| (?:xin|cho (?:e|em|minh|toi) xin) (?:dia chi|sdt|so dien thoai|hotline|email)(?= )/u;
const STATES_CONTACT = /(?:\d[\d .]{7,}\d|(?:số|số nhà)\s+\d+[^\s,]*\s*,?\s*(?:đường|phố)|(?:đường|phố)\s+\p{Lu}|https?:\/\/|www\.|[\w.]+@[\w.]+|\.gov\.vn)/u;

/**
 * Whether an answer leaves out the rank a question asks for ("PAR INDEX năm 2025 tỉnh mình đứng thứ mấy cả nước",
 * "xếp thứ bao nhiêu"): none of its texts gives a place in a ranking ("thứ 5", "hạng 3", "xếp thứ", "đứng đầu").
 */
export function rankMissing(question: string, texts: readonly string[]): boolean {
  if (!ASKS_RANK.test(` ${foldQuestion(question)} `)) return false;
  return !texts.some((t) => STATES_RANK.test(t.normalize('NFC')));
}

// "đứng thứ mấy", not "nội dung thứ mấy" (an ordinal of a list).
const ASKS_RANK = / (?:(?<!noi )dung|xep|xep hang|hang) thu (?:may|bao nhieu|bn|mi)(?= )| xep hang (?:bao nhieu|may|the nao|ntn|ra sao)(?= )/u;
const STATES_RANK = /(?:^|[^\p{L}])(?:(?:thứ|hạng)\s+\d+|xếp thứ|xếp hạng\s+\d+|đứng (?:đầu|cuối|thứ))/iu;

/**
 * A day of the week or a day off asked about ("sáng thứ 7", "làm việc thứ bảy", "chủ nhật", "cuối tuần", "ngày
 * lễ"), on folded text; "thứ N" only after a word of time or work ("nội dung thứ 4", "lần thứ hai" are ordinals).
 */
const ASKS_DAY =
  /(?:^|(?:^| )(?:sang|chieu|toi|trua|ngay|vao|ca|truc|lam|viec|cua|nghi|hom|den|tu|cac|moi) )thu (?:[2-7]|hai|ba|tu|nam|sau|bay)(?= |$)|(?:^| )(?:chu nhat|cuoi tuan|ngay (?:le|tet|nghi)|nghi le)(?= |$)/u;
/** What speaks of such a day in an answer (read with its marks: "thứ bảy", not "thủ …"; "ngày nghỉ", "nghỉ bù"). */
const STATES_DAY = /(?:^|[^\p{L}])(?:thứ (?:[2-7]|hai|ba|tư|năm|sáu|bảy)|chủ nhật|cuối tuần|ngày (?:lễ|tết|nghỉ)|nghỉ (?:lễ|bù)|các ngày trong tuần)(?![\p{L}])/iu;

/**
 * Whether an answer leaves out the day a question asks about ("bộ phận một cửa có phải làm việc thứ 7 không"
 * led by the clause on who is sent to work at the centre): none of its texts (lead and quotes) speaks of a day of
 * the week, a day off or a holiday. "Ngày làm việc" in a time limit is no such day.
 */
export function dayMissing(question: string, texts: readonly string[]): boolean {
  if (!ASKS_DAY.test(foldQuestion(question))) return false;
  return !texts.some((t) => STATES_DAY.test(t.normalize('NFC')));
}

/**
 * Who pays or whether a fee is due ("cước gửi hồ sơ ai trả", "tiền cước do dân trả hay cơ quan trả", "có phải
 * đóng phí không", "bên nào chịu chi phí"), on folded text.
 */
const ASKS_PAYMENT =
  /(?:^| )(?:(?:ai|ben nao|co quan nao|nguoi nao|dan hay [a-z ]{1,20}) (?:tra(?! (?:loi|lai|ket qua|ho so))|chiu(?! trach)|thanh toan|chi tra|dong(?! dau| goi)|nop(?! ho so| don| bao))(?: tien| phi| cuoc)?|(?:co )?(?:phai |mat )(?:dong |nop |tra )?(?:phi|le phi|tien|cuoc)|(?:phi|cuoc|tien|chi phi|le phi)(?: [a-z]+){0,6} (?:ai|ben nao) (?:tra(?! loi)|chiu|thanh toan|chi tra|dong|nop)|(?:phi|cuoc|tien|chi phi|le phi)(?: [a-z]+){0,8} (?:tra|chiu|thanh toan|chi tra|dong|nop) hay|mien phi)(?= |$)/u;
/** What speaks of paying in an answer: fees, charges, costs, who bears them, or that nothing is charged. */
const STATES_PAYMENT = /(?:^|[^\p{L}])(?:phí|lệ phí|chi phí|cước|kinh phí|ngân sách|thanh toán|chi trả|trả tiền|nộp tiền|miễn|không thu|chịu (?:chi phí|phí|tiền))(?![\p{L}])/iu;

/**
 * Whether an answer leaves out the payment a question asks about ("nộp hồ sơ qua bưu chính công ích thì cước
 * phí ai trả" led by what postal firms may not do): its lead speaks of no fee, cost or who bears it. "Ai trả lời",
 * "ai trả kết quả", "ai chịu trách nhiệm", "ai nộp hồ sơ" ask no payment.
 */
export function paymentMissing(question: string, texts: readonly string[]): boolean {
  if (!ASKS_PAYMENT.test(foldQuestion(question))) return false;
  return !texts.some((t) => STATES_PAYMENT.test(t.normalize('NFC')));
}

/**
 * A colour or a size asked: "màu gì / màu sắc / màu nền", "cỡ chữ / cỡ mấy", "kích thước", "khổ giấy", "phông chữ".
 * Read as typed where folding would confuse ("mau nao" may be "mẫu nào", "co may" is "có mấy"); folded only where
 * it cannot ("mau sac", "kich thuoc", "kho giay").
 */
const ASKS_COLOUR_TYPED = /(?:^|[^\p{L}])màu (?:gì|j|nào|sắc|nền|chữ|mực)(?![\p{L}])/iu;
const ASKS_COLOUR_FOLDED = /(?:^| )mau sac(?= |$)/u;
const ASKS_SIZE_TYPED = /(?:^|[^\p{L}])(?:cỡ (?:chữ|mấy|bao nhiêu|bn)|khổ (?:giấy|mấy|nào)|kích thước|kích thướt|phông chữ|font chữ)(?![\p{L}])/iu;
const ASKS_SIZE_FOLDED = /(?:^| )(?:kich thuoc|kich thuot|kho giay|phong chu|font chu)(?= |$)|(?:^| )co chu(?: [a-z0-9]+){0,12} (?:bao nhieu|bn|may)(?= |$)/u;
/** An answer that names a colour. */
const STATES_COLOUR = /(?:^|[^\p{L}])(?:màu|xanh|đỏ|đen|trắng|vàng|tím|nâu|xám)(?![\p{L}])/iu;
/** An answer that gives a size: a type or paper size, a measure, a font. */
const STATES_SIZE = /(?:^|[^\p{L}])(?:cỡ|khổ|kích thước|phông|font|A[3-5]|\d+\s*(?:mm|cm))(?![\p{L}\d])/iu;

/** One test per appearance the question asks (a colour, a size): whether a sentence names it. */
function appearanceTests(question: string): Array<(sentence: string) => boolean> {
  const raw = question.normalize('NFC');
  const f = foldQuestion(question);
  const tests: Array<(sentence: string) => boolean> = [];
  if (ASKS_COLOUR_TYPED.test(raw) || ASKS_COLOUR_FOLDED.test(f)) tests.push((t) => STATES_COLOUR.test(t.normalize('NFC')));
  if (ASKS_SIZE_TYPED.test(raw) || ASKS_SIZE_FOLDED.test(f)) tests.push((t) => STATES_SIZE.test(t.normalize('NFC')));
  return tests;
}

/**
 * Whether an answer leaves out the colour or the size a question asks about ("đồng phục có quy định bắt buộc
 * màu gì không" led by "mặc đồng phục hoặc trang phục ngành"; "thẻ công chức kích thước, màu sắc ra sao" led by
 * when to wear it): none of its texts names a colour, or gives a size.
 */
export function appearanceMissing(question: string, texts: readonly string[]): boolean {
  return appearanceTests(question).some((names) => !texts.some(names));
}

/**
 * Whether the colour or size the answer gives is that of something else: every part of its texts (between ";"
 * or full stops) that names the asked appearance names none of the question's own words for what it is asked
 * of ("Quốc hiệu với tiêu ngữ trình bày cỡ chữ bao nhiêu" against "… phần nội dung dùng cỡ chữ từ 13 đến 14" and
 * "khổ giấy A4 …": the size of the body text and of the page, not of the national title). A question whose
 * only words are appearance words and verbs leaves the answer alone.
 */
export function appearanceElsewhere(question: string, texts: readonly string[]): boolean {
  const tests = appearanceTests(question);
  if (!tests.length) return false;
  const subject = ` ${foldQuestion(question)} `
    .replace(APPEARANCE_PHRASES, ' ')
    .split(' ')
    .filter((w) => w.length > 1 && w !== '|' && !NOT_SUBJECT.has(w));
  if (!subject.length) return false;
  const parts = texts.flatMap((t) => t.split(/[;.]\s+|\n/u)).filter(Boolean);
  return tests.some((names) => {
    const naming = parts.filter(names);
    return naming.length > 0 && !naming.some((p) => {
      const words = new Set(foldText(p).match(/[a-z0-9]+/gu) ?? []);
      return subject.some((w) => words.has(w));
    });
  });
}

/**
 * Phrases that ask for an appearance (folded): what it is asked of is the question's other words ("chữ màu gì":
 * the letters; "cỡ chữ bao nhiêu": the phrase only).
 */
const APPEARANCE_PHRASES = / (?:co chu|phong chu|font chu|kich thuoc|kich thuot|mau sac|mau|co|kho|size|in (?:dam|nghieng|hoa|thuong))(?= )/gu;
/** Words that are no subject of an appearance: question words, fillers, verbs of presenting and obliging (folded). */
const NOT_SUBJECT = new Set(
  'bao nhieu bn may gi j nao la the ntn sao khong ko k co phai hay va voi cua trong tren thi duoc dc a oi mn ad e em cho hoi trinh bay quy dinh bat buoc su dung dung ghi viet theo'.split(' '),
);

/**
 * How many of the colour and size a question asks for ("đóng dấu thì mực màu gì": a colour; "in giấy gì, chữ màu
 * gì, cỡ mấy": both) a sentence leaves out, when it asks one; undefined otherwise. The lead prefers a sentence
 * that leaves out fewer (`answer/direct-answer.ts`).
 */
export function appearanceAsked(question: string): ((sentence: string) => number) | undefined {
  const tests = appearanceTests(question);
  return tests.length ? (t) => tests.filter((names) => !names(t)).length : undefined;
}

/**
 * A yes-or-no particle, over a folded question, as typed or spelled out: "… không" or "… chưa" at the end
 * (before a filler: "… ko ạ"), "có … không", "phải / đúng / được / còn không", "hay không / hay chưa".
 */
const NO_WORD = '(?:khong|chua|ko|k|kg|kh|khg|khum|hok|hong)';
const YES_NO = new RegExp(
  `(?:^| )${NO_WORD}(?: (?:a|ak|nhe|nha|vay|ha|nhi|mn|ad))*$|(?:^| )(?:co|dc|duoc)(?: [a-z0-9]+){1,12} ${NO_WORD}(?= |$)|(?:^| )(?:phai|dung|duoc|dc|con|hay) ${NO_WORD}(?= |$)`,
  'u',
);
/** Words that ask for something other than yes or no; folded, so "mấy" and "máy", "đâu" and "dấu" look alike (read as asking). */
const ASKS_OTHER = /(?:^| )(?:gi|j|nao|ai|sao|dau|may|bn|bao)(?= |$)/u;

/**
 * Whether a question asks yes or no ("dân lấy kết quả bản giấy được không", "huyện còn không sau 1/7/2025"):
 * a yes-or-no particle and no word asking for a fact, a place, a count or a reason. Its answer is the rule on
 * what the question itself names, so the words that answer it are the question's own, where a "bao lâu" or
 * "cơ quan nào" is answered by a word the question does not hold. A choice ("tập thể hay thủ trưởng") is not
 * one. Read on the normalised question (chat spellings such as "ko", "dc" spelled out).
 */
export function asksYesNo(question: string): boolean {
  const f = foldedToEnd(question);
  if (!f.includes(' ') || ASKS_OTHER.test(f) || askedFacts(question).length) return false;
  return YES_NO.test(f);
}

/** A question folded for the ask patterns, without the bars its final marks leave ("… không?" → "… khong"). */
function foldedToEnd(question: string): string {
  return foldQuestion(question).replace(/(?:\s*\|)+$/u, '').trim();
}

/** "X có (nằm) trong Y không", "X có thuộc Y không", "X có phải là Y không", over a folded question: X. */
const ASKS_MEMBER = /^(.+?) co (?:nam |duoc )?(?:trong|thuoc|phai la|la mot) .+? (?:khong|ko|k|chua)$/u;

/**
 * What a yes-or-no question asks to be in something, when the lead leaves it out: "an toàn thông tin có trong
 * nhiệm vụ chính phủ số của nq 76 không" led by a sentence naming digital-government tasks without it. Returns
 * X's folded words when most of them appear in neither the lead nor its quotes (two to eight words), else
 * undefined. Only an abridged text's silence leaves the answer open: a full list that omits X says no.
 */
export function missingMember(question: string, texts: readonly string[]): string[] | undefined {
  const m = ASKS_MEMBER.exec(foldedToEnd(question));
  if (!m) return undefined;
  const member = m[1].split(' ').filter((w) => w.length > 1 && !/^\d+$/u.test(w));
  if (member.length < 2 || member.length > 8) return undefined;
  const said = new Set(foldQuestion(texts.join(' ')).split(' '));
  return member.filter((w) => said.has(w)).length * 2 < member.length ? member : undefined;
}

/** Short phrases the official puts in quotation marks ("“hướng dẫn”, “công điện”"): one to five words each. */
const QUOTED = /[“"‘]([^“”"‘’\n]{1,60})[”"’]/gu;

/**
 * The phrases a question quotes ("chữ viết tắt tên loại của “hướng dẫn”, “công điện” và “biên bản” là gì") when
 * none of them appears in the answer's texts (lead and quotes), as written; undefined when the question quotes
 * nothing short or the texts name one of them. A quoted name is what the official asks about: an answer that
 * names none of them answers about something else (the abbreviations of other kinds of document).
 */
export function quotedMissing(question: string, texts: readonly string[]): string[] | undefined {
  const quoted = [...question.normalize('NFC').matchAll(QUOTED)]
    .map((m) => m[1].trim())
    .filter((q) => {
      const n = q.split(/\s+/u).length;
      return n >= 1 && n <= 5 && /\p{L}/u.test(q);
    });
  if (!quoted.length) return undefined;
  const said = ` ${foldQuestion(texts.join(' '))} `;
  return quoted.every((q) => !said.includes(` ${foldQuestion(q)} `)) ? quoted : undefined;
}

/** A yes-or-no particle alone, folded ("không", "ko", "chưa"). */
const IS_NO_WORD = new RegExp(`^${NO_WORD}$`, 'u');

/** Folded words that are no option of a choice: particles, fillers and the verbs around "hay" ("có hay không"). */
const NOT_OPTION = new RegExp(`^(?:${NO_WORD}|co|la|thi|vay|a|ak|nhe|nha|ha|nhi|mn|ad|roi|van|chi|cung|dc|duoc|phai|bi|con|o|tai|theo|em|anh|minh|toi|ban|chung|ta)$`, 'u');

/**
 * The two options of a question that closes by asking to choose between named things ("trụ sở mới đặt ở Quy
 * Nhơn hay Pleiku ạ", "theo chế độ tập thể hay thủ trưởng"), folded: up to two words before "hay" and after it
 * ("hay là"), each stopping at a particle, a filler or a function word. Undefined when the question
 * is a yes or no with an alternative ("… không hay …", "… chưa hay …", "có hay không"), whose answer may name
 * neither, or a choice between figures ("1 năm hay 2 năm": {@link optionsNoun}).
 */
export function choiceOptions(question: string): [string[], string[]] | undefined {
  const words = foldQuestion(question).split(' ');
  // The composer reads the message as typed and as normalised, one after the other: the same choice twice.
  const found = words.flatMap((w, i) => (w === 'hay' ? [choiceAt(words, i)] : []));
  const [first] = found;
  return first && found.every((o) => o && JSON.stringify(o) === JSON.stringify(first)) ? first : undefined;
}

/** The options around the "hay" at `at` ({@link choiceOptions}). */
function choiceAt(words: readonly string[], at: number): [string[], string[]] | undefined {
  if (at < 1) return undefined;
  const option = (from: number, step: 1 | -1): string[] => {
    const out: string[] = [];
    for (let i = from; i >= 0 && i < words.length && out.length < 2; i += step) {
      const w = words[i];
      if (w === '|' || NOT_OPTION.test(w) || /^\d+$/u.test(w) || FOLDED_STOPWORDS.has(w)) break;
      out.push(w);
    }
    return step < 0 ? out.reverse() : out;
  };
  // "… không hay …": the word before "hay" closes a yes or no.
  if (IS_NO_WORD.test(words[at - 1])) return undefined;
  const a = option(at - 1, -1);
  const from = words[at + 1] === 'la' ? at + 2 : at + 1;
  const b = option(from, 1);
  // The choice closes the question ("… quy nhơn hay pleiku ạ"); mid-sentence "hay" is "or" in a statement ("được
  // thua bằng tiền hay hiện vật trị giá …"), and "đúng hay sai" asks to judge, not to choose.
  const rest = words.slice(from + b.length);
  const closes = rest.findIndex((w) => !CLOSING.test(w));
  if (closes >= 0 && rest[closes] !== '|') return undefined;
  if ([...a, ...b].some((w) => JUDGEMENT.has(w))) return undefined;
  return a.length && b.length ? [a, b] : undefined;
}

/** Fillers that may follow the last option of a choice ("… hay pleiku ạ", "… hay b vậy mn"), folded. */
const CLOSING = /^(?:a|ak|ah|nhe|nha|ha|nhi|mn|ad|vay|day|ne)$/u;

/** Options that judge rather than name ("đúng hay sai", "nên hay không"), folded. */
const JUDGEMENT = new Set(['dung', 'sai', 'nen']);

/**
 * The options of a choice ({@link choiceOptions}) when the texts (lead and quotes) name neither, each read as a
 * phrase ("quy nhon", not the "quy" of "quy định"): "trụ sở ubnd tỉnh gia lai mới đặt ở quy nhơn hay pleiku" led
 * by the clause that merges the provinces, which names neither town, does not say which. Undefined otherwise.
 */
export function choiceMissing(question: string, texts: readonly string[]): [string[], string[]] | undefined {
  const options = choiceOptions(question);
  if (!options) return undefined;
  const said = ` ${foldQuestion(texts.join(' '))} `;
  return options.every((o) => !said.includes(` ${o.join(' ')} `)) ? options : undefined;
}

/** A fault of software or a device, folded ("báo lỗi", "màn hình xanh", "không đăng nhập được", "bị treo"). */
const FAULT = /\b(bao loi|bi loi|gap loi|hien loi|loi (khi|ket noi|he thong|phan mem|dang nhap)|man hinh xanh|bi treo|treo may|bi do|ket giay|mat ket noi|bi sap|sap mang|khong (dang nhap|vao|ky|mo|chay|ket noi|in|nhan) (duoc|dc)|khong nhan (usb|token)|cam vao khong nhan|error)\b/u;
/** An ask how to fix it ("sửa sao", "xử lý thế nào", "khắc phục", "phải làm sao"); "phải làm gì" asks a duty as often. */
const FIX = /\b(sua|xu ly|khac phuc|lam) (sao|the nao|ntn|nhu the nao|kieu gi)\b|\b(khac phuc|cach sua|fix)\b/u;
/** The software or device at fault. */
const DEVICE = /\b(may tinh|laptop|phan mem|ung dung|app|usb|token|chu ky so|ky so|trinh duyet|may in|may scan|wifi|mang|he thong|cong (dich vu cong|dvc|thong tin)|email|tai khoan|vneid|windows|man hinh)\b/u;
/** Words of a rule: "luật bắt cơ quan chuẩn bị gì khi hệ thống bị sập" asks a rule about a fault, not a fix. */
const RULE_WORDS = /\b(luat|nghi dinh|thong tu|quy dinh|trach nhiem|bat buoc|xu phat|phuong an du phong)\b/u;

/**
 * Whether a message asks how to fix a technical fault ("máy tính bị màn hình xanh sửa sao", "phần mềm một cửa
 * báo lỗi … khi ký số, phải xử lý sao"): a fault, a device or program and an ask how to fix it, and no word of
 * a rule. The knowledge holds rules, not repair guides, so no passage answers it, however many of its words
 * one holds; "kết quả bị sai do lỗi cán bộ thì xử lý sao" (no device) and "hệ thống bị sập thì luật bắt chuẩn
 * bị gì" (a rule asked) are questions for the rules.
 */
export function techFault(question: string): boolean {
  const f = ` ${foldQuestion(question)} `;
  return FAULT.test(f) && FIX.test(f) && DEVICE.test(f) && !RULE_WORDS.test(f);
}
