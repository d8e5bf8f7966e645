/**
 * Issue 11, failures 4 and 5: parsing runs in a child process. A 2,000-page PDF no longer blocks the event
 * loop (a health request is answered while it parses), a file that exhausts the worker's heap or takes too
 * long is refused with the broken limit and costs only that process, and the next file parses normally.
 * The parse process runs from dist/ (built by `pretest`).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { limitKindOf } from '../../src/ingest/loaders/index.js';
import { readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { parseConfigFile } from '../../src/search/parse-file.js';
import type { FileParser } from '../../src/search/parse-file.js';
import { IsolatedFileParser } from '../../src/search/isolated-file-parser.js';
import { buildDocxBomb } from '../fixtures/loaders/build-bomb.js';
import { buildPdf } from '../fixtures/loaders/build-pdf.js';
import { REPO_ROOT } from '../support/shared.js';

const GOOD_MD = new TextEncoder().encode('Điều 1. Phạm vi điều chỉnh\nNghị định này quy định về thủ tục hành chính.\n');

const WORDS = ['thu tuc', 'ho so', 'cap xa', 'cap tinh', 'mot cua', 'dich vu cong', 'so hoa', 'van thu', 'luu tru', 'tiep nhan'];

/** Prose that differs from page to page (lines repeated on every page are dropped as running headers). */
function prose(p: number): string {
  return `Quy dinh ve ${WORDS[p % 10]} va ${WORDS[Math.floor(p / 10) % 10]}, ${WORDS[Math.floor(p / 100) % 10]} cung ${WORDS[Math.floor(p / 1000) % 10]}.`;
}

/** A text PDF of `count` pages of varied prose, the last ending with "het van ban" (ASCII: the test PDF writer is Latin-1). */
function longPdf(count: number): Uint8Array {
  return buildPdf(
    Array.from({ length: count }, (_, p) => [
      { x: 72, y: 780, text: prose(p) },
      { x: 72, y: 760, text: p === count - 1 ? 'het van ban' : prose(p + 7) },
    ]),
  );
}

let server: Server;
let healthUrl: string;
beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  healthUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const parsers: IsolatedFileParser[] = [];
afterEach(async () => {
  await Promise.all(parsers.splice(0).map((p) => p.close()));
});
function workerParser(o: ConstructorParameters<typeof IsolatedFileParser>[0]): FileParser {
  const p = new IsolatedFileParser(o);
  parsers.push(p);
  return p;
}

describe('IsolatedFileParser', () => {
  it('answers health requests while a 2,000-page PDF parses', async () => {
    const parser = workerParser({});
    let settled = false;
    const parsing = parser.parse({ knowledgeDir: REPO_ROOT, relPath: 'dai-2000-trang.pdf', bytes: longPdf(2000) }).finally(() => {
      settled = true;
    });
    const answeredWhileParsing: boolean[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(healthUrl);
      expect(await res.text()).toBe('ok');
      answeredWhileParsing.push(!settled);
    }
    expect(answeredWhileParsing, 'help: the parse must run off the main thread (IsolatedFileParser)').toEqual([true, true, true]);
    const parsed = await parsing;
    expect(parsed.chunks.map((c) => c.text).join('\n'), 'the long PDF still indexes, to its last page').toContain('het van ban');
  }, 120_000);

  it('refuses a file that exhausts the parse process heap, and the next file parses', async () => {
    const parser = workerParser({ memoryMb: 64, limits: { maxUncompressedBytes: 100 * 1024 * 1024 } });
    const err = await parser.parse({ knowledgeDir: REPO_ROOT, relPath: 'nang.docx', bytes: buildDocxBomb({ megabytes: 40 }) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(limitKindOf(err), `got ${String(err)}`).toBe('memory');
    expect(String(err)).toMatch(/more than the 64 MB/);
    const ok = await parser.parse({ knowledgeDir: REPO_ROOT, relPath: 'tot.md', bytes: GOOD_MD });
    expect(ok.chunks.length).toBe(1);
  });

  it('stops a file that takes longer than the time limit, and the next file parses', async () => {
    const parser = workerParser({ limits: { timeoutMs: 1000 } });
    const err = await parser.trialLoad('cham.docx', buildDocxBomb({ megabytes: 8 })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(limitKindOf(err), `got ${String(err)}`).toBe('time');
    const ok = await parser.trialLoad('tot.md', GOOD_MD);
    expect(ok.textChars).toBeGreaterThan(10);
  });

  it('parses faq.yaml and glossary.yaml in the parse process, as this thread would (the glossary\'s maps included)', async () => {
    const parser = workerParser({});
    for (const kind of ['faq', 'glossary'] as const) {
      const text = readFileSync(join(REPO_ROOT, 'knowledge', `${kind}.yaml`), 'utf8');
      expect(await parser.parseConfig(kind, `${kind}.yaml`, text), kind).toEqual(parseConfigFile(kind, text));
    }
    const glossary = await parser.parseConfig('glossary', 'glossary.yaml', 'abbreviations:\n  UBND: ["Ủy ban nhân dân"]\n');
    expect(glossary.glossary.abbreviations.get('UBND')).toEqual(['Ủy ban nhân dân']);
    const broken = await parser.parseConfig('faq', 'faq.yaml', '- id: [unclosed').then(() => undefined, (e: unknown) => e);
    expect(String(broken), 'a YAML error comes back as an error naming the problem').toMatch(/faq|YAML|line/i);
  });

  it('runs the parse process at a lower CPU priority than the server, so a long parse yields the CPU to it', async () => {
    const parser = new IsolatedFileParser({});
    parsers.push(parser);
    await parser.parse({ knowledgeDir: REPO_ROOT, relPath: 'tot.md', bytes: GOOD_MD });
    expect(parser.pid).toBeDefined();
    expect(getPriority(parser.pid)).toBe(Math.min(19, getPriority() + 10));
  });

  it('keeps size-limit refusals as coded errors across the thread boundary', async () => {
    const parser = workerParser({ limits: { maxPdfPages: 5 } });
    const err = await parser.trialLoad('dai.pdf', longPdf(6)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(limitKindOf(err)).toBe('pages');
  });
});
