/**
 * Intents that need no retrieval guesswork: a question about the validity of a named document ("NĐ 61
 * còn hiệu lực không?", "được thay bằng văn bản nào?", "có hiệu lực từ ngày nào?"), answered from its
 * metadata; and a named document or article that the index does not hold, said plainly.
 */
import { DOC_TYPES, findDocNumbers, matchesDocNumber, parseBareDocNumbers, parseDocReference, canonicalDocNumber } from '../text/doc-number.js';
import type { DocReference } from '../text/doc-number.js';
import { foldDiacritics } from '../text/vietnamese.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { QueryIntent, RecordedLink, StatusAsk } from './types.js';
import { runSteps, runStepsSliced } from '../common/time-slice.js';
import type { Steps, TimeSlicer } from '../common/time-slice.js';

/** A question longer than this (words) is read as pasted text: only its last sentence names its subject. */
const PASTED_WORDS = 30;

const DOC_WORD = '(?:van ban|vb|nd|nghi dinh|luat|qd|quyet dinh|thong tu|tt|nq|nghi quyet)';
/** A document word, optionally as a plural ("những nghị định nào", "các văn bản nào"). */
const DOC_WORDS = `(?:(?:nhung|cac) )?${DOC_WORD}`;
/** Patterns of the status questions, on folded text; the first that matches wins (passive before active). */
const STATUS_PATTERNS: Array<[StatusAsk, RegExp]> = [
  // "… hay phải đổi sang luật nào": what a document still cited should be replaced with.
  ['replaced_by', new RegExp(`\\b(?:duoc|bi|da bi|da duoc) thay(?: the)?(?: bang| boi)?\\b|\\bthay the boi\\b|\\bthay bang\\b|\\b${DOC_WORD} nao (?:da )?thay(?: the)?\\b|\\b(?:ai|gi) thay the\\b|\\b(?:doi|chuyen) sang (?:can cu |trich dan )?${DOC_WORDS} nao\\b`)],
  ['amended_by', new RegExp(`\\b(?:duoc|bi|da duoc|da bi) sua doi\\b|\\b(?:bi|da bi) sua (?:roi|chua|khong|ko|k)\\b|\\bsua doi(?: bo sung)? boi\\b|\\b${DOC_WORD} nao (?:da )?sua doi\\b`)],
  // "thay thế (cho) nghị định nào", "ra đời thì thay cho luật nào".
  ['replaces', new RegExp(`\\bthay the (?:cho )?(?:${DOC_WORDS} )?(?:nao|gi)\\b|\\bthay cho ${DOC_WORDS} (?:nao|gi)\\b`)],
  ['amends', new RegExp(`\\bsua doi(?: bo sung)? (?:cho )?(?:${DOC_WORDS} )?(?:nao|gi)\\b`)],
  // "có hiệu lực từ ngày nào", "bắt đầu áp dụng ngày mấy", "khi nào có hiệu lực".
  // "Hôm nào" is said for "ngày nào" ("bắt đầu áp dụng từ hôm nào").
  ['effective', /\bhieu luc (?:thi hanh )?(?:tu|ke tu|vao|tu ngay|tu khi|tu bao gio|khi nao|ngay nao|ngay may|hom nao|luc nao|bao gio|tu luc nao)\b|\b(?:khi nao|bao gio|ngay nao|hom nao|luc nao) (?:co |bat dau co )?hieu luc\b|\b(?:bat dau )?ap dung (?:tu )?(?:khi nao|ngay nao|ngay may|hom nao|bao gio|tu ngay nao|tu hom nao|tu luc nao)\b/],
  // "nđ 118 do cơ quan nào ban hành", "ai ban hành quyết định 4599": the issuing body of the front matter. Only
  // when the document is what is issued (nothing but it after "ban hành"): "theo nđ 63 cơ quan nào ban hành
  // thủ tục hành chính" asks about the decree's content.
  ['issuer', new RegExp(`(?:\\b(?:co quan|don vi|cap) nao|\\bai|\\b(?:do|boi) (?:ai|co quan nao|cap nao|don vi nao)) (?:ky )?ban hanh(?: ${DOC_WORD}\\b.*)? $|\\bban hanh boi (?:ai|co quan nao)\\b|\\bco quan ban hanh (?:la )?(?:ai|gi|co quan nao)\\b`)],
  ['issued', /\bban hanh (?:vao |tu )?(?:ngay nao|ngay may|nam nao|nam may|khi nao|bao gio|luc nao)\b|\b(?:ngay|nam) nao ban hanh\b|\bky (?:ban hanh )?ngay nao\b/],
  // "còn hiệu lực không", "vẫn áp dụng hay bị bãi bỏ rồi", "hết hiệu lực chưa".
  // "Vẫn áp dụng" and "bị bãi bỏ" only when they close the question ("… vẫn áp dụng hay …", "… bị bãi bỏ rồi"):
  // "theo nđ 63 thủ tục bị bãi bỏ thì công bố thế nào" asks about the decree's content.
  // "còn trích dẫn được không", "còn căn cứ được không": whether a document may still be cited.
  ['validity', /\b(?:con|het|dang co|co con|van con|da het|con duoc|con nguyen) (?:hieu luc|ap dung|dung|su dung|gia tri)\b|\bcon (?:duoc |dc )?(?:trich dan|dan chieu|vien dan|can cu vao|lam can cu)\b|\bvan (?:hieu luc|ap dung|dung|su dung|con dung)(?: (?:hay|khong|ko|k|chua)\b| $)|\b(?:bi|da bi|da) (?:bai bo|huy bo)(?: (?:roi|chua|khong|ko|k|a|nhi|vay|het))* $|\bhieu luc (?:chua|khong|ko|k)\b|\b(?:hien hanh|con hieu luc|het hieu luc) (?:khong|ko|k|chua)\b|\bcon (?:dung|ap dung) (?:duoc|dc)\b/],
];

