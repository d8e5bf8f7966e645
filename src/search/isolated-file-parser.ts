/**
 * A {@link FileParser} that parses in a child process with its own heap limit and a time limit per file,
 * so a hostile or broken file costs at most that process: the server keeps answering while a large PDF is
 * parsed, and a file that exhausts memory or takes too long fails with a reason in the reindex report.
 *
 * Why a process and not a worker thread: a worker's `resourceLimits` heap cap is not a safe boundary on
 * Node 20: a worker reaching it during certain garbage collections aborts the whole process ("Reached heap
 * limit", observed with a 40 MB DOCX and a 64 MB worker heap). A child process that dies takes nothing else.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import { AppError } from '../common/errors.js';
import { compiledScript } from '../common/compiled-script.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { LimitBreach, limitError, resolveLimits } from '../ingest/loaders/index.js';
import type { LoadLimits } from '../ingest/loaders/index.js';
import type { OcrServiceOptions } from '../ingest/ocr/index.js';
import type { ConfigKind, FileParser, ParsedConfig, ParsedFile, ParseRequest, TrialLoad } from './parse-file.js';
import type { ParseJob, ParseReady, ParseReply, ParseValue } from './parse-protocol.js';

/** Options of {@link IsolatedFileParser}. */
export interface IsolatedFileParserOptions {
  /** Size and time limits per file. Defaults: `DEFAULT_LOAD_LIMITS`. */
  limits?: Partial<LoadLimits>;
  /** Heap limit of the parse process (`--max-old-space-size`), MB. Default 1024. */
  memoryMb?: number;
  /** The process stops after this long without work (it is started again on demand), ms. Default 30,000. */
  idleMs?: number;
  /** Default: silent. */
  logger?: Logger;
  /** The compiled entry script. Default: `parse-worker.js` beside this module in `dist/`. */
  script?: string;
  /** OCR settings for scanned pages read in the parse process (`configureOcr`); default: its defaults. */
  ocr?: OcrServiceOptions;
  /**
   * How much lower the parse process's CPU priority is than this process's (added to its nice value, at
   * most 19). Default 10: on a small machine a long or hostile parse gets the CPU only when the server's
   * event loop does not want it. 0 keeps the same priority.
   */
  niceness?: number;
}

type Job = ParseJob extends infer J ? (J extends ParseJob ? Omit<J, 'id'> : never) : never;

/** Last bytes of the child's stderr kept to tell an out-of-memory death from another crash. */
const STDERR_TAIL = 4096;

/**
 * Parses knowledge files one at a time in a child process (jobs queue). The process is started on the
 * first job, stopped after `idleMs` without work, and replaced after a crash, a timeout or running out
 * of memory. Call {@link close} at shutdown.
 *
 * @example
 * const parser = new IsolatedFileParser({ limits: { timeoutMs: 60_000 }, memoryMb: 768, logger });
 * await reindex(store, { knowledgeDir, analyzer, parser });
 * await parser.close();
 */
export class IsolatedFileParser implements FileParser {
  readonly limits: LoadLimits;
  private readonly memoryMb: number;
  private readonly idleMs: number;
  private readonly logger: Logger;
  private readonly script: string;
  private readonly ocr: OcrServiceOptions | null;
  private readonly niceness: number;
  private child: ChildProcess | undefined;
  /** Resolves when {@link child} has loaded its modules (false if it died first). */
  private ready: Promise<boolean> = Promise.resolve(false);
  private stderr = '';
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(o: IsolatedFileParserOptions = {}) {
    this.limits = resolveLimits(o.limits);
    this.memoryMb = o.memoryMb ?? 1024;
    this.idleMs = o.idleMs ?? 30_000;
    this.logger = o.logger ?? silentLogger;
    this.script = o.script ?? defaultScript();
    this.ocr = o.ocr ?? null;
    this.niceness = o.niceness ?? 10;
  }

