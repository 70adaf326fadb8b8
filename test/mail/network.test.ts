/**
 * Connections cut under the engine (a loopback TCP proxy in front of Dovecot):
 * during IDLE, and during the initial sync's fetches. The engine reconnects with
 * backoff and carries on where it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/core.js';
import { startProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { appendMessages, deliver, freshAddress, mailServers, rawMessage, startMailCore } from '../helpers/mail.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('mail over a failing network', () => {
  it('recovers IDLE after the connection is cut, and new mail still arrives by itself', async () => {
    const proxy = await startProxy(`http://127.0.0.1:${mailServers().imapPort}`);
    const mc = await startMailCore({ server, imapPort: Number(new URL(proxy.url).port) });
    try {
      await mc.folderId('inbox');
      await eventually(async () => (await mc.rpc.call('mail.status', {})).state === 'online');
      proxy.setOffline(true);
      await new Promise((r) => setTimeout(r, 500));
      proxy.setOffline(false);
      // Delivered after the cut: seen through the re-established IDLE (or its catch-up sync), no sync call.
      await deliver({ from: freshAddress('t-gui'), to: mc.email, subject: 'Sau khi mất kết nối', text: 'Thư mới.' });
      await eventually(async () => (await mc.list('inbox')).items.some((i) => i.subject === 'Sau khi mất kết nối'), 20_000);
      // And again while nothing is cut: IDLE is live.
      await deliver({ from: freshAddress('t-gui'), to: mc.email, subject: 'Thư thứ hai', text: 'Thư mới.' });
      await eventually(async () => (await mc.list('inbox')).items.some((i) => i.subject === 'Thư thứ hai'), 10_000);
    } finally {
      await mc.close();
      await proxy.close();
    }
  });

  it('resumes an initial sync cut mid-fetch without losing or duplicating messages', async () => {
    const email = freshAddress();
    const N = 1500;
    const raws = Array.from({ length: N }, (_, i) => rawMessage({ to: email, subject: `Văn bản ${i + 1}`, date: new Date(Date.UTC(2025, 0, 1) + i * 60_000) }));
    await appendMessages(email, 'INBOX', raws);
    const proxy = await startProxy(`http://127.0.0.1:${mailServers().imapPort}`);
    const mc = await startMailCore({ email, server, imapPort: Number(new URL(proxy.url).port), mail: { chunkSize: 100 } });
    try {
      // Cut as soon as the first chunk is in.
      await mc.rpc.waitFor('mail.changed', (p) => (p.messageIds ?? []).length > 0, 20_000);
      proxy.setOffline(true);
      const partial = await mc.list('inbox');
      expect(partial.total).toBeLessThan(N);
      await eventually(async () => (await mc.rpc.call('mail.status', {})).state === 'offline', 10_000);
      proxy.setOffline(false);
      await eventually(async () => (await mc.list('inbox')).total === N, 30_000);
      const all = await mc.rpc.call('mail.list', { folderId: await mc.folderId('inbox'), limit: 500 });
      expect(all.items[0]!.subject).toBe(`Văn bản ${N}`);
      await eventually(async () => (await mc.rpc.call('mail.status', {})).state === 'online');
    } finally {
      await mc.close();
      await proxy.close();
    }
  });
});
