import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import { SETTINGS, SETTING_GROUPS, SETTING_NAMES } from './settings.js';

const CONFIG_DIR = dirname(fileURLToPath(import.meta.url));
const REPO = join(CONFIG_DIR, '..', '..');
const HELP = 'help: a setting was added or renamed; list it in src/config/settings.ts and document it in .env.example';

/** `.env.example` as (name, example value, comment line above, line number) per `# NAME=value` or `NAME=value` line. */
function exampleEntries(): Array<{ name: string; value: string; above: string; line: number }> {
  const lines = readFileSync(join(REPO, '.env.example'), 'utf8').split('\n');
  const out: Array<{ name: string; value: string; above: string; line: number }> = [];
  lines.forEach((l, i) => {
    const m = /^#?\s?([A-Z][A-Z0-9_]*)=(.*)$/.exec(l);
    if (m) out.push({ name: m[1], value: m[2], above: lines[i - 1] ?? '', line: i + 1 });
  });
  return out;
}

/** Every environment variable `loadConfig` reads when given `values` (recorded through a Proxy). */
function namesRead(values: Record<string, string>, cwd: string): Set<string> {
  const read = new Set<string>();
  const env = new Proxy(values, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return target[key as string];
    },
  });
  try {
    loadConfig(env, cwd);
  } catch {
    /* only the names matter here */
  }
  return read;
}

describe('.env.example', () => {
  const entries = exampleEntries();

  it('lists every setting exactly once, and nothing else', () => {
    const names = entries.map((e) => e.name);
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    expect(dupes, 'settings listed twice in .env.example').toEqual([]);
    expect([...names].sort(), HELP).toEqual(SETTINGS.map((s) => s.name).sort());
  });

  it('explains each setting with its default on the line above it', () => {
    const bare = entries.filter((e) => !/^# .{20,}Default: .+\.$/.test(e.above)).map((e) => `${e.name} (line ${e.line})`);
    expect(bare, 'each "# NAME=example" needs a "# what it does. Default: …." line above it').toEqual([]);
  });

  it('gives examples that loadConfig accepts, all at once', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cchc-example-'));
    try {
      const values = Object.fromEntries(entries.map((e) => [e.name, e.value]));
      mkdirSync(join(cwd, values.EMBEDDING_MODEL_DIR), { recursive: true });
      expect(() => loadConfig(values, cwd)).not.toThrow();
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('SETTINGS', () => {
  it('names exactly the variables loadConfig reads (with every example set, so every branch runs)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cchc-read-'));
    try {
      const values = Object.fromEntries(exampleEntries().map((e) => [e.name, e.value]));
      mkdirSync(join(cwd, values.EMBEDDING_MODEL_DIR), { recursive: true });
      const read = new Set([...namesRead(values, cwd), ...namesRead({}, cwd)]);
      expect([...read].filter((n) => !SETTING_NAMES.has(n)).sort(), HELP).toEqual([]);
      expect([...SETTING_NAMES].filter((n) => !read.has(n)).sort(), 'listed in SETTINGS but never read by loadConfig').toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('covers every variable name written in src/config (including reads behind conditions)', () => {
    const files = readdirSync(CONFIG_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'settings.ts');
    const found = new Set<string>();
    for (const f of files) {
      const src = readFileSync(join(CONFIG_DIR, f), 'utf8');
      for (const m of src.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)/g)) found.add(m[1]);
      for (const m of src.matchAll(/\b(?:int|num|bool|url|secret)\('([A-Z][A-Z0-9_]+)'/g)) found.add(m[1]);
    }
    expect(found.size).toBeGreaterThan(20);
    expect([...found].filter((n) => !SETTING_NAMES.has(n)).sort(), HELP).toEqual([]);
  });

  it('puts every setting in a known group, in the group order of .env.example', () => {
    const order = SETTINGS.map((s) => SETTING_GROUPS.indexOf(s.group));
    expect(order.every((g) => g >= 0)).toBe(true);
    const headings = readFileSync(join(REPO, '.env.example'), 'utf8').match(/^# ── (.+?) ─/gm)?.map((h) => h.slice(5, -2)) ?? [];
    expect(headings).toEqual([...SETTING_GROUPS]);
  });
});
