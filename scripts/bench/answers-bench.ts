/**
 * Answer section of `npm run bench`: runs the two answer measurements through the CLI, exactly as a
 * reader would type them, and returns their Markdown (with the commands) for bench/results.md.
 *
 * - Leave-documents-out on shared/eval: `eval --corpus … --questions … --leave-docs-out --offtopic eval/offtopic`.
 * - Leave-passages-out on shared/eval (the answering article removed, its statute kept): `… --leave-passages-out …`.
 * - The official-style dev set over knowledge/: `eval --knowledge knowledge --questions eval/official --offtopic eval/offtopic`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Paths the answer measurements read; missing dev sets are reported, not fatal. */
export interface AnswerBenchPaths {
  root: string;
  evalDir: string;
  knowledgeDir: string;
}

/** Runs the measurements and returns the "## Answers" section. */
export function runAnswerBench(p: AnswerBenchPaths): string {
  const cli = join(p.root, 'dist/src/cli/main.js');
  const rel = (x: string) => relative(p.root, x) || '.';
  const official = join(p.root, 'eval/official');
  const offtopic = join(p.root, 'eval/offtopic');
  const offArgs = existsSync(offtopic) ? ['--offtopic', rel(offtopic)] : [];
  const run = (args: string[]) => execFileSync(process.execPath, [cli, ...args], { cwd: p.root, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  const parts = ['## Answers: answer or abstain', ''];
  if (!existsSync(offtopic)) parts.push('_eval/offtopic/ is missing: social/off-topic/junk messages were not measured._', '');
  parts.push('### Leave-documents-out (shared benchmark)', '');
  parts.push(run(['eval', '--corpus', rel(join(p.evalDir, 'corpus.jsonl')), '--questions', rel(join(p.evalDir, 'questions.dev.jsonl')), '--leave-docs-out', ...offArgs]).trim(), '');
  parts.push('### Leave-passages-out (shared benchmark: the answering article removed, its statute kept)', '');
  parts.push(run(['eval', '--corpus', rel(join(p.evalDir, 'corpus.jsonl')), '--questions', rel(join(p.evalDir, 'questions.dev.jsonl')), '--leave-passages-out', ...offArgs]).trim(), '');
  parts.push('### Official-style dev set over knowledge/', '');
  if (existsSync(official)) parts.push(run(['eval', '--knowledge', rel(p.knowledgeDir), '--questions', rel(official), ...offArgs]).trim(), '');
  else parts.push('_eval/official/ is missing: the official-style dev set was not measured._', '');
  return parts.join('\n');
}

/**
 * Hand-written sections of bench/results.md that a bench run carries over (history with its commands):
 * every `## ` section whose heading names an issue, e.g. "## Answer decision (issue 9)", "## Faults (issue 11)".
 */
export const KEPT_SECTION = /^## .*\(issue \d+\)\s*$/;

/**
 * The hand-written sections ({@link KEPT_SECTION}) of the previous results file, each up to the next
 * `## ` heading, so that rewriting bench/results.md keeps them; sections whose heading the new run
 * writes itself (`generated`) are left out. '' when there are none.
 */
export function keptSections(previous: string, generated = ''): string {
  const fresh = new Set(generated.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.trim()));
  const out: string[] = [];
  const lines = previous.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = lines[i].trim();
    if (!KEPT_SECTION.test(heading) || fresh.has(heading)) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith('## ')) end++;
    out.push(lines.slice(i, end).join('\n').trimEnd());
    i = end - 1;
  }
  return out.length ? `\n${out.join('\n\n')}\n` : '';
}
