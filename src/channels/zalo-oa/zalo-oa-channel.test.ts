import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { startFakeZaloOa, oaTextEvent, oaFollowEvent, oaMediaEvent, FAKE_OA_ID } from '../../../test/fakes/zalo-oa-api.js';
import type { FakeZaloOa } from '../../../test/fakes/zalo-oa-api.js';
import { MemoryZaloOaStore } from '../../../test/support/memory-zalo-oa-store.js';
import { AppError } from '../../common/errors.js';
import { silentLogger } from '../../common/logger.js';
import type { Dispatcher, InboundMessage, ReplySender } from '../../conversation/index.js';
import type { WebhookRequest } from '../webhook.js';
import { OaApiError } from './oa-errors.js';
import { ZaloOaChannel } from './zalo-oa-channel.js';

const USER = '8411000000000000001';

describe('ZaloOaChannel', () => {
  let fake: FakeZaloOa;
  let store: MemoryZaloOaStore;
  let accepted: InboundMessage[];
  let ch: ZaloOaChannel;
  let dispatcher: Dispatcher;

  beforeEach(async () => {
    fake = await startFakeZaloOa();
    store = new MemoryZaloOaStore();
    accepted = [];
    dispatcher = { accept: vi.fn(async (m: InboundMessage, _s: ReplySender) => (accepted.push(m), true)), handleNow: vi.fn(async () => null), drain: vi.fn(async () => {}) };
    ch = new ZaloOaChannel({
      appId: fake.appId, appSecret: fake.appSecret, secretKey: fake.secretKey, tokenKey: Buffer.alloc(32, 5),
      apiRoot: fake.apiRoot, oauthRoot: fake.oauthRoot, store, dispatcher, logger: silentLogger,
      minSendIntervalMs: 0, retry: { sleep: async () => {}, baseDelayMs: 1 },
    });
    expect(await ch.tokens.seed(fake.issueRefreshToken())).toBe('seeded');
  });
  afterEach(async () => {
    await ch.stop();
    await fake.close();
  });

  /** A webhook request as the HTTP layer hands it over, signed like Zalo signs it. */
  function signed(event: Record<string, unknown>, signature?: string): WebhookRequest {
    const raw = JSON.stringify({ app_id: fake.appId, timestamp: String(Date.now()), ...event });
    const b = JSON.parse(raw) as { app_id: string; timestamp: string };
    const mac = createHash('sha256').update(`${b.app_id}${raw}${b.timestamp}${fake.secretKey}`).digest('hex');
    return { headers: { 'x-zevent-signature': signature ?? `mac=${mac}` }, body: b, rawBody: Buffer.from(raw), requestId: 'r1' };
  }

  it('accepts a signed text message: interaction recorded, message handed to the core with msg_id as key', async () => {
    const res = await ch.webhook(signed(oaTextEvent(USER, 'Cơ chế một cửa là gì?', { msgId: 'm-1' })));
    expect(res).toEqual({ status: 200, body: { ok: true } });
    expect(accepted).toMatchObject([{ channel: 'zalo-oa', chatId: USER, userId: USER, updateKey: 'm-1', kind: 'text', text: 'Cơ chế một cửa là gì?' }]);
    expect(await store.getOaUser(USER)).toMatchObject({ lastMessageId: 'm-1', repliesToLastMessage: 0 });
  });

  it('answers 401 to a forged or missing signature, a signature for another body, and another app id; nothing is recorded', async () => {
    const forged = await ch.webhook(signed(oaTextEvent(USER, 'x'), `mac=${'ab'.repeat(32)}`));
    const missing = signed(oaTextEvent(USER, 'x'));
    missing.headers = {};
    const good = signed(oaTextEvent(USER, 'x'));
    const tampered = { ...good, rawBody: Buffer.from(good.rawBody?.toString('utf8').replace('"x"', '"y"') ?? '') };
    const otherApp = signed({ ...oaTextEvent(USER, 'x'), app_id: '999' });
    for (const r of [forged, await ch.webhook(missing), await ch.webhook(tampered), await ch.webhook(otherApp)]) expect(r.status).toBe(401);
    expect(accepted).toEqual([]);
    expect(await store.getOaUser(USER)).toBeNull();
  });

  it('ignores receipts (200), greets a follower with help, records an unfollow without replying', async () => {
    expect(await ch.webhook(signed({ event_name: 'user_seen_message', sender: { id: FAKE_OA_ID }, recipient: { id: USER }, message: { msg_id: 'x' } }))).toEqual({ status: 200, body: { ok: true, ignored: true } });
    await ch.webhook(signed(oaFollowEvent(USER)));
    await ch.webhook(signed(oaFollowEvent('u-2', 'unfollow')));
    expect(accepted.map((m) => [m.chatId, m.kind, m.command?.name])).toEqual([[USER, 'command', 'help']]);
    expect(await store.getOaUser('u-2')).toMatchObject({ followed: false });
    await ch.webhook(signed(oaMediaEvent(USER, 'file')));
    expect(accepted[1]).toMatchObject({ kind: 'media', media: 'file' });
  });

  it('answers 503 when the interaction or the update cannot be recorded, so Zalo redelivers', async () => {
    store.down = true;
    expect((await ch.webhook(signed(oaTextEvent(USER, 'x')))).status).toBe(503);
    store.down = false;
    dispatcher.accept = vi.fn(async () => {
      throw new AppError('STORAGE_UNAVAILABLE', 'down');
    });
    expect((await ch.webhook(signed(oaTextEvent(USER, 'y')))).status).toBe(503);
    expect(accepted).toEqual([]);
  });

  it('answers 500 (and logs) when the HTTP layer did not keep the raw body', async () => {
    const r = signed(oaTextEvent(USER, 'x'));
    delete r.rawBody;
    expect((await ch.webhook(r)).status).toBe(500);
  });

  describe('sender', () => {
    beforeEach(async () => {
      // The user writes first (the fake sees the interaction as Zalo would).
      await fake.deliver('http://127.0.0.1:9/none', oaTextEvent(USER, 'Xin chào', { msgId: 'm-in' })).catch(() => undefined);
      await store.recordOaInteraction({ userId: USER, at: Date.now(), kind: 'message', msgId: 'm-in' });
    });

    it('replies to the user\'s last message (free), split under 2000 characters, and counts the replies', async () => {
      const long = Array.from({ length: 60 }, (_, i) => `Đoạn ${i + 1}: ${'nội dung giải thích thủ tục hành chính '.repeat(3)}`).join('\n\n');
      await ch.sender.send(USER, { text: long });
      expect(fake.sent.length).toBeGreaterThan(1);
      expect(fake.sent.every((s) => s.text.length <= 2000 && s.replyTo === 'm-in' && s.billing === 'reply')).toBe(true);
      expect(fake.sentTexts(USER).join('\n\n').replace(/\s+/g, ' ')).toBe(long.replace(/\s+/g, ' ').trim());
      expect((await store.getOaUser(USER))?.repliesToLastMessage).toBe(fake.sent.length);
    });

    it('renders answers with the Zalo bot\'s typed choices', async () => {
      await ch.sender.send(USER, { text: 'Câu trả lời', choices: [{ action: 'helpful', label: '👍 Hữu ích' }, { action: 'unhelpful', label: '👎 Chưa đúng' }, { action: 'escalate', label: '🙋 Hỏi cán bộ' }] });
      expect(fake.sentTexts(USER).join('\n')).toMatch(/Trả lời 1 nếu hữu ích, 2 nếu chưa đúng, 3 để hỏi cán bộ\./);
    });

    it('refreshes once when the token expired mid-conversation, then sends', async () => {
      await ch.sender.send(USER, { text: 'một' });
      fake.expireAccessTokens();
      await ch.sender.send(USER, { text: 'hai' });
      expect(fake.sentTexts(USER)).toEqual(['một', 'hai']);
      expect(fake.refreshCalls()).toHaveLength(2); // the seed, then the one refresh
      expect(fake.callsOf('message/cs').map((c) => c.answer.error)).toEqual([0, -216, 0]);
    });

    it('retries a rate limit, and fails for good (permanent) when the window closed or quota ran out', async () => {
      fake.failNextSend({ error: -32, message: 'Your application reached limit call api' });
      await ch.sender.send(USER, { text: 'sau giới hạn' });
      expect(fake.sentTexts(USER)).toEqual(['sau giới hạn']);
      fake.advance(8 * 24 * 3600_000);
      const closed = await ch.sender.send(USER, { text: 'quá 7 ngày' }).catch((e: unknown) => e);
      expect(closed).toBeInstanceOf(OaApiError);
      expect(closed).toMatchObject({ code: -230, kind: 'window', permanent: true });
      fake.advance(-8 * 24 * 3600_000 + 49 * 3600_000);
      const quota = await ch.sender.send(USER, { text: 'sau 48 giờ' }).catch((e: unknown) => e);
      expect(quota).toMatchObject({ code: -211, kind: 'quota', permanent: true });
    });
  });
});
