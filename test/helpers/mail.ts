/**
 * Mail test helpers: the private Dovecot/Postfix started by the global setup, a
 * fresh mailbox per test (any t-…@kontum.gov.vn exists), seeding by APPEND through
 * a second imapflow session or by SMTP delivery, and a signed-in core with the
 * account configured.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { inject } from 'vitest';
import type { MailAccountSettings } from '../../src/shared/model/mail.js';
import type { RpcResult } from '../../src/shared/rpc/contract.js';
import type { MailEngineOptions } from '../../src/main/core/mail/engine.js';
import { eventually, signIn, startCore, type InProcessCore } from './core.js';
import { startTestServer, type TestServer } from './server.js';

export const mailServers = () => inject('mailServers');

export function freshAddress(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@${mailServers().domain}`;
}

export function accountSettings(email: string, o: { imapPort?: number; smtpPort?: number; bodyWindowDays?: number } = {}): MailAccountSettings {
  const m = mailServers();
  return {
    email,
    displayName: 'Văn thư Kon Tum',
    user: email,
    imap: { host: '127.0.0.1', port: o.imapPort ?? m.imapPort, security: 'none' },
    smtp: { host: '127.0.0.1', port: o.smtpPort ?? m.smtpPort, security: 'none' },
    smtpSavesSent: false,
    bodyWindowDays: o.bodyWindowDays ?? 30,
  };
}

/** A second, independent IMAP session (another mail client). Close it with logout(). */
export async function otherClient(user: string, port = mailServers().imapPort): Promise<ImapFlow> {
  const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: mailServers().password }, logger: false, qresync: true });
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** A raw RFC 5322 message. */
export function rawMessage(o: { from?: string; to: string; subject: string; text?: string; date?: Date; messageId?: string; headers?: string[]; body?: string }): string {
  const lines = [
    ...(o.from === '' ? [] : [`From: ${o.from ?? 'Sở Tài chính <stc@kontum.gov.vn>'}`]),
    `To: ${o.to}`,
    `Subject: ${o.subject}`,
    ...(o.date === null ? [] : [`Date: ${(o.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`]),
    `Message-ID: <${o.messageId ?? `${randomBytes(8).toString('hex')}@test.kontum.gov.vn`}>`,
    'MIME-Version: 1.0',
    ...(o.headers ?? []),
  ];
  if (o.body !== undefined) return `${lines.join('\r\n')}\r\n\r\n${o.body}`;
  return `${lines.join('\r\n')}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${o.text ?? 'Nội dung thư.'}\r\n`;
}

export async function appendMessages(user: string, folder: string, raws: (string | Buffer)[], flags: string[] = []): Promise<void> {
  const c = await otherClient(user);
  try {
    for (const r of raws) await c.append(folder, typeof r === 'string' ? Buffer.from(r) : r, flags);
  } finally {
    await c.logout().catch(() => c.close());
  }
}

export async function deliver(o: { from: string; fromName?: string; to: string; subject: string; text?: string; attachments?: { filename: string; content: Buffer; contentType?: string }[] }): Promise<void> {
  const m = mailServers();
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: m.smtpPort, secure: false, ignoreTLS: true, auth: { user: o.from, pass: m.password } });
  await t.sendMail({ from: o.fromName ? { name: o.fromName, address: o.from } : o.from, to: o.to, subject: o.subject, text: o.text ?? 'Xin chào', attachments: o.attachments ?? [] });
  t.close();
}

/** Messages in a folder of a mailbox, as another client sees them. */
export async function serverMessages(user: string, folder: string): Promise<{ uid: number; subject: string; messageId: string; flags: Set<string> }[]> {
  const c = await otherClient(user);
  try {
    const mb = await c.mailboxOpen(folder);
    if (mb.exists === 0) return [];
    const out: { uid: number; subject: string; messageId: string; flags: Set<string> }[] = [];
    for await (const m of c.fetch('1:*', { uid: true, envelope: true, flags: true })) out.push({ uid: m.uid, subject: m.envelope?.subject ?? '', messageId: (m.envelope?.messageId ?? '').replace(/^<|>$/gu, ''), flags: m.flags ?? new Set() });
    return out;
  } finally {
    await c.logout().catch(() => c.close());
  }
}

export function doveadm(...args: string[]): string {
  return execFileSync('doveadm', ['-c', mailServers().dovecotConf, ...args], { encoding: 'utf8' });
}

export function mailScript(cmd: 'stop-smtp' | 'start-smtp'): void {
  execFileSync('bash', ['scripts/mail-servers.sh', cmd], { stdio: 'ignore' });
}

export const FAST_MAIL: MailEngineOptions = { retryBaseMs: 100, retryMaxMs: 1000, idleRestartMs: 20_000, refreshMs: 60_000 };

export interface MailCore extends InProcessCore {
  server: TestServer;
  email: string;
  folderId(role: string): Promise<number>;
  list(role: string): Promise<RpcResult<'mail.list'>>;
}

/** A core signed in to a fresh reference server, with a fresh mailbox configured. */
export async function startMailCore(o: { email?: string; imapPort?: number; smtpPort?: number; mail?: MailEngineOptions; server?: TestServer; bodyWindowDays?: number } = {}): Promise<MailCore> {
  const server = o.server ?? (await startTestServer());
  const email = o.email ?? freshAddress();
  const c = startCore({ mail: { ...FAST_MAIL, ...(o.mail ?? {}) } });
  await signIn(c.rpc, server.url, 'vanthu');
  await c.rpc.call('mail.account.save', { settings: accountSettings(email, o), password: mailServers().password });
  const folderId = async (role: string): Promise<number> =>
    eventually(async () => (await c.rpc.call('mail.folders', {})).find((f) => f.role === role || f.path === role)?.id, 15_000);
  return {
    ...c,
    server,
    email,
    folderId,
    list: async (role: string) => c.rpc.call('mail.list', { folderId: await folderId(role), limit: 500 }),
    async close() {
      await c.close();
      if (!o.server) await server.close();
    },
  };
}