/** "dieu N" as whole words in folded text; N as {@link ARTICLE_REF} captures it (digits, one optional letter). */
const DIEU_N = /\bdieu (\d+[a-z]?)\b/g;

const ARTICLE_REF = /(?:^|[^\p{L}])(?:điều|dieu|đ|d)\s*(\d{1,3}[a-z]?)(?![\p{L}\d])/giu;

interface DocInfo {
  id: string;
  meta: DocumentMeta;
  articles: Set<string>;
  maxArticle: number;
  /**
   * Every N such that the document's folded text mentions "dieu N" as a whole word ("Điều 5", not "Điều
   * 51"): kept instead of the folded text itself, which would be a second copy of the corpus.
   */
  mentionsArticle: Set<string>;
  /** The chunk to cite for a status answer: the article on entry into force, else the first. */
  statusChunk: Chunk;
  /** The first chunk of each article ("40" → the chunk of Điều 40), to cite the provision a link names. */
  articleChunk: Map<string, Chunk>;
  /** Where the document's own text names another document in a relation ({@link namedLinks}): the first place. */
  linksInText: Map<LinkAsk, { chunk: Chunk; sentence: string }>;
}

type LinkAsk = Extract<StatusAsk, 'replaces' | 'amends' | 'amended_by'>;

const DOC_KIND = '(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Pháp lệnh|Chỉ thị)';
const NUMBER = '(\\d+\\/\\d{4}\\/[\\p{L}\\p{N}-]+)';

/**
 * How a summary's own text names another document in a relation, when no front-matter link records it:
 * "thay thế Nghị định số 110/2004/NĐ-CP", "Luật … số 11/2003/QH11 hết hiệu lực" (what it replaces);
 * "sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP" (what it amends); "được sửa đổi, bổ sung bởi
 * Nghị định số 107/2021/NĐ-CP" (what amended it). The captured number must not be the document's own.
 */
const LINK_PATTERNS: ReadonlyArray<[LinkAsk, RegExp]> = [
  ['replaces', new RegExp(`thay thế(?:\\s+cho)?\\s+(?:các\\s+)?${DOC_KIND}\\s+(?:số\\s+)?${NUMBER}`, 'giu')],
  ['replaces', new RegExp(`số\\s+${NUMBER}\\s+hết hiệu lực`, 'giu')],
  ['amends', new RegExp(`(?<!được\\s|bị\\s)sửa đổi(?:,\\s*bổ sung)?(?:\\s+một số điều)?(?:\\s+của)?\\s+${DOC_KIND}\\s+(?:số\\s+)?${NUMBER}`, 'giu')],
  ['amended_by', new RegExp(`(?:được|bị)\\s+sửa đổi(?:,\\s*bổ sung)?\\s+(?:bởi|theo|tại)\\s+${DOC_KIND}\\s+(?:số\\s+)?${NUMBER}`, 'giu')],
];

