import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf, metadata } from '../helpers/api.js';
import { eventually, signIn, startCore, type InProcessCore } from '../helpers/core.js';
import { appendMessages, freshAddress, mailServers, rawMessage, serverMessages, startMailCore } from '../helpers/mail.js';
import { startProxy, type NetProxy } from '../helpers/netProxy.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('signing out', () => {
  let server: TestServer;
  let proxy: NetProxy;
  let core: InProcessCore;

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startProxy(server.url);
  });
  afterAll(async () => {
    proxy?.stall(false);
    await core?.close();
    await proxy?.close();
    await server?.close();
  });

  it('mid-sync, with the server hung, signs out at once, keeps the outbox, and the next sign-in sends it', async () => {
    core = startCore();
    const { rpc } = core;
    await signIn(rpc, proxy.url, 'vanthu');
    await rpc.call('sync.now');

    // The server stops answering while a registration with its scan is being sent.
    proxy.stall(true);
    const ref = await rpc.call('files.add', { name: 'Công văn 88.pdf', bytes: new Uint8Array(makePdf('Cong van so 88')) });
    const documentId = randomUUID();
    await rpc.call('mutate', {
      name: 'incoming.register',
      args: { documentId, metadata: metadata({ subject: 'Về việc đăng xuất giữa chừng', codeNumber: '88', codeNotation: 'UBND-VP' }), files: [ref] },
    });
    await eventually(async () => proxy.stalledOpen().some((l) => l.startsWith('PUT /api/v1/files/')));

    await rpc.call('session.logout');
    expect((await rpc.call('session.get')).signedIn).toBe(false);
    // Sign-out did not wait for the hung server: its goodbye to the server goes out after, and hangs unanswered.
    await eventually(async () => proxy.stalledOpen().some((l) => l.startsWith('POST /api/v1/auth/logout')), 3000);

    // The core is ready for the next sign-in, and the registration was kept and is delivered.
    proxy.stall(false);
    await signIn(rpc, proxy.url, 'vanthu');
    expect((await rpc.call('incoming.get', { id: documentId }))?.pendingRegistration).toBe(true);
    await eventually(async () => (await rpc.call('sync.status')).pendingCount === 0);
    const done = (await rpc.call('incoming.get', { id: documentId }))!;
    expect(done.pendingRegistration).toBe(false);
    expect(done.doc.arrivalNumber).toBeGreaterThan(0);
    expect(done.doc.files.map((f) => f.sha256)).toEqual([ref.sha256]);
  }, 30_000);

  it('while the mail engine is still connecting to a hung IMAP server, signs out at once, and keeps its queued changes', async () => {
    const email = freshAddress();
    await appendMessages(email, 'INBOX', [rawMessage({ to: email, subject: 'Giấy mời họp' })]);
    const imap = await startProxy(`http://127.0.0.1:${mailServers().imapPort}`);
    const mc = await startMailCore({ email, server, imapPort: Number(new URL(imap.url).port) });
    try {
      const message = await eventually(async () => (await mc.list('inbox')).items.find((i) => i.subject === 'Giấy mời họp'), 15_000);
      await mc.rpc.call('session.logout');

      // The IMAP server greets, then stops answering: the next sign-in's mail engine hangs
      // in the middle of connecting (its connection time-outs are minutes long).
      imap.stall(true);
      await signIn(mc.rpc, server.url, 'vanthu');
      await eventually(async () => imap.stalledOpen().length > 0);
      // Read locally; the change waits in the mail outbox for the server.
      await mc.rpc.call('mail.action', { ids: [message.id], action: 'read' });

      await mc.rpc.call('session.logout');
      expect((await mc.rpc.call('session.get')).signedIn).toBe(false);
      // Sign-out gave up the connections it was making rather than waiting for them.
      expect(imap.stalledOpen()).toEqual([]);

      // The server answers again: the next sign-in delivers the queued change.
      imap.stall(false);
      await signIn(mc.rpc, server.url, 'vanthu');
      await eventually(async () => (await serverMessages(email, 'INBOX'))[0]?.flags.has('\\Seen'), 20_000);
    } finally {
      await mc.close();
      await imap.close();
    }
  }, 50_000);

  it('while the mail engine is still connecting to a hung SMTP server to send, signs out at once; the message waits and goes once', async () => {
    const smtp = await startProxy(`http://127.0.0.1:${mailServers().smtpPort}`);
    const mc = await startMailCore({ server, smtpPort: Number(new URL(smtp.url).port) });
    const to = freshAddress('t-nhan');
    try {
      await mc.folderId('sent');
      // The SMTP server greets, then stops answering: the send hangs while logging in.
      smtp.stall(true);
      const sent = await mc.rpc.call('mail.send', { to: [{ name: 'Phòng Nội vụ', address: to }], subject: 'Gửi khi máy chủ thư treo', text: 'Một bản duy nhất.' });
      await eventually(async () => smtp.stalledOpen().length > 0, 10_000);

      await mc.rpc.call('session.logout');
      expect((await mc.rpc.call('session.get')).signedIn).toBe(false);
      expect(smtp.stalledOpen()).toEqual([]);

      smtp.stall(false);
      await signIn(mc.rpc, server.url, 'vanthu');
      await eventually(async () => (await serverMessages(to, 'INBOX')).length === 1, 20_000);
      await eventually(async () => (await serverMessages(mc.email, 'Sent')).some((m) => m.messageId === sent.messageId), 10_000);
      expect(await serverMessages(to, 'INBOX')).toHaveLength(1);
    } finally {
      smtp.stall(false);
      await mc.close();
      await smtp.close();
    }
  }, 50_000);

  it('while a mail is being handed to a hung SMTP server, the windows see the session end at once; the send finishes, exactly once', async () => {
    const smtp = await startProxy(`http://127.0.0.1:${mailServers().smtpPort}`);
    // A pause once the send is committed as 'sending', to hang the server just before the transaction.
    const mc = await startMailCore({ server, smtpPort: Number(new URL(smtp.url).port), mail: { sendPause: { phase: 'sending', ms: 3000 } } });
    const to = freshAddress('t-nhan');
    try {
      await mc.folderId('sent');
      await mc.rpc.call('mail.send', { to: [{ name: 'Phòng Tư pháp', address: to }], subject: 'Gửi trước khi đăng xuất', text: 'Một bản duy nhất.' });
      await eventually(async () => (await mc.rpc.call('mail.outbox', {})).some((o) => o.state === 'sending'));
      smtp.stall(true);
      await eventually(async () => smtp.stalledOpen().length > 0, 10_000);

      // The core must not drop an SMTP transaction (the message could go twice), so sign-out
      // itself finishes with it; but the session is over for the windows at once.
      let signedOut = false;
      const ended = mc.rpc.waitFor('changed', (e) => e.scope === 'session');
      const logout = mc.rpc.call('session.logout').then(() => (signedOut = true));
      await ended;
      expect((await mc.rpc.call('session.get')).signedIn).toBe(false);
      expect(signedOut).toBe(false);

      smtp.stall(false);
      await logout;
      await signIn(mc.rpc, server.url, 'vanthu');
      await eventually(async () => (await mc.rpc.call('mail.status', {})).pendingCount === 0, 20_000);
      await eventually(async () => (await serverMessages(to, 'INBOX')).length === 1, 10_000);
      await eventually(async () => (await serverMessages(mc.email, 'Sent')).length === 1, 10_000);
      expect(await serverMessages(to, 'INBOX')).toHaveLength(1);
    } finally {
      smtp.stall(false);
      await mc.close();
      await smtp.close();
    }
  }, 50_000);
});
