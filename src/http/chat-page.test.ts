import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPublicDir } from './public-dir.js';

const dir = defaultPublicDir();
const js = readFileSync(join(dir, 'chat.js'), 'utf8');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
/** chat.js without comments (they may name the sinks they avoid). */
const code = js.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('chat page', () => {
  it('never builds markup from strings in chat.js', () => {
    expect(code, 'comment stripping went wrong').toContain('textContent');
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function']) {
      expect(code.includes(sink), `chat.js uses ${sink}; render server text with textContent instead`).toBe(false);
    }
  });

  it('has no inline script, style or event handler the CSP would block', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('is Vietnamese and accessible: lang, labelled input, polite live log, example chips', () => {
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<title>Trợ lý CCHC – Hỏi đáp cải cách hành chính</title>');
    expect(html).toMatch(/<label for="question"/);
    expect(html).toMatch(/id="log"[^>]*aria-live="polite"/);
    expect(html).toContain('name="viewport"');
    for (const q of ['Thủ tục hành chính là gì?', 'Cơ chế một cửa là gì?', 'thu tuc mot cua la gi', 'Đề án 4599 có mục tiêu gì?']) {
      expect(html).toContain(`data-question="${q}"`);
    }
  });

  it('generates ids that pass the server validation', () => {
    expect('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'.replace(/-/g, '')).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(js).toContain(".replace(/-/g, '')");
  });
});
