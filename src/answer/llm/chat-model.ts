import { ChatOpenAI } from '@langchain/openai';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';

/**
 * The part of LangChain's chat-model interface the grounded composer uses: `invoke(messages, { signal })`.
 * Any LangChain chat model fits (ChatOpenAI, ChatOllama, …); tests may pass a stub.
 */
export type GroundingChatModel = Pick<BaseChatModel, 'invoke'>;

/** Options for {@link createChatModel}; the app fills them from `Config.llm`. */
export interface ChatModelOptions {
  /**
   * Base URL of an OpenAI-compatible API, including the version path, e.g. `http://127.0.0.1:8000/v1`
   * (vLLM), `http://127.0.0.1:11434/v1` (Ollama), `http://127.0.0.1:1234/v1` (LM Studio). The client adds
   * `/chat/completions`.
   */
  baseUrl: string;
  /** Model name as the server knows it ("qwen2.5:7b-instruct", "gpt-4o-mini"). */
  model: string;
  /** API key; local servers need none, so the default is the placeholder "not-needed". */
  apiKey?: string;
  /** Per-request timeout of the HTTP client, ms. The composer enforces its own deadline as well. */
  timeoutMs: number;
  /** Sampling temperature. Default 0: answers should be stable and stay close to the passages. */
  temperature?: number;
  /** Cap on the answer's length, tokens. Default 512 (a short answer; the check rejects longer text). */
  maxTokens?: number;
}

/**
 * Builds the LangChain `ChatOpenAI` model for an OpenAI-compatible endpoint, with retries off (a retry
 * would break the "never wait longer than the timeout" promise; the extractive answer is the fallback).
 *
 * It speaks the Chat Completions API (`POST <baseUrl>/chat/completions`), which every
 * OpenAI-compatible server offers (LangChain switches to the Responses API only for OpenAI model names
 * such as `*codex*` or `gpt-5.x-pro` that require it). Key, URL and model come from the options, not from
 * `OPENAI_*` variables. Note that LangChain sends traces to LangSmith when `LANGSMITH_TRACING`/`LANGCHAIN_TRACING_V2`
 * is set in the environment; leave those unset in production (questions and passages would leave the
 * server).
 *
 * @example
 * const chat = createChatModel({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b-instruct', timeoutMs: 8000 });
 */
export function createChatModel(options: ChatModelOptions): ChatOpenAI {
  return new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey ?? 'not-needed',
    configuration: { baseURL: options.baseUrl },
    timeout: options.timeoutMs,
    maxRetries: 0,
    temperature: options.temperature ?? 0,
    maxTokens: options.maxTokens ?? 512,
    streaming: false,
    useResponsesApi: false,
  });
}
