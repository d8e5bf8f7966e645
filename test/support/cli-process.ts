/**
 * Runs the built command line (`dist/src/cli/main.js`) as a child process, the way an operator does:
 * one-shot commands with their exit code and output, and `serve` until it says where it listens.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './shared.js';

/** The built CLI entry point. */
export const CLI_MAIN = join(REPO_ROOT, 'dist/src/cli/main.js');

/** Options for a CLI run. */
export interface CliOptions {
  /** Working directory. Default the system temp folder, so a developer's own `.env` never leaks in. */
  cwd?: string;
  /** The child's whole environment besides PATH and HOME: nothing leaks in from the test runner. */
  env?: Record<string, string>;
  /** Text for standard input. */
  input?: string;
}

/** A finished CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function assertBuilt(): void {
  if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} is missing. help: run "npm run build" first`);
}

function childEnv(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env };
}

/** Runs `cchc <args>` to completion. */
export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: opts.cwd ?? tmpdir(), env: childEnv(opts.env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // A command that refuses to start exits before it reads its input: the write then fails with EPIPE, which is
  // no failure of the test (its exit code and output say what happened).
  child.stdin.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') stderr += `stdin: ${e.message}\n`;
  });
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A running `serve` child process. */
export interface ServerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` as the server announced it. */
  url: string;
  port: number;
  /** Everything it printed so far (standard output and error). */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s); resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `cchc [--env-file …] serve` and resolves once it announces its address. */
export function startServe(opts: CliOptions & { args?: string[] } = {}): Promise<ServerProcess> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_MAIN, ...(opts.args ?? ['serve'])], { cwd: opts.cwd ?? tmpdir(), env: childEnv(opts.env) });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running: open http:\/\/([^/:]+):(\d+)\//.exec(out);
      if (!m) return;
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.on('data', (x: Buffer) => (out += x.toString()));
      child.stderr?.on('data', (x: Buffer) => (out += x.toString()));
      const port = Number(m[2]);
      resolve({
        child,
        url: `http://127.0.0.1:${port}`,
        port,
        output: () => out,
        async stop() {
          if (child.exitCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          const code = await exited;
          clearTimeout(timer);
          return code;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening:\n${out.slice(-3000)}`)));
  });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
