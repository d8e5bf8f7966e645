import { createHash } from 'node:crypto';

/** Hex SHA-256 of a buffer or string; used for content hashes of knowledge files and chunks. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
