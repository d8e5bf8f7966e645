/** Messages between the server and the parse child process (`parse-worker.ts`), sent with advanced (structured clone) IPC. */
import type { ErrorCode } from '../common/errors.js';
import type { LimitKind } from '../ingest/loaders/index.js';
import type { ConfigKind, ParsedConfig, ParsedFile, TrialLoad } from './parse-file.js';

/** A job for the parse process: parse a knowledge file, trial-load an upload, or parse a configuration file. */
export type ParseJob =
  | { id: number; kind: 'parse'; knowledgeDir: string; relPath: string; bytes: Uint8Array }
  | { id: number; kind: 'trial'; relPath: string; bytes: Uint8Array }
  | { id: number; kind: 'config'; config: ConfigKind; relPath: string; text: string };

/** What a job gives. */
export type ParseValue = ParsedFile | TrialLoad | ParsedConfig<ConfigKind>;

/** The answer to a {@link ParseJob}: the value, an AppError's parts, or another error's message. */
export type ParseReply =
  | { id: number; ok: true; value: ParseValue }
  | { id: number; ok: false; code: ErrorCode; detail: string; limit?: LimitKind }
  | { id: number; ok: false; message: string; code?: undefined };

/** Sent once by the parse process when its modules are loaded. */
export interface ParseReady {
  ready: true;
}
