/**
 * A small cache of search results in front of the knowledge base: officials often ask the same question in
 * the same words (a new rule, a deadline), and a search is the largest CPU cost of an update. A result is
 * reused only while it is still what a fresh search would return: the cache keys on the exact text
 * searched and the result count, empties itself when the knowledge generation changes (reindex, snapshot
 * reloaded from another instance), is cleared by the caller when FAQ entries are added in place, and forgets
 * entries after `ttlMs` in any case.
 *
 * Entries are kept compact (issue 11: whole result objects took ~2.5 KB of heap each, 5 MB for the default
 * 2000; compact ones ~1 KB, see scripts/bench/search-cache-memory.ts): the numbers of a result (hit scores and coverages, confidence features, timing) go into
 * one packed array of doubles, the hits keep only references to their chunk and document (objects shared
 * with the live index), the query words become one string, and the field layout (names, which feature
 * keys) is shared by every entry of the same shape. A hit rebuilds a fresh result object with the same
 * contents, so a caller changing what it got cannot change later answers. The cache is bounded both by
 * entry count and by an estimate of the bytes its entries hold (`maxBytes`).
 */
import type { SearchHit, SearchResult } from '../search/types.js';
import type { KnowledgeSearch } from './ports.js';

/** Options for {@link SearchCache}. */
export interface SearchCacheOptions {
  /** Results kept (least recently used dropped first); 0 disables the cache. */
  maxEntries: number;
  /**
   * Estimated bytes the entries may hold (least recently used dropped first; a result estimated larger
   * than this is not kept), see {@link SearchCache.bytes}; default unbounded (only `maxEntries` applies).
   */
  maxBytes?: number;
  /** Longest a result is reused, ms. */
  ttlMs: number;
  /**
   * The knowledge generation searched: any value whose identity changes when the index does (the
   * knowledge base's live snapshot object). Checked on every lookup; a new value empties the cache.
   */
  generation: () => unknown;
  now?: () => number;
}

/** How one field is stored (one code per own key, in key order; see {@link Layout}). */
const NUM = 0; // a number, in `nums`
const TRUE = 1;
const FALSE = 2;
const UNDEF = 3;
const QUERY = 4; // a string equal to the text searched (the entry's key holds it)
const REF = 5; // anything else, kept as is in `refs`
const HITS = 6; // (top level) SearchHit[]: count and (score, coverage) pairs in `nums`, (chunk, doc) pairs in `refs`
const WORDS = 7; // (top level) non-empty strings: joined by WORD_SEP into one string in `refs`
const OBJECT = 8; // (top level) a plain object (features, FAQ match, intent): its fields stored by its own layout

const WORD_SEP = '\u0001';
const HIT_KEYS = 'chunk,doc,score,coverage';

/**
 * The layout of a result, shared by every entry of the same shape: its keys, how each is stored and, for
 * a plain object field, that object's layout (one level: the features, the FAQ match, the intent).
 */
interface Layout {
  keys: string[];
  kinds: number[];
  inner: Array<Layout | undefined>;
  signature: string;
}

/** Layouts kept for sharing; results of further layouts (not seen in practice) get their own. */
const MAX_LAYOUTS = 256;

/**
 * Estimated bytes of an entry beyond its arrays' contents: the map slot, the entry object, two arrays and
 * their headers (64-bit V8 without pointer compression). With 8 bytes per number and reference and 2 per
 * character, the estimate of a typical result is ~1.4 KB where the heap holds ~1 KB
 * (scripts/bench/search-cache-memory.ts): on the safe side.
 */
const ENTRY_OVERHEAD = 240;
/** Estimated bytes of a string beyond its characters (counted at 2 bytes, as in a two-byte string). */
const STRING_OVERHEAD = 24;
/** Estimated bytes of an array or object kept as is (besides its slots): header, map, elements header. */
const OBJECT_OVERHEAD = 48;

class Entry {
  constructor(
    public at: number,
    readonly layout: Layout,
    readonly nums: number[],
    readonly refs: unknown[],
    readonly bytes: number,
  ) {}
}

/**
 * Wraps a {@link KnowledgeSearch} with a result cache (see the module comment). `search` and
 * `searchAsync` keep separate entries, since the latter may fuse dense retrieval in.
 *
 * @example
 * const cached = new SearchCache(knowledge, { maxEntries: 2000, maxBytes: 4 << 20, ttlMs: 300_000, generation: () => knowledge.snapshot });
 * new ConversationService({ knowledge: cached, ... });
 * knowledge.addFaq(entry); cached.clear();
 */
