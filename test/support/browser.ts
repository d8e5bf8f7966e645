import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run when missing). */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep headless Chromium off the closed network of this machine. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless Chromium with a fresh profile; `close()` also removes the profile folder. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium for a browser test. Throws — failing the test, never skipping it — when Chromium is
 * missing; `what` names what could not be tested.
 */
export async function launchChromium(what: string): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}, so ${what} cannot be tested in a browser. help: run "apt-get install -y chromium" (CI installs it); this test never skips.`);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'cchc-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: ARGS, locale: 'vi-VN' });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