  /** Process id of the running parse process, if one runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  parse(req: ParseRequest): Promise<ParsedFile> {
    return this.enqueue({ kind: 'parse', knowledgeDir: req.knowledgeDir, relPath: req.relPath, bytes: req.bytes }) as Promise<ParsedFile>;
  }

  trialLoad(relPath: string, bytes: Uint8Array): Promise<TrialLoad> {
    return this.enqueue({ kind: 'trial', relPath, bytes }) as Promise<TrialLoad>;
  }

  /** Parses `faq.yaml` or `glossary.yaml` in the parse process: a long YAML file never stalls the server. */
  parseConfig<K extends ConfigKind>(kind: K, relPath: string, text: string): Promise<ParsedConfig<K>> {
    return this.enqueue({ kind: 'config', config: kind, relPath, text }) as Promise<ParsedConfig<K>>;
  }

  /** Stops the parse process (a later job starts a new one). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
  }

  private enqueue(job: Job): Promise<ParseValue> {
    const run = this.queue.then(() => this.runOne(job));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runOne(job: Job): Promise<ParseValue> {
    clearTimeout(this.idleTimer);
    const child = this.ensureChild();
    const id = this.nextId++;
    child.ref();
    // The time limit is the file's: it starts once the process has loaded its modules.
    await this.ready;
    return new Promise<ParseValue>((resolve, reject) => {
      const settle = (fn: () => void): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.unref();
        this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
        this.idleTimer.unref();
        fn();
      };
      const onMessage = (reply: ParseReply | ParseReady): void => {
        if ('ready' in reply || reply.id !== id) return;
        settle(() => (reply.ok ? resolve(reply.value) : reject(replyError(reply))));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        this.discard(child);
        const outOfMemory = /heap out of memory|Reached heap limit/i.test(this.stderr);
        this.logger.warn({ file: job.relPath, code, signal, outOfMemory }, outOfMemory ? 'parse process ran out of memory; file refused' : 'parse process died; file refused');
        settle(() =>
          reject(
            outOfMemory
              ? limitError('memory', job.relPath, `parsing it needs more than the ${this.memoryMb} MB the parser may use; it was stopped`)
              : new AppError('DOCUMENT_UNREADABLE', `${job.relPath}: the parser stopped (exit ${code ?? signal ?? 'unknown'})`),
          ),
        );
      };
      const timer = setTimeout(() => {
        this.logger.warn({ file: job.relPath, timeoutMs: this.limits.timeoutMs }, 'parse process timed out; file refused');
        this.discard(child);
        child.kill('SIGKILL');
        settle(() => reject(limitError('time', job.relPath, `parsing took longer than ${Math.round(this.limits.timeoutMs / 100) / 10} s and was stopped`)));
      }, this.limits.timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ ...job, id });
    });
  }

  private ensureChild(): ChildProcess {
    if (this.child) return this.child;
    this.stderr = '';
    const child = fork(this.script, [JSON.stringify(this.limits), JSON.stringify(this.ocr)], {
      execArgv: [`--max-old-space-size=${this.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.lowerPriority(child);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL);
    });
    child.on('error', (err) => this.logger.warn({ err: err.message }, 'parse process error'));
    this.ready = new Promise<boolean>((resolve) => {
      const onReady = (m: unknown): void => {
        if (typeof m === 'object' && m !== null && 'ready' in m) done(true);
      };
      const done = (ok: boolean): void => {
        child.off('message', onReady);
        child.off('exit', onGone);
        resolve(ok);
      };
      const onGone = (): void => done(false);
      child.on('message', onReady);
      child.once('exit', onGone);
    });
    child.unref();
    this.child = child;
    return child;
  }

  private lowerPriority(child: ChildProcess): void {
    if (this.niceness <= 0 || child.pid === undefined) return;
    try {
      setPriority(child.pid, Math.min(19, getPriority() + this.niceness));
    } catch (err: unknown) {
      // Not permitted here (some containers): the parse keeps this process's priority.
      this.logger.warn({ err: (err as Error).message }, 'parse process priority not lowered');
    }
  }

  private discard(child: ChildProcess): void {
    if (this.child === child) this.child = undefined;
  }
}

/** Rebuilds the parse process's error here (an AppError keeps its code and broken limit). */
function replyError(reply: Extract<ParseReply, { ok: false }>): Error {
  if (reply.code === undefined) return new Error(reply.message);
  return new AppError(reply.code, reply.detail, reply.limit ? { cause: new LimitBreach(reply.limit) } : undefined);
}

/** `parse-worker.js` beside this module (its compiled copy in `dist/` under the test runner). */
function defaultScript(): string {
  return compiledScript(import.meta.url, 'parse-worker.js');
}