export class SearchCache implements KnowledgeSearch {
  private readonly entries = new Map<string, Entry>();
  private readonly layouts = new Map<string, Layout>();
  private seen: unknown;
  /** Bumped by {@link clear}, so a search in flight across a clear is not kept. */
  private epoch = 0;
  private held = 0;
  private readonly now: () => number;
  private readonly maxBytes: number;
  /** Lookups answered from the cache and lookups that searched (for tests and metrics). */
  readonly stats = { hits: 0, misses: 0 };
  readonly searchAsync?: (query: string, k?: number) => Promise<SearchResult>;

  constructor(
    private readonly inner: KnowledgeSearch,
    private readonly o: SearchCacheOptions,
  ) {
    this.now = o.now ?? Date.now;
    this.maxBytes = o.maxBytes ?? Infinity;
    this.seen = o.generation();
    const innerAsync = inner.searchAsync?.bind(inner);
    if (innerAsync) {
      this.searchAsync = async (query, k = 10) => {
        const key = `a${k}\u0000${query}`;
        const generation = this.o.generation();
        const epoch = this.epoch;
        const hit = this.lookup(key, query, generation);
        if (hit) return hit;
        const result = await innerAsync(query, k);
        this.store(key, query, generation, epoch, result);
        return result;
      };
    }
  }

  search(query: string, k = 10): SearchResult {
    const key = `s${k}\u0000${query}`;
    const generation = this.o.generation();
    const hit = this.lookup(key, query, generation);
    if (hit) return hit;
    const result = this.inner.search(query, k);
    this.store(key, query, generation, this.epoch, result);
    return result;
  }

  documents(): ReturnType<KnowledgeSearch['documents']> {
    return this.inner.documents();
  }

  /** Forgets every result (call it after changing the live knowledge in place, e.g. `addFaq`). */
  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.held = 0;
  }

  /** Number of results held. */
  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes the held results take (what {@link SearchCacheOptions.maxBytes} bounds). */
  get bytes(): number {
    return this.held;
  }

  private lookup(key: string, query: string, generation: unknown): SearchResult | undefined {
    if (this.o.maxEntries <= 0) return undefined;
    if (generation !== this.seen) {
      this.entries.clear();
      this.held = 0;
      this.seen = generation;
    }
    const entry = this.entries.get(key);
    if (!entry || this.now() - entry.at > this.o.ttlMs) {
      if (entry) this.drop(key, entry);
      this.stats.misses++;
      return undefined;
    }
    // Most recently used last, so the first key is the one to drop.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits++;
    return expand(entry, query);
  }

  /** Keeps `result` unless the knowledge changed (generation or a clear) while it was computed. */
  private store(key: string, query: string, generation: unknown, epoch: number, result: SearchResult): void {
    if (this.o.maxEntries <= 0 || epoch !== this.epoch || generation !== this.o.generation() || generation !== this.seen) return;
    const entry = this.compact(key, query, result);
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    if (entry.bytes > this.maxBytes) return;
    this.entries.set(key, entry);
    this.held += entry.bytes;
    while (this.entries.size > this.o.maxEntries || this.held > this.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.drop(oldestKey, oldest);
    }
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.held -= entry.bytes;
  }

  /** The compact form of `result` (see the module comment) and its estimated size. */
  private compact(key: string, query: string, result: SearchResult): Entry {
    const nums: number[] = [];
    const refs: unknown[] = [];
    const sized = { bytes: ENTRY_OVERHEAD + stringBytes(key) };
    const layout = this.layoutOf(result as unknown as Record<string, unknown>, query, nums, refs, sized, true);
    const bytes = sized.bytes + 8 * (nums.length + refs.length);
    return new Entry(this.now(), layout, doubles(nums), refs.length ? exact(refs) : NO_REFS, bytes);
  }

  /** Stores the fields of `o` into `nums` and `refs` and returns its (shared) layout. */
  private layoutOf(o: Record<string, unknown>, query: string, nums: number[], refs: unknown[], sized: { bytes: number }, top: boolean): Layout {
    const keys = Object.keys(o);
    const kinds: number[] = [];
    const inner: Array<Layout | undefined> = [];
    let signature = '';
    for (const name of keys) {
      const v = o[name];
      let kind = REF;
      let sub: Layout | undefined;
      if (typeof v === 'number') {
        kind = NUM;
        nums.push(v);
      } else if (v === true) kind = TRUE;
      else if (v === false) kind = FALSE;
      else if (v === undefined) kind = UNDEF;
      else if (v === query) kind = QUERY;
      else if (top && name === 'hits' && isPlainHits(v)) {
        kind = HITS;
        nums.push(v.length);
        for (const h of v) {
          nums.push(h.score, h.coverage);
          refs.push(h.chunk, h.doc);
        }
      } else if (top && name === 'queryWords' && isWordList(v)) {
        kind = WORDS;
        const joined = v.join(WORD_SEP);
        refs.push(joined);
        sized.bytes += stringBytes(joined);
      } else if (top && isPlainObject(v)) {
        kind = OBJECT;
        sub = this.layoutOf(v, query, nums, refs, sized, false);
      } else {
        refs.push(v);
        sized.bytes += refBytes(v);
      }
      kinds.push(kind);
      inner.push(sub);
      signature += `${name}:${kind}${sub ? `{${sub.signature}}` : ''},`;
    }
    let layout = this.layouts.get(signature);
    if (!layout) {
      layout = { keys, kinds, inner, signature };
      if (this.layouts.size < MAX_LAYOUTS) this.layouts.set(signature, layout);
    }
    return layout;
  }
}

