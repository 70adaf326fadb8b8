/**
 * The mail engine against the real private Dovecot + Postfix: initial sync of a
 * seeded mailbox, new mail through IDLE, another client's flag changes and
 * deletions, local actions replayed to the server, UIDVALIDITY reset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/core.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { appendMessages, deliver, doveadm, freshAddress, otherClient, rawMessage, serverMessages, startMailCore } from '../helpers/mail.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('mail sync', () => {
  it('syncs a seeded mailbox newest first, with folders, roles, unread counts, snippets and threads', async () => {
    const email = freshAddress();
    const day = 86_400_000;
    const raws = Array.from({ length: 30 }, (_, i) =>
      rawMessage({ to: email, subject: `Công văn số ${i + 1}`, date: new Date(Date.now() - (30 - i) * day), text: `Kính gửi Văn phòng, nội dung công văn số ${i + 1} về việc đề nghị.` }),
    );
    raws.push(rawMessage({ to: email, subject: 'Re: Công văn số 30', messageId: 'reply-1@test', headers: ['In-Reply-To: <root-30@test>', 'References: <root-30@test>'], text: 'Trả lời' }));
    raws.push(rawMessage({ to: email, subject: 'Công văn gốc', messageId: 'root-30@test', date: new Date(Date.now() - 2 * day), text: 'Gốc' }));
    await appendMessages(email, 'INBOX', raws.slice(0, 10), ['\\Seen']);
    await appendMessages(email, 'INBOX', raws.slice(10));
    const mc = await startMailCore({ email, server });
    try {
      const folders = await eventually(async () => {
        const f = await mc.rpc.call('mail.folders', {});
        const inbox = f.find((x) => x.role === 'inbox');
        return inbox && inbox.total === 32 ? f : null;
      });
      expect(folders.map((f) => f.role).sort()).toEqual(['archive', 'drafts', 'inbox', 'junk', 'sent', 'trash']);
      expect(folders.find((f) => f.role === 'inbox')?.unread).toBe(22);
      const inboxId = await mc.folderId('inbox');
      const page1 = await mc.rpc.call('mail.list', { folderId: inboxId, limit: 20 });
      expect(page1.total).toBe(32);
      expect(page1.items).toHaveLength(20);
      const dates = page1.items.map((i) => i.date);
      expect([...dates].sort().reverse()).toEqual(dates);
      const page2 = await mc.rpc.call('mail.list', { folderId: inboxId, limit: 20, after: page1.next });
      expect(page2.items).toHaveLength(12);
      expect(new Set([...page1.items, ...page2.items].map((i) => i.id)).size).toBe(32);
      const unread = await mc.rpc.call('mail.list', { folderId: inboxId, unreadOnly: true, limit: 100 });
      expect(unread.total).toBe(22);
      const cv5 = [...page1.items, ...page2.items].find((i) => i.subject === 'Công văn số 5');
      expect(cv5?.snippet).toContain('nội dung công văn số 5');
      const reply = page1.items.find((i) => i.subject === 'Re: Công văn số 30');
      const root = page1.items.find((i) => i.subject === 'Công văn gốc');
      expect(reply?.threadId).toBe(root?.threadId);
      expect(reply?.threadCount).toBe(2);
      const thread = await mc.rpc.call('mail.thread', { threadId: reply!.threadId });
      expect(thread.map((t) => t.subject)).toEqual(['Công văn gốc', 'Re: Công văn số 30']);
      // Accent-insensitive local search.
      const found = await mc.rpc.call('mail.search', { query: 'cong van so 12', limit: 10 });
      expect(found.some((f) => f.subject === 'Công văn số 12')).toBe(true);
      // Opening a message gives its body and marks it read (locally at once, then on the server).
      const view = await mc.rpc.call('mail.get', { id: cv5!.id });
      expect(view?.text).toContain('nội dung công văn số 5');
      expect(view?.seen).toBe(true);
      await eventually(async () => (await serverMessages(email, 'INBOX')).find((m) => m.subject === 'Công văn số 5')?.flags.has('\\Seen'));
    } finally {
      await mc.close();
    }
  });

  it('shows new mail delivered by SMTP through IDLE, without a sync call', async () => {
    const mc = await startMailCore({ server });
    try {
      await mc.folderId('inbox');
      await eventually(async () => (await mc.rpc.call('mail.status', {})).state === 'online');
      const changed = mc.rpc.waitFor('mail.changed', (p) => (p.messageIds ?? []).length > 0, 15_000);
      await deliver({ from: freshAddress('t-sender'), to: mc.email, subject: 'Giấy mời họp khẩn', text: 'Kính mời đồng chí dự họp.' });
      await changed;
      const list = await mc.list('inbox');
      expect(list.items.map((i) => i.subject)).toContain('Giấy mời họp khẩn');
    } finally {
      await mc.close();
    }
  });

  it('picks up flags changed and messages deleted by another client; local actions reach the server', async () => {
    const email = freshAddress();
    await appendMessages(email, 'INBOX', [1, 2, 3, 4, 5].map((i) => rawMessage({ to: email, subject: `Thư ${i}` })));
    const mc = await startMailCore({ email, server });
    try {
      await eventually(async () => (await mc.list('inbox')).total === 5);
      const other = await otherClient(email);
      try {
        await other.mailboxOpen('INBOX');
        const uids = (await other.search({ all: true }, { uid: true })) as number[];
        await other.messageFlagsAdd(String(uids[0]), ['\\Seen', '\\Flagged'], { uid: true });
        await other.messageDelete(String(uids[1]), { uid: true });
      } finally {
        await other.logout();
      }
      await mc.rpc.call('mail.syncNow', {});
      const list = await mc.list('inbox');
      expect(list.total).toBe(4);
      expect(list.items.map((i) => i.subject).sort()).toEqual(['Thư 1', 'Thư 3', 'Thư 4', 'Thư 5']);
      const t1 = list.items.find((i) => i.subject === 'Thư 1');
      expect(t1).toMatchObject({ seen: true, flagged: true });

      // Local actions: flag, archive, delete (to Trash) — applied at once, then on the server.
      const t3 = list.items.find((i) => i.subject === 'Thư 3')!;
      const t4 = list.items.find((i) => i.subject === 'Thư 4')!;
      const t5 = list.items.find((i) => i.subject === 'Thư 5')!;
      await mc.rpc.call('mail.action', { ids: [t3.id], action: 'flag' });
      await mc.rpc.call('mail.action', { ids: [t4.id], action: 'archive' });
      await mc.rpc.call('mail.action', { ids: [t5.id], action: 'delete' });
      const now = await mc.list('inbox');
      expect(now.items.map((i) => i.subject).sort()).toEqual(['Thư 1', 'Thư 3']);
      expect(now.items.find((i) => i.subject === 'Thư 3')?.flagged).toBe(true);
      await eventually(async () => {
        const inbox = await serverMessages(email, 'INBOX');
        const archive = await serverMessages(email, 'Archive');
        const trash = await serverMessages(email, 'Trash');
        return inbox.length === 2 && inbox.find((m) => m.subject === 'Thư 3')?.flags.has('\\Flagged') && archive.some((m) => m.subject === 'Thư 4') && trash.some((m) => m.subject === 'Thư 5');
      });
      await eventually(async () => (await mc.rpc.call('mail.status', {})).pendingCount === 0);
      const archived = await mc.list('archive');
      expect(archived.items.map((i) => i.subject)).toEqual(['Thư 4']);
      expect(archived.items[0]!.pending).toBe(false);
      await mc.rpc.call('mail.syncNow', {});
      expect((await mc.list('archive')).total).toBe(1);
      expect((await mc.list('trash')).total).toBe(1);
    } finally {
      await mc.close();
    }
  });

  it('keeps pending actions across a UIDVALIDITY change and rebuilds the folder cache', async () => {
    const email = freshAddress();
    await appendMessages(email, 'INBOX', [1, 2, 3].map((i) => rawMessage({ to: email, subject: `Báo cáo ${i}` })));
    // An unreachable IMAP port for the replay: actions stay queued while the server changes.
    const mc = await startMailCore({ email, server });
    try {
      await eventually(async () => (await mc.list('inbox')).total === 3);
      const before = await mc.list('inbox');
      const b2 = before.items.find((i) => i.subject === 'Báo cáo 2')!;
      // The server's UIDVALIDITY changes (a restored or rebuilt mailbox), then the user flags a message.
      doveadm('mailbox', 'update', '-u', email, '--uid-validity', String(Math.floor(Date.now() / 1000) + 12345), 'INBOX');
      await mc.rpc.call('mail.action', { ids: [b2.id], action: 'flag' });
      await mc.rpc.call('mail.syncNow', {});
      await eventually(async () => (await serverMessages(email, 'INBOX')).find((m) => m.subject === 'Báo cáo 2')?.flags.has('\\Flagged'));
      await mc.rpc.call('mail.syncNow', {});
      const after = await mc.list('inbox');
      expect(after.total).toBe(3);
      expect(after.items.find((i) => i.subject === 'Báo cáo 2')?.flagged).toBe(true);
    } finally {
      await mc.close();
    }
  });
});
