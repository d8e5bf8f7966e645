import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Logger } from '../../common/logger.js';
import { silentLogger } from '../../common/logger.js';
import type { DocumentMeta } from '../../ingest/legal-unit.js';
import type { SearchResult } from '../../search/types.js';
import { docLabel } from '../citations.js';
import { excerpt } from '../excerpt.js';
import type { Answer, AnswerReply, Citation } from '../types.js';
import type { GroundingChatModel } from './chat-model.js';
import { checkGroundedOutput } from './output-check.js';
import type { RejectReason } from './output-check.js';
import { buildGroundedPrompt } from './prompt.js';
import type { GroundedPrompt, PromptPassage } from './prompt.js';

/** An answer whose lead a chat model wrote from the cited passages (and that passed every check). */
export interface GeneratedAnswerReply extends AnswerReply {
  source: 'search';
  /** Always true: the lead is model-written; channels may label it ("tóm tắt tự động"). */
  generated: true;
}

/** The part of {@link AnswerComposer} the grounded composer needs. */
export interface ExtractiveComposer {
  compose(result: SearchResult): Answer;
  /** The answer-or-abstain rule without composing; lets callers check question parts without model calls. */
  wouldAnswer?(result: SearchResult): boolean;
}

/** Options for {@link GroundedComposer}. */
export interface GroundedComposerOptions {
  /** The extractive composer: decides answer vs abstention and is the fallback for every failure. */
  extractive: ExtractiveComposer;
  /** A LangChain chat model, usually from {@link createChatModel}. */
  chat: GroundingChatModel;
  /** Longest wait for the model, ms; after it the extractive answer is returned. Default 8000. */
  timeoutMs?: number;
  /** Default {@link silentLogger}. Logs carry reasons and timings, never the question or answer text. */
  logger?: Logger;
  /** Least share of each sentence's content words found in the passages. Default 0.5. */
  minSupport?: number;
  /** Longest accepted answer, characters. Default 1200. */
  maxChars?: number;
}

/** Why the model's answer was not used: a failed check, the deadline, or an error of the call. */
export type FallbackReason = RejectReason | 'timeout' | 'error';

const TIMED_OUT = Symbol('timed out');

/**
 * GroundedComposer: an {@link AnswerComposer} stand-in that lets a chat model write the lead of a search
 * answer from the retrieved passages, with citations checked, and falls back to the extractive answer
 * whenever anything is off.
 *
 * The extractive answer is always computed first. Abstentions and FAQ answers are returned unchanged:
 * the model never overrides the decision to escalate nor a curated or staff answer. For a search answer
 * the model gets the numbered passages (as delimited data) and must cite them by marker; its text goes
 * through {@link checkGroundedOutput}. A rejected text, a timeout (`timeoutMs`, enforced here, so the
 * official never waits longer) or an error gives the extractive answer and a log line with the reason.
 *
 * On success the reply keeps the extractive confidence and notices, its `lead` is the model's text, and
 * only the passages and citations the text cites are kept (markers unchanged), with `generated: true`.
 *
 * @example
 * const composer = new GroundedComposer({
 *   extractive: new AnswerComposer({ threshold: 0.38 }),
 *   chat: createChatModel({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b-instruct', timeoutMs: 8000 }),
 *   timeoutMs: 8000,
 *   logger,
 * });
 * const answer = await composer.compose(result);
 */
export class GroundedComposer {
  private readonly o: Required<GroundedComposerOptions>;

  constructor(options: GroundedComposerOptions) {
    this.o = {
      extractive: options.extractive,
      chat: options.chat,
      timeoutMs: options.timeoutMs ?? 8000,
      logger: options.logger ?? silentLogger,
      minSupport: options.minSupport ?? 0.5,
      maxChars: options.maxChars ?? 1200,
    };
  }

  /** The extractive composer's answer-or-abstain rule (the model never changes the decision). */
  wouldAnswer(result: SearchResult): boolean {
    return this.o.extractive.wouldAnswer ? this.o.extractive.wouldAnswer(result) : this.o.extractive.compose(result).kind === 'answer';
  }