const NO_REFS: unknown[] = [];

/** A fresh result with the contents `entry` was made from. */
function expand(entry: Entry, query: string): SearchResult {
  const at = { n: 0, r: 0 };
  return build(entry.layout, entry.nums, entry.refs, query, at) as unknown as SearchResult;
}

/** The object `layout` describes, its values read from `nums` and `refs` from `at` on. */
function build(layout: Layout, nums: number[], refs: unknown[], query: string, at: { n: number; r: number }): Record<string, unknown> {
  const { keys, kinds, inner } = layout;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    switch (kinds[i]) {
      case NUM:
        out[keys[i]] = nums[at.n++];
        break;
      case TRUE:
        out[keys[i]] = true;
        break;
      case FALSE:
        out[keys[i]] = false;
        break;
      case UNDEF:
        out[keys[i]] = undefined;
        break;
      case QUERY:
        out[keys[i]] = query;
        break;
      case HITS: {
        const hits = new Array<SearchHit>(nums[at.n++]);
        for (let h = 0; h < hits.length; h++) {
          hits[h] = { chunk: refs[at.r] as SearchHit['chunk'], doc: refs[at.r + 1] as SearchHit['doc'], score: nums[at.n], coverage: nums[at.n + 1] };
          at.r += 2;
          at.n += 2;
        }
        out[keys[i]] = hits;
        break;
      }
      case WORDS: {
        const s = refs[at.r++] as string;
        out[keys[i]] = s === '' ? [] : s.split(WORD_SEP);
        break;
      }
      case OBJECT:
        out[keys[i]] = build(inner[i] as Layout, nums, refs, query, at);
        break;
      default:
        out[keys[i]] = refs[at.r++];
    }
  }
  return out;
}

/** Hits that are plain `{ chunk, doc, score, coverage }` objects (rebuilt as such on a hit). */
function isPlainHits(v: unknown): v is SearchHit[] {
  if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return false;
  for (let i = 0; i < v.length; i++) {
    const h: unknown = v[i];
    if (h === null || typeof h !== 'object' || Object.getPrototypeOf(h) !== Object.prototype) return false;
    const x = h as Record<string, unknown>;
    if (Object.keys(x).join(',') !== HIT_KEYS || typeof x.score !== 'number' || typeof x.coverage !== 'number') return false;
  }
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** Estimated bytes of a value kept as is: a string's characters, an object's header and slots (not what they point to). */
function refBytes(v: unknown): number {
  if (typeof v === 'string') return stringBytes(v);
  if (Array.isArray(v)) return OBJECT_OVERHEAD + 8 * v.length;
  if (v !== null && typeof v === 'object') return OBJECT_OVERHEAD + 8 * Object.keys(v).length;
  return 0;
}

/** Strings that survive a join and split (non-empty, without the separator). */
function isWordList(v: unknown): v is string[] {
  if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return false;
  for (let i = 0; i < v.length; i++) {
    const w: unknown = v[i];
    if (typeof w !== 'string' || w === '' || w.includes(WORD_SEP)) return false;
  }
  return true;
}

/**
 * `values` in an array of exactly their length. Its own allocation site (V8 tracks the element kind per
 * site), so the numbers stay packed doubles, 8 bytes each, rather than boxed like the references.
 */
function doubles(values: number[]): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

/** `values` in an array of exactly their length (no spare capacity). */
function exact<T>(values: T[]): T[] {
  const out = new Array<T>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

function stringBytes(s: string): number {
  return STRING_OVERHEAD + 2 * s.length;
}
