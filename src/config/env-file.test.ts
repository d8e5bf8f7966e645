import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEnvFile, parseSettingsText } from './env-file.js';
import { loadConfig } from './config.js';
import { isAppError } from '../common/errors.js';

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-envfile-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err: unknown) {
    expect(isAppError(err, 'CONFIG_INVALID'), 'expected a CONFIG_INVALID error').toBe(true);
    return (err as { detail: string }).detail;
  }
  throw new Error('expected an error');
}

describe('applyEnvFile', () => {
  it('reads .env from the working directory, and loadConfig then uses its settings', () => {
    const cwd = folder({ '.env': 'PORT=4123\nDATA_DIR=./state\n# a comment\n\nexport LOG_LEVEL=warn\n' });
    const env: NodeJS.ProcessEnv = {};
    const r = applyEnvFile({ cwd, env });
    expect(r.path).toBe(join(cwd, '.env'));
    expect(r.applied.sort()).toEqual(['DATA_DIR', 'LOG_LEVEL', 'PORT']);
    const cfg = loadConfig(env, cwd);
    expect(cfg).toMatchObject({ port: 4123, dataDir: join(cwd, 'state'), logLevel: 'warn' });
  });

  it('lets variables already in the environment win, and says which', () => {
    const cwd = folder({ '.env': 'PORT=4123\nHOST=0.0.0.0\n' });
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    const r = applyEnvFile({ cwd, env });
    expect(env).toEqual({ PORT: '5000', HOST: '0.0.0.0' });
    expect(r.overridden).toEqual(['PORT']);
  });

  it('is a no-op without .env, but a file named with --env-file must exist', () => {
    const cwd = folder({});
    expect(applyEnvFile({ cwd, env: {} })).toEqual({ applied: [], overridden: [], unknown: [], duplicates: [] });
    expect(errorOf(() => applyEnvFile({ cwd, env: {}, path: 'prod.env' }))).toContain(`${join(cwd, 'prod.env')} is not found`);
  });

  it('reads a file named by path (relative to cwd or absolute)', () => {
    const cwd = folder({ 'prod.env': 'KNOWLEDGE_DIR=/srv/knowledge\n' });
    const env: NodeJS.ProcessEnv = {};
    applyEnvFile({ cwd, env, path: 'prod.env' });
    expect(env.KNOWLEDGE_DIR).toBe('/srv/knowledge');
    const env2: NodeJS.ProcessEnv = {};
    applyEnvFile({ cwd: '/', env: env2, path: join(cwd, 'prod.env') });
    expect(env2.KNOWLEDGE_DIR).toBe('/srv/knowledge');
  });

  it('reports names that are not settings and names set twice', () => {
    const cwd = folder({ '.env': 'TELEGRAM_TOKEN=1:x\nADMIN_TOKEN=a\nADMIN_TOKEN=b\n' });
    const env: NodeJS.ProcessEnv = {};
    const r = applyEnvFile({ cwd, env });
    expect(r.unknown).toEqual(['TELEGRAM_TOKEN']);
    expect(r.duplicates).toEqual(['ADMIN_TOKEN']);
    expect(env.ADMIN_TOKEN).toBe('b');
  });
});

describe('parseSettingsText', () => {
  it('understands quotes, inline comments, export and multi-line double-quoted values', () => {
    const { values } = parseSettingsText('A="x y" # note\nB=\'#not a comment\'\nexport C=3\nD="line1\nline2"\nE=\n');
    expect(values).toEqual({ A: 'x y', B: '#not a comment', C: '3', D: 'line1\nline2', E: '' });
  });

  it('refuses lines that are not NAME=value, with their line numbers, all at once', () => {
    const detail = errorOf(() => parseSettingsText('PORT=1\nPORT 3000\nDATA_DIR=./x\n1BAD=2\n', 'my.env'));
    expect(detail).toContain('my.env line 2: expected NAME=value, got "PORT 3000"');
    expect(detail).toContain('my.env line 4');
    expect(detail).not.toContain('line 3');
  });

  it('refuses a quote that is never closed', () => {
    expect(errorOf(() => parseSettingsText('A="open\nB=2\n'))).toContain('never closed');
  });
});
