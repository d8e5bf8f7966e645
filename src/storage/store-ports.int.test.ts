import { describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { mountPorts } from './store-ports.js';
import type { StorePorts } from './store-ports.js';

describe('mountPorts', () => {
  it('serves every port method from its port object, and refuses a port object missing one or two ports naming one method', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
    try {
      expect(await store.markUpdate('web', 'k1', 1)).toBe(true);
      expect(await store.ports.conversation.markUpdate('web', 'k1', 2), 'the mounted method is the port object\'s').toBe(false);
      const broken = { ...store.ports, webInbox: { pushWebReply: store.ports.webInbox.pushWebReply } } as unknown as StorePorts;
      expect(() => mountPorts({}, broken)).toThrow(/webInbox port object has no method takeWebReplies/);
      const target = {};
      mountPorts(target, store.ports);
      expect(() => mountPorts(target, store.ports)).toThrow(/two ports define markUpdate/);
    } finally {
      await store.close();
    }
  });
});
