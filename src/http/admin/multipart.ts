/**
 * A small `multipart/form-data` reader for the console's upload forms: one file field plus a few short
 * text fields (`_csrf`, the optional name). Busboy would do, but this is the only form that needs it.
 *
 * The body is read as a stream with a hard cap: nothing past the cap is kept in memory (the rest is read
 * and dropped, up to a limit, so the browser gets the 413 page), so a client can never make the server
 * hold more than the cap. The whole (capped) body is then split at the boundary.
 */
import type { Request } from 'express';
import { AppError } from '../../common/errors.js';

/** One uploaded file. */
export interface UploadedFile {
  field: string;
  /** The browser's file name (any path dropped by the browser or not: sanitised later). */
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** What {@link readMultipart} returns. */
export interface MultipartForm {
  fields: Record<string, string>;
  /** Absent when the form had no file field or no file was chosen. */
  file?: UploadedFile;
}

/** Limits of {@link readMultipart}. */
export interface MultipartLimits {
  /** Largest file, bytes. */
  maxFileBytes: number;
  /** Largest text field, bytes. Default 64 KB. */
  maxFieldBytes?: number;
  /** Most parts. Default 20. */
  maxParts?: number;
}

/** Room for part headers and text fields beyond the file itself. */
const OVERHEAD = 256 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Reads and parses a multipart form.
 *
 * @throws AppError INVALID_INPUT (not multipart, no boundary, malformed body, two files),
 *   PAYLOAD_TOO_LARGE (body, file or a field over its cap).
 */
export async function readMultipart(req: Request, limits: MultipartLimits): Promise<MultipartForm> {
  const boundary = boundaryOf(req.get('content-type') ?? '');
  const body = await readCapped(req, limits.maxFileBytes + OVERHEAD, limits.maxFileBytes);
  return parseMultipart(body, boundary, limits);
}

/** The boundary parameter of a `multipart/form-data` Content-Type. */
export function boundaryOf(contentType: string): string {
  if (!/^multipart\/form-data\b/i.test(contentType.trim())) throw new AppError('INVALID_INPUT', 'expected a multipart/form-data body');
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new AppError('INVALID_INPUT', 'multipart/form-data body without a boundary');
  return boundary;
}

/** Most bytes read and thrown away after the cap is passed, so a browser still sees the 413 page. */
const MAX_DRAIN = 64 * 1024 * 1024;

/**
 * Reads the request body, refusing it (413) once it passes `cap` bytes. Bytes past the cap are not
 * kept: up to {@link MAX_DRAIN} more are read and dropped (browsers show a connection error, not the
 * answer, when the server stops reading mid-upload), beyond that the connection is cut.
 */
function readCapped(req: Request, cap: number, fileCap: number): Promise<Buffer> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `the upload is larger than ${fileCap} bytes`);
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > cap + MAX_DRAIN) {
    req.pause();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (err: AppError | null) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(Buffer.concat(chunks, size));
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= cap) chunks.push(chunk);
      else if (chunks.length) chunks.length = 0;
      if (size > cap + MAX_DRAIN) {
        settle(tooLarge());
        req.destroy();
      }
    });
    req.once('end', () => settle(size > cap ? tooLarge() : null));
    req.once('error', (err: Error) => settle(new AppError('INVALID_INPUT', 'the upload was interrupted', { cause: err })));
    req.once('aborted', () => settle(new AppError('INVALID_INPUT', 'the upload was aborted by the client')));
  });
}

/** Splits a multipart body at its boundary into text fields and at most one file. */
export function parseMultipart(body: Buffer, boundary: string, limits: MultipartLimits): MultipartForm {
  const maxField = limits.maxFieldBytes ?? 64 * 1024;
  const maxParts = limits.maxParts ?? 20;
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  const form: MultipartForm = { fields: {} };
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw malformed('no boundary found');
  pos += delimiter.length;
  for (let parts = 0; ; parts++) {
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return form;
    if (parts >= maxParts) throw malformed(`more than ${maxParts} parts`);
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw malformed('boundary not followed by a line break');
    const headerEnd = body.indexOf(HEADER_END, pos + 2);
    if (headerEnd < 0) throw malformed('part headers never end');
    const headers = body.subarray(pos + 2, headerEnd).toString('utf8');
    const end = body.indexOf(next, headerEnd + 4);
    if (end < 0) throw malformed('part never ends');
    addPart(form, headers, body.subarray(headerEnd + 4, end), { maxField, maxFile: limits.maxFileBytes });
    pos = end + next.length;
  }
}

function addPart(form: MultipartForm, headers: string, content: Buffer, max: { maxField: number; maxFile: number }): void {
  const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1];
  if (disposition === undefined) throw malformed('a part without Content-Disposition: form-data');
  const name = param(disposition, 'name');
  if (name === undefined) throw malformed('a part without a name');
  const filename = param(disposition, 'filename');
  if (filename === undefined) {
    if (content.length > max.maxField) throw new AppError('PAYLOAD_TOO_LARGE', `form field "${name.slice(0, 40)}" is too long`);
    if (!(name in form.fields)) form.fields[name] = content.toString('utf8');
    return;
  }
  // A file input left empty still sends a part, with an empty name and no bytes.
  if (filename === '' && content.length === 0) return;
  if (form.file) throw new AppError('INVALID_INPUT', 'upload one file at a time');
  if (content.length > max.maxFile) throw new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${max.maxFile} bytes`);
  const contentType = /^content-type:\s*([^\r\n;]+)/im.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
  form.file = { field: name, filename, contentType, bytes: Buffer.from(content) };
}

/** A `key="value"` (or unquoted) parameter of a Content-Disposition header; browsers escape `"` as `%22` or `\"`. */
function param(disposition: string, key: string): string | undefined {
  const m = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${key}=([^;\\s]*)`, 'i').exec(disposition);
  if (!m) return undefined;
  return (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1');
}

function malformed(why: string): AppError {
  return new AppError('INVALID_INPUT', `malformed multipart body: ${why}`);
}
