/**
 * The `X-ZEvent-Signature` check of Zalo OA webhooks (platforms.md §2.3): the header is `mac=<hex>`, where
 * `<hex>` is a plain SHA-256 (not an HMAC) of `app_id + rawBody + timestamp + OA secret key`, `app_id`
 * and `timestamp` being the values inside the body. The body must be hashed as the exact bytes received:
 * re-serialising the parsed JSON changes them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Header carrying the signature (lower-cased, as Node delivers header names). */
export const OA_SIGNATURE_HEADER = 'x-zevent-signature';

/** What the signature covers besides the body. */
export interface OaSignedFields {
  /** `app_id` as written in the body. */
  appId: string;
  /** `timestamp` as written in the body (epoch ms, a string). */
  timestamp: string;
  /** The OA secret key (`ZALO_OA_SECRET_KEY`). */
  secretKey: string;
}

/**
 * The signature value Zalo sends for `rawBody`, as lower-case hex (without the `mac=` prefix). Tests and
 * the fake OA server sign with it; the webhook compares with {@link oaSignatureMatches}.
 */
export function oaSignature(rawBody: Buffer, f: OaSignedFields): string {
  return createHash('sha256').update(f.appId, 'utf8').update(rawBody).update(f.timestamp, 'utf8').update(f.secretKey, 'utf8').digest('hex');
}

/**
 * True when `header` (`mac=<hex>`, or the bare hex some integrations report) is the signature of
 * `rawBody`. The comparison takes the same time whatever the header holds: both sides are hashed to a
 * fixed length first. A missing or empty header never matches.
 */
export function oaSignatureMatches(header: string | undefined, rawBody: Buffer, f: OaSignedFields): boolean {
  const given = (header ?? '').trim().replace(/^mac=/i, '').toLowerCase();
  const expected = oaSignature(rawBody, f);
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}