  /** The extractive answer, or a {@link GeneratedAnswerReply} when the model's answer passes the checks. */
  async compose(result: SearchResult): Promise<Answer> {
    const extractive = this.o.extractive.compose(result);
    if (extractive.kind !== 'answer' || extractive.source !== 'search' || !extractive.citations.length) return extractive;
    const started = Date.now();
    const passages = promptPassages(extractive, result);
    const prompt = buildGroundedPrompt(result.query, passages);
    const fallback = (reason: FallbackReason, extra: Record<string, unknown> = {}): Answer => {
      // A failed call is an operations problem (warn); a rejected text is the checks doing their job (info).
      const level = reason === 'error' || reason === 'timeout' ? 'warn' : 'info';
      this.o.logger[level]({ event: 'llm_fallback', reason, ms: Date.now() - started, passages: passages.length, ...extra }, 'LLM answer not used; extractive answer returned');
      return extractive;
    };
    let text: string | typeof TIMED_OUT;
    try {
      text = await this.ask(prompt);
    } catch (err: unknown) {
      return fallback('error', errorSummary(err));
    }
    if (text === TIMED_OUT) return fallback('timeout', { timeoutMs: this.o.timeoutMs });
    const check = checkGroundedOutput(text, {
      markers: passages.map((p) => p.marker),
      evidence: passages.map((p) => `${p.label}\n${p.text}`).join('\n'),
      systemPrompt: prompt.system,
      nonce: prompt.nonce,
      minSupport: this.o.minSupport,
      maxChars: this.o.maxChars,
    });
    if (!check.ok) return fallback(check.reason);
    const cited = new Set(check.cited);
    this.o.logger.info({ event: 'llm_answer', ms: Date.now() - started, cited: check.cited, passages: passages.length }, 'LLM answer used');
    const reply: GeneratedAnswerReply = {
      ...extractive,
      source: 'search',
      lead: check.text,
      passages: passages.filter((p) => cited.has(p.marker)).map((p) => ({ marker: p.marker, text: p.text })),
      citations: extractive.citations.filter((c) => cited.has(c.marker)),
      generated: true,
    };
    return reply;
  }

  /** Asks the model; resolves {@link TIMED_OUT} (and aborts the request) once `timeoutMs` has passed. */
  private async ask(prompt: GroundedPrompt): Promise<string | typeof TIMED_OUT> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => {
        resolve(TIMED_OUT);
        controller.abort();
      }, this.o.timeoutMs);
    });
    try {
      const call = this.o.chat.invoke([new SystemMessage(prompt.system), new HumanMessage(prompt.user)], { signal: controller.signal });
      const reply = await Promise.race([call, deadline]);
      return reply === TIMED_OUT ? reply : messageText(reply.content);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** True when `answer` was written by the chat model ({@link GroundedComposer}). */
export function isGenerated(answer: Answer): answer is GeneratedAnswerReply {
  return answer.kind === 'answer' && (answer as Partial<GeneratedAnswerReply>).generated === true;
}

/**
 * The passages the model sees, one per citation of the extractive answer, with its citation label: the
 * quote when the extractive answer shows one, else the cited chunk trimmed around the question's words
 * (the extractive answer does not quote a clause that only repeats its direct answer).
 */
function promptPassages(answer: AnswerReply, result: SearchResult): PromptPassage[] {
  const hits = new Map(result.hits.map((h) => [h.chunk.id, h]));
  const quotes = new Map(answer.passages.map((p) => [p.marker, p.text]));
  return answer.citations.flatMap((c) => {
    const hit = hits.get(c.chunkId);
    const text = quotes.get(c.marker) ?? (hit ? excerpt(hit.chunk.text, result.queryWords, 600) : undefined);
    return text ? [{ marker: c.marker, label: citationLabel(c, hit?.doc), text }] : [];
  });
}

/** "Khoản 2 Điều 5 Nghị định 61/2018/NĐ-CP (còn hiệu lực) — Điều 5. Nguyên tắc thực hiện". */
function citationLabel(c: Citation, doc: DocumentMeta | undefined): string {
  const document = doc ? docLabel(doc) : c.docNumber || c.docTitle;
  const title = c.articleTitle ? ` — ${c.articleTitle}` : '';
  return `${c.path} ${document} (${c.statusLabel})${title}`;
}

/** Text of a chat message content: a string, or the text parts of a content-block array. */
function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (typeof part === 'string' ? part : (part as { type?: unknown; text?: unknown })?.type === 'text' ? String((part as { text?: unknown }).text ?? '') : ''))
    .join('');
}

/**
 * Name, HTTP status and error codes of a failed call, for the log. The message is left out on purpose: some
 * servers echo parts of the request (the question) in their error text.
 */
function errorSummary(err: unknown): Record<string, unknown> {
  const e = (err ?? {}) as { name?: unknown; status?: unknown; code?: unknown; lc_error_code?: unknown; cause?: { code?: unknown } };
  const out: Record<string, unknown> = { errorName: typeof e.name === 'string' ? e.name : typeof err };
  if (typeof e.status === 'number') out.status = e.status;
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.lc_error_code === 'string') out.lcErrorCode = e.lc_error_code;
  if (typeof e.cause?.code === 'string') out.causeCode = e.cause.code;
  return out;
}
