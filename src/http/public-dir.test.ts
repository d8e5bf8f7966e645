import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../common/errors.js';
import { defaultPublicDir } from './public-dir.js';
import { loggedPath } from './request-context.js';

const repoRoot = resolve(import.meta.dirname, '../..');

describe('defaultPublicDir', () => {
  it('finds the page beside the source module', () => {
    expect(defaultPublicDir()).toBe(join(repoRoot, 'src', 'http', 'public'));
  });

  it('finds src/http/public from the compiled module in dist/', () => {
    const compiled = pathToFileURL(join(repoRoot, 'dist', 'src', 'http', 'public-dir.js')).href;
    const dir = defaultPublicDir(compiled);
    expect(dir).toBe(join(repoRoot, 'src', 'http', 'public'));
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
  });

  it('fails loudly when the page is nowhere to be found', () => {
    expect(() => defaultPublicDir(pathToFileURL('/nonexistent-root/x/y.js').href)).toThrow(AppError);
  });
});

describe('loggedPath', () => {
  it('drops query strings and anything after the webhook channel', () => {
    expect(loggedPath('/api/chat?x=1')).toBe('/api/chat');
    expect(loggedPath('/webhooks/telegram?token=abc')).toBe('/webhooks/telegram');
    expect(loggedPath('/webhooks/bot123:SECRET/more')).toBe('/webhooks/:redacted');
    expect(loggedPath('/webhooks')).toBe('/webhooks');
  });

  it('redacts segments that look like tokens anywhere', () => {
    expect(loggedPath('/bot123456:AAE-secret_token/getMe')).toBe('/:redacted/getMe');
    expect(loggedPath(`/x/${'a'.repeat(40)}`)).toBe('/x/:redacted');
    expect(loggedPath('/chat.js')).toBe('/chat.js');
  });
});
