import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { oaSignature, oaSignatureMatches } from './oa-signature.js';

const raw = Buffer.from('{"app_id":"2553","event_name":"user_send_text","message":{"msg_id":"m1","text":"Chào"},"timestamp":"1699003881354"}', 'utf8');
const fields = { appId: '2553', timestamp: '1699003881354', secretKey: 'oa-secret-key' };

describe('oaSignatureMatches', () => {
  it('accepts mac=<sha256(app_id + raw body + timestamp + OA secret)>, the documented form', () => {
    const hex = createHash('sha256').update(`2553${raw.toString('utf8')}1699003881354oa-secret-key`, 'utf8').digest('hex');
    expect(oaSignature(raw, fields)).toBe(hex);
    expect(oaSignatureMatches(`mac=${hex}`, raw, fields)).toBe(true);
    expect(oaSignatureMatches(hex.toUpperCase(), raw, fields), 'bare hex, any case').toBe(true);
  });

  it('rejects a missing or empty header, another secret, and a body changed by one byte or re-serialised', () => {
    const good = `mac=${oaSignature(raw, fields)}`;
    expect(oaSignatureMatches(undefined, raw, fields)).toBe(false);
    expect(oaSignatureMatches('', raw, fields)).toBe(false);
    expect(oaSignatureMatches('mac=', raw, fields)).toBe(false);
    expect(oaSignatureMatches(good, raw, { ...fields, secretKey: 'other' })).toBe(false);
    expect(oaSignatureMatches(good, Buffer.from(raw.toString('utf8').replace('Chào', 'Chao')), fields)).toBe(false);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8')), null, 1));
    expect(oaSignatureMatches(good, reserialised, fields), 'the exact bytes are signed, not the parsed JSON').toBe(false);
  });

  it('is not an HMAC of the body with the secret (a common mistake in third-party code)', () => {
    const hmacLike = createHash('sha256').update(raw).digest('hex');
    expect(oaSignatureMatches(`mac=${hmacLike}`, raw, fields)).toBe(false);
  });
});
