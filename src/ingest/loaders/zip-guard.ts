import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../common/errors.js';
import { formatSize, limitError } from './load-limits.js';
import type { LoadLimits } from './load-limits.js';

/** One entry of a ZIP central directory. */
interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;

/**
 * Checks a ZIP container (a .docx) against the limits before any library inflates it.
 *
 * First from the central directory alone: entry count and the sum of declared uncompressed sizes, so a
 * bomb is refused without inflating a byte. Then each entry is inflated once with its declared size as a
 * hard output cap (zlib stops there), so an entry that lies about its size is refused as well; after this
 * check, what mammoth inflates is bounded by `maxUncompressedBytes`.
 *
 * It does not check that the ZIP is a Word document (mammoth does) nor the CRCs.
 *
 * @throws AppError DOCUMENT_TOO_LARGE (limit kinds `entries`, `uncompressed`) or DOCUMENT_UNREADABLE
 *   (not a readable ZIP, ZIP64, unsupported compression).
 */
export function checkZipLimits(relPath: string, bytes: Uint8Array, limits: Pick<LoadLimits, 'maxUncompressedBytes' | 'maxZipEntries'>): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(relPath, buf, limits.maxZipEntries);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw limitError(
      'uncompressed',
      relPath,
      `its contents expand to ${formatSize(declared)} (${entries.length} entries); the limit is ${formatSize(limits.maxUncompressedBytes)}. ` +
        'Split the document, or remove large embedded objects and save it again.',
    );
  }
  for (const entry of entries) verifyEntry(relPath, buf, entry);
}

function readCentralDirectory(relPath: string, buf: Buffer, maxEntries: number): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw unreadable(relPath, 'no ZIP end-of-central-directory record');
  const total = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw unreadable(relPath, 'ZIP64 archives are not accepted for .docx');
  }
  if (total > maxEntries) {
    throw limitError('entries', relPath, `the archive has ${total} entries; the limit is ${maxEntries}`);
  }
  if (cdOffset + cdSize > buf.length) throw unreadable(relPath, 'the ZIP central directory lies outside the file');
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  while (at < cdOffset + cdSize) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) break;
    if (entries.length >= maxEntries) {
      throw limitError('entries', relPath, `the archive has more than ${maxEntries} entries`);
    }
    const nameLength = buf.readUInt16LE(at + 28);
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      uncompressedSize: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  if (entries.length === 0) throw unreadable(relPath, 'the ZIP archive is empty');
  return entries;
}

/** Offset of the end-of-central-directory record (searched back over a comment of up to 64 KB), or -1. */
function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - EOCD_MIN - 0xffff);
  for (let at = buf.length - EOCD_MIN; at >= stop; at -= 1) {
    if (buf.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/** Inflates one entry with its declared size as the cap: larger output means the directory lied. */
function verifyEntry(relPath: string, buf: Buffer, entry: ZipEntry): void {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL_SIGNATURE) {
    throw unreadable(relPath, `entry "${entry.name}" has no local header`);
  }
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw lying(relPath, entry);
    return;
  }
  if (entry.method !== 8) throw unreadable(relPath, `entry "${entry.name}" uses unsupported compression method ${entry.method}`);
  let inflated: Buffer;
  try {
    // One byte of headroom: reaching it proves the entry inflates beyond what it declares.
    inflated = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw lying(relPath, entry);
    throw unreadable(relPath, `entry "${entry.name}" is damaged (${error instanceof Error ? error.message : String(error)})`, error);
  }
  if (inflated.length > entry.uncompressedSize) throw lying(relPath, entry);
}

function lying(relPath: string, entry: ZipEntry): AppError {
  return limitError(
    'uncompressed',
    relPath,
    `entry "${entry.name}" inflates beyond the ${formatSize(entry.uncompressedSize)} its header declares (a crafted archive); refused`,
  );
}

function unreadable(relPath: string, reason: string, cause?: unknown): AppError {
  return new AppError(
    'DOCUMENT_UNREADABLE',
    `${relPath}: cannot read this .docx (${reason}). Open it in Word or LibreOffice and save it again as .docx.`,
    cause === undefined ? undefined : { cause },
  );
}
