import { describe, expect, it } from 'vitest';
import { isAppError } from '../../common/errors.js';
import { boundaryOf, parseMultipart } from './multipart.js';

/** The bytes and Content-Type a browser-like client (undici) produces for a form. */
async function encode(form: FormData): Promise<{ body: Buffer; type: string }> {
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (err: unknown) {
    if (isAppError(err)) return err.code;
    throw err;
  }
}

describe('parseMultipart', () => {
  it('reads text fields and one file, bytes intact, Vietnamese names included', async () => {
    const bytes = new Uint8Array([0, 1, 2, 13, 10, 45, 45, 255, 0x25, 0x50, 0x44, 0x46]);
    const form = new FormData();
    form.set('_csrf', 'tok');
    form.set('name', 'Nghị định 118.pdf');
    form.set('file', new Blob([bytes], { type: 'application/pdf' }), 'Quyết định "số 1".pdf');
    const { body, type } = await encode(form);
    const parsed = parseMultipart(body, boundaryOf(type), { maxFileBytes: 1000 });
    expect(parsed.fields).toEqual({ _csrf: 'tok', name: 'Nghị định 118.pdf' });
    expect(parsed.file?.field).toBe('file');
    expect(parsed.file?.filename).toMatch(/^Quyết định (%22|\\?")số 1(%22|\\?")\.pdf$/);
    expect(parsed.file?.contentType).toBe('application/pdf');
    expect([...(parsed.file?.bytes ?? [])]).toEqual([...bytes]);
  });

  it('treats an empty file input as no file', async () => {
    const form = new FormData();
    form.set('_csrf', 'tok');
    form.set('file', new Blob([]), '');
    const { body, type } = await encode(form);
    expect(parseMultipart(body, boundaryOf(type), { maxFileBytes: 10 }).file).toBeUndefined();
  });

  it('refuses a file over the cap with PAYLOAD_TOO_LARGE, and two files with INVALID_INPUT', async () => {
    const big = new FormData();
    big.set('file', new Blob([new Uint8Array(11)]), 'a.pdf');
    const a = await encode(big);
    expect(codeOf(() => parseMultipart(a.body, boundaryOf(a.type), { maxFileBytes: 10 }))).toBe('PAYLOAD_TOO_LARGE');
    const two = new FormData();
    two.append('file', new Blob(['x']), 'a.md');
    two.append('file', new Blob(['y']), 'b.md');
    const b = await encode(two);
    expect(codeOf(() => parseMultipart(b.body, boundaryOf(b.type), { maxFileBytes: 10 }))).toBe('INVALID_INPUT');
  });

  it('refuses malformed bodies and missing boundaries with INVALID_INPUT', () => {
    expect(codeOf(() => boundaryOf('application/json'))).toBe('INVALID_INPUT');
    expect(codeOf(() => boundaryOf('multipart/form-data'))).toBe('INVALID_INPUT');
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    for (const body of ['garbage', '--xx\r\nno headers end', '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nnever ends', '--xxjunk']) {
      expect(codeOf(() => parseMultipart(Buffer.from(body), 'xx', { maxFileBytes: 10 })), body).toBe('INVALID_INPUT');
    }
  });
});
