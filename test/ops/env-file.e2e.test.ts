import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/shared.js';
import { freePort, runCli, startServe } from '../support/cli-process.js';
import type { ServerProcess } from '../support/cli-process.js';

const dirs: string[] = [];
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder standing for a fresh checkout: only a settings file, knowledge taken from the repository. */
function checkout(envText: string, name = '.env'): string {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-checkout-'));
  dirs.push(dir);
  writeFileSync(join(dir, name), envText);
  return dir;
}

describe('serve with a settings file', () => {
  it('starts with the port and data folder from .env in the working directory', async () => {
    const port = await freePort();
    const cwd = checkout(`# settings for this test\nPORT=${port}\nDATA_DIR=./state\nKNOWLEDGE_DIR=${join(REPO_ROOT, 'knowledge')}\nLOG_LEVEL=info\n`);
    server = await startServe({ cwd });
    expect(server.port, 'the server should listen on PORT from .env').toBe(port);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(existsSync(join(cwd, 'state', 'cchc.sqlite')), 'the database belongs in DATA_DIR from .env').toBe(true);
    expect(existsSync(join(cwd, 'state', 'index', 'CURRENT'))).toBe(true);
    expect(existsSync(join(cwd, 'data')), 'no default ./data folder may be created').toBe(false);
    expect(server.output()).toContain(`settings read from ${join(cwd, '.env')}`);
  }, 120_000);

  it('lets the environment win over the file, and reads a file named with --env-file', async () => {
    const [filePort, envPort] = [await freePort(), await freePort()];
    const cwd = checkout(`PORT=${filePort}\nDATA_DIR=./other\nKNOWLEDGE_DIR=${join(REPO_ROOT, 'knowledge')}\n`, 'prod.env');
    server = await startServe({ cwd, args: ['--env-file', 'prod.env', 'serve'], env: { PORT: String(envPort) } });
    expect(server.port, 'PORT from the environment should win over the file').toBe(envPort);
    expect(existsSync(join(cwd, 'other', 'cchc.sqlite'))).toBe(true);
  }, 120_000);

  it('refuses to start on a malformed line or a missing --env-file, naming the problem', async () => {
    const cwd = checkout('PORT=3000\nDATA_DIR ./x\n');
    const bad = await runCli(['serve'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.env line 2: expected NAME=value');
    const missing = await runCli(['--env-file', '/nonexistent/cchc.env', 'config'], { cwd });
    // Node 20 itself checks that a file named with --env-file exists, even after the script name, and
    // exits with 9 before our code runs; either way the run fails and names the file.
    expect([2, 9]).toContain(missing.code);
    expect(missing.stderr).toMatch(/\/nonexistent\/cchc\.env:? (is )?not found/);
  }, 120_000);
});

describe('cchc config', () => {
  it('shows each setting with its source and hides secrets', async () => {
    const cwd = checkout('PORT=4555\nADMIN_TOKEN=very-secret-admin-token\nTELEGRAM_TOKEN=oops\n');
    const r = await runCli(['config'], { cwd, env: { LOG_LEVEL: 'warn' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PORT\s+4555\s+settings file/);
    expect(r.stdout).toMatch(/LOG_LEVEL\s+warn\s+environment/);
    expect(r.stdout).toMatch(/HOST\s+\(default\)\s+default/);
    expect(r.stdout).toMatch(/ADMIN_TOKEN\s+\(set\)/);
    expect(r.stdout).not.toContain('very-secret-admin-token');
    expect(r.stderr).toContain('TELEGRAM_TOKEN, which cchc-bot does not read');
  }, 120_000);

  it('exits 1 and lists the problems when a setting is invalid', async () => {
    const cwd = checkout('PORT=abc\nLOG_LEVEL=loud\n');
    const r = await runCli(['config'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PORT="abc" must be an integer');
    expect(r.stdout).toContain('LOG_LEVEL="loud"');
  }, 120_000);
});