/**
 * The relations in which `text` names a document other than `own`, each with the sentence that names it
 * (the first one; a leading "Tình trạng hiệu lực:" label left out).
 *
 * @example namedLinks('Nghị định có hiệu lực từ ngày ký, thay thế Nghị định số 110/2004/NĐ-CP.', '30/2020/NĐ-CP')
 * // Map { 'replaces' => 'Nghị định có hiệu lực từ ngày ký, thay thế Nghị định số 110/2004/NĐ-CP.' }
 */
export function namedLinks(text: string, own: string): Map<LinkAsk, string> {
  const found = new Map<LinkAsk, string>();
  const ownKey = canonicalDocNumber(own) ?? own;
  for (const [ask, re] of LINK_PATTERNS) {
    if (found.has(ask)) continue;
    for (const m of text.matchAll(re)) {
      if ((canonicalDocNumber(m[1]) ?? m[1]) === ownKey) continue;
      found.set(ask, sentenceAt(text, m.index ?? 0));
      break;
    }
  }
  return found;
}

/** The sentence of `text` around position `at` (sentences end at ". " or a line break). */
function sentenceAt(text: string, at: number): string {
  const before = text.slice(0, at);
  const dot = before.lastIndexOf('. ');
  const start = Math.max(before.lastIndexOf('\n') + 1, dot >= 0 ? dot + 2 : 0);
  const rest = text.slice(at);
  const stop = rest.search(/\.(?:\s|$)|\n/u);
  const sentence = text.slice(start, stop < 0 ? text.length : at + stop + 1).trim().replace(/^Tình trạng hiệu lực:\s*/iu, '');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * IntentDetector: one per index generation. Its tables (documents, their articles and text, the numbers
 * the indexed text mentions) are built on the first question that names a document, so building an
 * index costs nothing extra; the server builds them beforehand in slices ({@link prepareSliced}) so
 * that question does not stall the event loop while every passage is read.
 */
export class IntentDetector {
  private tables: { docs: DocInfo[]; mentioned: string[] } | undefined;

  constructor(
    private readonly chunks: readonly Chunk[],
    private readonly metas: ReadonlyMap<string, DocumentMeta>,
  ) {}

  private get docs(): DocInfo[] {
    return this.prepare().docs;
  }

  /** Canonical numbers of documents that the indexed text mentions (known, even when not indexed). */
  private get mentioned(): string[] {
    return this.prepare().mentioned;
  }

  private prepare(): { docs: DocInfo[]; mentioned: string[] } {
    this.tables ??= runSteps(this.tableSteps());
    return this.tables;
  }

  /** Builds the tables now, letting the event loop in between passages; no-op when they exist. */
  async prepareSliced(slicer: TimeSlicer): Promise<void> {
    if (this.tables) return;
    const tables = await runStepsSliced(this.tableSteps(), slicer);
    this.tables ??= tables;
  }

  /** True once the tables are built. */
  get prepared(): boolean {
    return this.tables !== undefined;
  }

  /** The tables' construction, one step per passage read. */
  private *tableSteps(): Steps<{ docs: DocInfo[]; mentioned: string[] }> {
    const byDoc = new Map<string, Chunk[]>();
    for (const c of this.chunks) {
      const docId = c.docId;
      const list = byDoc.get(docId);
      if (list) list.push(c);
      else byDoc.set(docId, [c]);
    }
    const mentioned = new Set<string>();
    const docs: DocInfo[] = [];
    for (const [id, list] of byDoc) {
      const meta = this.metas.get(id);
      if (!meta) continue;
      const articles = new Set(list.map(articleOf).filter(Boolean));
      const numbers = [...articles].map((a) => parseInt(a, 10)).filter((n) => Number.isFinite(n));
      const statusChunk = entryIntoForce(list);
      const articleChunk = new Map<string, Chunk>();
      for (const c of list) if (articleOf(c) && !articleChunk.has(articleOf(c))) articleChunk.set(articleOf(c), c);
      const mentionsArticle = new Set<string>();
      const linksInText = new Map<LinkAsk, { chunk: Chunk; sentence: string }>();
      for (const c of list) {
        const text = c.text;
        for (const [ask, sentence] of namedLinks(text, meta.number)) if (!linksInText.has(ask)) linksInText.set(ask, { chunk: c, sentence });
        for (const m of foldDiacritics(`${c.title}\n${text}`.toLowerCase()).matchAll(DIEU_N)) mentionsArticle.add(m[1]);
        for (const m of findDocNumbers(text)) mentioned.add(m.canonical);
        yield;
      }
      docs.push({ id, meta, articles, maxArticle: numbers.length ? Math.max(...numbers) : 0, mentionsArticle, statusChunk, articleChunk, linksInText });
      for (const m of findDocNumbers(meta.title)) mentioned.add(m.canonical);
    }
    return { docs, mentioned: [...mentioned] };
  }

  /**
   * The intent of a normalised question, or undefined for an ordinary question. `byTitle`: the number of
   * the one indexed law the question names by its title instead of a number ("luật cán bộ, công chức 2025
   * thay thế luật nào"), used when the question names no document by number.
   */
  detect(question: string, byTitle?: string): QueryIntent | undefined {
    const subject = subjectPart(question);
    // A bare "107/2021" counts when it is the number of an indexed document, or when the question asks
    // whether it is in force ("99/2020 còn hiệu lực không": a document, even one the index lacks).
    const refs = parseDocReference(subject);
    if (!refs.length) {
      const bare = parseBareDocNumbers(subject);
      const asksStatus = bare.length > 0 && statusAsk(subject) !== undefined;
      refs.push(...bare.filter((ref) => asksStatus || this.docs.some((d) => d.meta.number && matchesDocNumber(ref, d.meta.number))));
    }
    if (!refs.length) return byTitle ? this.detectNamed(subject, byTitle) : undefined;
    // A document named as the time of the question is not what it asks about: "sau khi NĐ 361/2025 có hiệu lực thì
    // các quy định … trong NĐ 62/2020 có còn áp dụng không" asks about NĐ 62/2020.
    if (refs.length > 1 && namedAsTime(subject, refs[0])) refs.push(...refs.splice(0, 1));
    const named = refs.map((ref) => ({ ref, doc: this.docs.find((d) => d.meta.number && matchesDocNumber(ref, d.meta.number)) }));
    const found = named.filter((n) => n.doc);
    const unknown = named.filter((n) => !n.doc && !this.mentioned.some((num) => matchesDocNumber(n.ref, num)));
    const ask = statusAsk(subject);
    // Nothing named is known; or the document named first, which the question is about, is unknown ("nđ
    // 374/2025 sửa đổi những gì của nđ 118": answering from NĐ 118 would answer another question).
    if (unknown.length === named.length || unknown[0] === named[0]) {
      return { kind: 'not_in_index', what: 'document', reference: referenceText(named[0].ref) };
    }
    // The document asked about is only named by indexed ones, whose front matter links it ("nđ 92/2017 còn hiệu
    // lực không", "nđ 92/2017 sửa đổi những điều nào của nđ 63"): its own status is not recorded, and a passage
    // of a naming document would answer another question. Said plainly, with what those links record.
    // When a link answers what is asked ("luật 65/2025 còn hiệu lực không": Luật 72/2025 replaces it), the
    // answer says so, citing the recording document's clause; with nothing recorded, the question is searched:
    // a summary's own sentence may still say it ("… thay thế Nghị định số 110/2004/NĐ-CP").
    // "Sửa đổi những điều nào" asks what the unknown document amends, article by article.
    const provisions = asksProvisions(subject);
    const linkAsk = ask ?? (provisions && /\bsua doi\b/u.test(foldDiacritics(subject).toLowerCase()) ? 'amends' : undefined);
    const recorded = !named[0].doc && linkAsk ? this.recordedLinks(named[0].ref) : [];
    if (recorded.length) {
      const answering = answeringLinks(recorded, linkAsk as StatusAsk, provisions);
      const reference = referenceText(named[0].ref);
      return answering.length ? { kind: 'recorded', ask: linkAsk as StatusAsk, reference, links: answering } : { kind: 'not_in_index', what: 'document', reference, recorded };
    }
    if (!found.length) return undefined;
    return this.statusOf(subject, found[0].doc as DocInfo, ask);
  }

  /** What the indexed documents' front matter records about a document the index does not hold. */
  private recordedLinks(ref: DocReference): RecordedLink[] {
    const out: RecordedLink[] = [];
    const is = (number: string | undefined) => number !== undefined && matchesDocNumber(ref, number);
    for (const d of this.docs) {
      const { meta } = d;
      // The passage of the recording document that names the document asked about, else its entry into force.
      const naming = () => this.chunks.find((c) => c.docId === d.id && findDocNumbers(c.text).some((m) => matchesDocNumber(ref, m.canonical))) ?? d.statusChunk;
      // The provisions of a "replaces" or "amends" link are the recording document's own: cite that article.
      const own = (articles?: string) => {
        const n = /Điều\s+(\d+[a-zđ]?)/iu.exec(articles ?? '')?.[1]?.toLowerCase();
        return (n && d.articleChunk.get(n)) || naming();
      };
      for (const l of meta.replaces ?? []) if (is(l.number)) out.push({ doc: meta, target: l.number, relation: 'replaces', articles: l.articles, chunk: own(l.articles) });
      for (const l of meta.amends ?? []) if (is(l.number)) out.push({ doc: meta, target: l.number, relation: 'amends', articles: l.articles, chunk: own(l.articles) });
      for (const l of meta.amendedBy ?? []) if (is(l.number)) out.push({ doc: meta, target: l.number, relation: 'amended_by', articles: l.articles, chunk: naming() });
      const replacing = meta.replacedBy?.split(/,\s*/u).find(is);
      if (replacing) out.push({ doc: meta, target: replacing, relation: 'replaced_by', chunk: naming() });
    }
    return out;
  }

  /** A status question (or a missing article) about a law named by title, known by its number. */
  private detectNamed(subject: string, number: string): QueryIntent | undefined {
    const doc = this.docs.find((d) => d.meta.number === number);
    return doc ? this.statusOf(subject, doc, statusAsk(subject)) : undefined;
  }

  /** The status intent of a question about an indexed document (or its missing article); undefined otherwise. */
  private statusOf(subject: string, doc: DocInfo, ask: StatusAsk | undefined): QueryIntent | undefined {
    const missingArticle = this.missingArticle(subject, doc);
    if (missingArticle) return { kind: 'not_in_index', what: 'article', reference: `Điều ${missingArticle} ${doc.meta.number}`, docNumber: doc.meta.number };
    if (!ask) return undefined;
    // With no linked document for "what replaces / amends / amended X" the intent still stands: the answer
    // composer says the link is not recorded (with the status it has) unless the document's text names one.
    const related = this.related(doc, ask);
    // No linked document, but the document's own text names one: that sentence answers, its passage quoted.
    const inText = !related.length && (ask === 'replaces' || ask === 'amends' || ask === 'amended_by') ? doc.linksInText.get(ask) : undefined;
    const statedIn = inText ? { chunk: inText.chunk, doc: doc.meta } : this.statedIn(doc, ask);
    const onward = this.onward(doc.meta);
    return {
      kind: 'status',
      ask,
      docId: doc.id,
      doc: doc.meta,
      chunk: doc.statusChunk,
      related,
      ...(statedIn ? { statedIn } : {}),
      ...(inText ? { linkSentence: inText.sentence } : {}),
      ...(onward.length ? { onward } : {}),
    };
  }

  /** For a replaced document: indexed records that its replacements, not indexed themselves, were replaced too. */
  private onward(meta: DocumentMeta): RecordedLink[] {
    if (meta.status !== 'replaced' || !meta.replacedBy) return [];
    const out: RecordedLink[] = [];
    for (const number of meta.replacedBy.split(/,\s*/u).filter(Boolean)) {
      if (this.docs.some((d) => numberKey(d.meta.number) === numberKey(number))) continue;
      const ref = parseDocReference(number)[0];
      if (ref) out.push(...this.recordedLinks(ref).filter((r) => r.relation === 'replaces'));
    }
    return out;
  }

  /**
   * For "what amended / replaced X": the provision of an indexed amending or replacing document that says
   * so, as its front-matter link names it ("amends: 118/2025/NĐ-CP (Điều 1)" in NĐ 367/2025, "replaces:
   * 61/2018/NĐ-CP (Khoản 1 Điều 40)" in NĐ 118/2025; the articles are the amending document's own). X's
   * own text cannot say what changed it later. For "what does X replace / amend", the article of X that its
   * own link names. Undefined when no link names an indexed article.
   */
  private statedIn(doc: DocInfo, ask: StatusAsk): { chunk: Chunk; doc: DocumentMeta } | undefined {
    const candidates: Array<{ other: DocInfo; articles?: string }> = [];
    if (ask === 'replaces' || ask === 'amends') {
      // X's own links name its own provision ("replaces: 61/2018/NĐ-CP (Khoản 1 Điều 40)" in NĐ 118/2025).
      for (const l of (ask === 'replaces' ? doc.meta.replaces : doc.meta.amends) ?? []) candidates.push({ other: doc, articles: l.articles });
    } else if (ask === 'amended_by' || ask === 'replaced_by') {
      const own = numberKey(doc.meta.number);
      for (const other of this.docs) {
        if (other === doc) continue;
        const number = numberKey(other.meta.number);
        if (ask === 'amended_by') {
          for (const l of doc.meta.amendedBy ?? []) if (numberKey(l.number) === number) candidates.push({ other, articles: l.articles });
          for (const l of other.meta.amends ?? []) if (numberKey(l.number) === own) candidates.push({ other, articles: l.articles });
        } else {
          for (const l of other.meta.replaces ?? []) if (numberKey(l.number) === own) candidates.push({ other, articles: l.articles });
        }
      }
    }
    for (const { other, articles } of candidates) {
      const article = /Điều\s+(\d+[a-zđ]?)/iu.exec(articles ?? '')?.[1]?.toLowerCase();
      const chunk = article ? other.articleChunk.get(article) : undefined;
      if (chunk) return { chunk, doc: other.meta };
    }
    return undefined;
  }

  /** "Điều N" named with the document but absent from it (no such article and its text never mentions it). */
  private missingArticle(text: string, doc: DocInfo): string | undefined {
    for (const m of text.matchAll(ARTICLE_REF)) {
      const n = m[1].toLowerCase();
      if (doc.articles.has(n)) continue;
      if (doc.mentionsArticle.has(n)) continue;
      if (parseInt(n, 10) > doc.maxArticle) return n;
    }
    return undefined;
  }

  /**
   * Documents that replace, amend or are replaced by `doc`, as the asked relation needs: from the front
   * matter's links (`replaces`, `amends`, `amended_by`, `replaced_by`), the inverse links of the other
   * indexed documents, and (for what it replaces or amends) the numbers in its title.
   */
  private related(doc: DocInfo, ask: StatusAsk): DocumentMeta[] {
    const metaOf = (n: string) => this.docs.find((d) => numberKey(d.meta.number) === numberKey(n))?.meta ?? { number: n, title: '', status: 'unknown' as const };
    const own = numberKey(doc.meta.number);
    if (ask === 'replaces' || ask === 'amends') {
      const links = (ask === 'replaces' ? doc.meta.replaces : doc.meta.amends) ?? [];
      // The other side's links: documents replaced by this one, or (for "amends") that name it as amending them;
      // a document this one replaced was not amended by it.
      const byMeta = this.docs
        .filter((d) =>
          ask === 'replaces'
            ? (d.meta.replacedBy ?? '').split(/,\s*/).some((r) => numberKey(r) === own)
            : (d.meta.amendedBy ?? []).some((l) => numberKey(l.number) === own),
        )
        .map((d) => d.meta);
      const inTitle = findDocNumbers(doc.meta.title).map((m) => m.canonical).filter((n) => n !== own);
      return dedupe([...links.map((l) => metaOf(l.number)), ...byMeta, ...inTitle.map(metaOf)]);
    }
    if (ask === 'amended_by') {
      const amending = this.docs.filter((d) => d.meta.amends?.some((l) => numberKey(l.number) === own)).map((d) => d.meta);
      return dedupe([...(doc.meta.amendedBy ?? []).map((l) => metaOf(l.number)), ...amending]);
    }
    return (doc.meta.replacedBy ?? '').split(/,\s*/).filter(Boolean).map(metaOf);
  }
}

/**
 * The passage on a document's entry into force, cited by status answers: the article headed so ("Hiệu
 * lực thi hành", "Điều khoản thi hành"), else the last one that says "có hiệu lực từ …", else the first.
 */
export function entryIntoForce(list: readonly Chunk[]): Chunk {
  return (
    list.find((c) => /hiệu lực/iu.test(c.title)) ??
    list.find((c) => /điều khoản thi hành/iu.test(c.title)) ??
    list.findLast((c) => /có hiệu lực (thi hành )?(từ|kể từ)/iu.test(c.text)) ??
    list[0]
  );
}

/** Before a document named as a time, folded: "sau khi", "từ khi", "kể từ khi", "khi". */
const TIME_BEFORE = /\b(?:sau khi|tu khi|ke tu khi|khi)\s+$/u;
/** After it: "có hiệu lực", "ra đời", "được ban hành". */
const TIME_AFTER = /^\s+(?:co hieu luc|bat dau co hieu luc|ra doi|duoc ban hanh|ban hanh)\b/u;

/**
 * Whether the question names the document at `ref` only as a point in time ("sau khi NĐ 361/2025 có hiệu lực thì
 * …", "từ khi luật 80 ra đời …"): the question then asks about something else.
 */
export function namedAsTime(question: string, ref: Pick<DocReference, 'start' | 'end'>): boolean {
  const fold = (t: string) => foldDiacritics(t.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ');
  return TIME_BEFORE.test(fold(question.slice(Math.max(0, ref.start - 20), ref.start)) + ' ') && TIME_AFTER.test(' ' + fold(question.slice(ref.end, ref.end + 30)));
}

/** What kind of status question the text asks, if any. */
export function statusAsk(question: string): StatusAsk | undefined {
  const f = ` ${foldDiacritics(question.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return STATUS_PATTERNS.find(([, re]) => re.test(f))?.[0];
}

/** Where a premise gives way to the question: ", vậy", "rồi thế thì", typed with marks or without. */
const PREMISE_END = /(?:,|\brồi|\broi)\s*(?:vậy|vay|thế|the)\s+(?:thì\s+|thi\s+)?/giu;

/**
 * The clause after the last premise of a question ("NĐ 61/2018 bị thay rồi, vậy TT 01/2018 còn hiệu lực không" →
 * "TT 01/2018 còn hiệu lực không"); undefined when the question states none, or nothing of two words follows.
 */
export function askedClause(text: string): string | undefined {
  const ends = [...text.matchAll(PREMISE_END)];
  if (!ends.length) return undefined;
  const last = ends[ends.length - 1];
  const rest = text.slice((last.index ?? 0) + last[0].length).trim();
  return rest.split(/\s+/u).length >= 2 ? rest : undefined;
}

/** For a long pasted message, its last sentence (where officials put the real question); else the whole. */
export function subjectPart(text: string): string {
  if (text.split(/\s+/).length <= PASTED_WORDS) return text;
  const sentences = text.split(/(?<=[.?!;\n])\s+/).filter((s) => s.trim());
  return sentences[sentences.length - 1] ?? text;
}

/**
 * The links recorded by other documents that answer a status question about a document the index does not
 * hold: that it is no longer in force or what replaced it (another replaces it), what it amends (another was
 * amended by it, with the provisions when the question asks which ones), what amended it (another amends it),
 * what it replaces (another was replaced by it). Empty when none does.
 */
function answeringLinks(recorded: readonly RecordedLink[], ask: StatusAsk, provisionsAsked: boolean): RecordedLink[] {
  const relation: Partial<Record<StatusAsk, RecordedLink['relation']>> = { validity: 'replaces', replaced_by: 'replaces', amends: 'amended_by', amended_by: 'amends', replaces: 'replaced_by' };
  return recorded.filter((r) => r.relation === relation[ask] && (!provisionsAsked || r.articles));
}

/** "sửa đổi những điều nào", "các khoản nào": the question asks for provisions, not only for documents. */
function asksProvisions(subject: string): boolean {
  return /\b(?:nhung|cac) (?:dieu|khoan|noi dung|quy dinh) (?:nao|gi)\b/u.test(foldDiacritics(subject).toLowerCase());
}

/** "Nghị định 123/2024" from a reference typed "nd 123/2024"; the full number when it was typed. */
function referenceText(ref: DocReference): string {
  const type = DOC_TYPES.find((t) => t.code === ref.typeCode)?.nameVi;
  const number = ref.canonical ?? `${ref.serial}${ref.year ? `/${ref.year}` : ''}`;
  return type && !(ref.typeCode === 'QH' && ref.canonical) ? `${type} ${number}` : number;
}

function articleOf(chunk: Chunk): string {
  const a = chunk.headings.find((h) => h.kind === 'article');
  return a ? a.number.toLowerCase() : '';
}

function dedupe(docs: DocumentMeta[]): DocumentMeta[] {
  const seen = new Set<string>();
  return docs.filter((d) => (seen.has(d.number) ? false : (seen.add(d.number), true)));
}

/** A document number in its canonical form when it parses as one, else as written (to compare links). */
function numberKey(number: string): string {
  return canonicalDocNumber(number) ?? number;
}
