/**
 * The behaviour every {@link WebInboxStore} must show, run against the in-memory inbox and real databases
 * by the store integration tests. Not part of the public surface (it imports vitest).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebInboxStore } from '../channels/webchat/index.js';
import type { OutboundReply } from '../conversation/index.js';

/** A migrated store on a fresh database; the suite closes it after each test. */
export type WebInboxTestStore = WebInboxStore & { close(): Promise<void> };

const reply = (text: string): OutboundReply => ({ kind: 'text', text } as unknown as OutboundReply);

/** Registers the web inbox contract for one store. */
export function runWebInboxContract(name: string, open: () => Promise<WebInboxTestStore>): void {
  describe(`${name} as WebInboxStore`, () => {
    let store: WebInboxTestStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('hands a session its replies once, oldest first, and nothing of other sessions', async () => {
      await store.pushWebReply('s-1', reply('Cán bộ phụ trách đã trả lời: một'), 1_000);
      await store.pushWebReply('s-2', reply('khác phiên'), 1_001);
      await store.pushWebReply('s-1', reply('hai'), 1_002);
      expect(await store.takeWebReplies('s-1', 0)).toEqual([reply('Cán bộ phụ trách đã trả lời: một'), reply('hai')]);
      expect(await store.takeWebReplies('s-1', 0)).toEqual([]);
      expect(await store.takeWebReplies('s-2', 0)).toEqual([reply('khác phiên')]);
    });

    it('drops replies older than `since`', async () => {
      await store.pushWebReply('s-3', reply('cũ'), 1_000);
      await store.pushWebReply('s-3', reply('mới'), 5_000);
      expect(await store.takeWebReplies('s-3', 2_000)).toEqual([reply('mới')]);
      expect(await store.takeWebReplies('s-3', 0)).toEqual([]);
    });

    it('gives each reply to one of two racing polls', async () => {
      for (let i = 0; i < 20; i++) await store.pushWebReply('s-4', reply(`r${i}`), 1_000 + i);
      const [x, y] = await Promise.all([store.takeWebReplies('s-4', 0), store.takeWebReplies('s-4', 0)]);
      expect([...x, ...y]).toHaveLength(20);
    });
  });
}
