/**
 * Mail engine benchmarks against the private Dovecot + Postfix (scripts/mail-servers.sh),
 * with the real core in its own process:
 *  - initial sync of 20,000 messages' headers (written straight into the Dovecot
 *    maildir, then indexed by Dovecot on first SELECT), with the core's peak memory;
 *  - a no-change resync (CONDSTORE: every folder's SELECT answers "nothing new");
 *  - new mail visible in the cache after SMTP delivery (IDLE);
 *  - opening a 100-message thread.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/server/seed/content/organisation.js';
import { seedDemo } from '../src/server/seed/seedDemo.js';
import type { MailAccountSettings } from '../src/shared/model/mail.js';
import { eventually, forkCore } from '../test/helpers/core.js';
import { benchDatabaseUrl, benchServer, buildMain, dropDatabase, ms, percentile, record, sampleRss } from './lib.js';

const COUNT = Number(process.env.BENCH_MAIL_MESSAGES ?? 20_000);
const ROUNDS = Number(process.env.BENCH_MAIL_ROUNDS ?? 20);

interface MailInfo {
  imapPort: number;
  smtpPort: number;
  domain: string;
  password: string;
  dir: string;
}

function rawMessage(to: string, i: number, date: Date, extra: string[] = []): string {
  return [
    `From: Sở Tài chính tỉnh Kon Tum <stc@kontum.gov.vn>`,
    `To: ${to}`,
    `Subject: Công văn số ${i}/STC-NS về việc thực hiện dự toán ngân sách`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <bench-${i}-${randomBytes(4).toString('hex')}@kontum.gov.vn>`,
    ...extra,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Kính gửi các đơn vị, Sở Tài chính đề nghị các đơn vị thực hiện nội dung công văn số ${i}.`,
    '',
  ].join('\r\n');
}

/** Write messages straight into the maildir (Dovecot indexes them on the next SELECT). */
function writeMaildir(info: MailInfo, user: string, raws: string[]): void {
  const [local, domain] = user.split('@') as [string, string];
  const base = join(info.dir, 'mail', domain, local, 'Maildir');
  for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(base, d), { recursive: true });
  const t = Math.floor(Date.now() / 1000);
  raws.forEach((r, i) => writeFileSync(join(base, 'cur', `${t}.M${i}P${process.pid}.bench,S=${Buffer.byteLength(r)}:2,S`), r));
  execFileSync('chown', ['-R', 'mail:mail', join(info.dir, 'mail', domain, local)]);
  chownSync(join(info.dir, 'mail', domain), 8, 8);
}

export async function benchMail(): Promise<void> {
  const info = JSON.parse(execFileSync('bash', ['scripts/mail-servers.sh', 'start'], { encoding: 'utf8' }).trim().split('\n').pop() as string) as MailInfo;
  const user = `t-bench-${randomBytes(4).toString('hex')}@${info.domain}`;
  const day = 86_400_000;
  const start = Date.now() - 400 * day;
  writeMaildir(info, user, Array.from({ length: COUNT }, (_, i) => rawMessage(user, i + 1, new Date(start + i * 60_000))));

  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  await seedDemo(server.context, { documents: 1, withPdfs: false });
  const core = (buildMain(), forkCore({ args: ['--poll-ms', '600000'], built: true }));
  const settings: MailAccountSettings = {
    email: user,
    displayName: 'Bench',
    user,
    imap: { host: '127.0.0.1', port: info.imapPort, security: 'none' },
    smtp: { host: '127.0.0.1', port: info.smtpPort, security: 'none' },
    smtpSavesSent: false,
    bodyWindowDays: 30,
  };
  try {
    await core.rpc.call('session.login', { serverUrl: server.url, username: DEMO_USERS.clerk, password: DEMO_PASSWORD });
    const name = `mail: initial sync, ${COUNT.toLocaleString('en')} messages' headers (Dovecot → core)`;
    const rss = sampleRss(core.child.pid!);
    let t = performance.now();
    await core.rpc.call('mail.account.save', { settings, password: info.password });
    const inboxId = await eventually(async () => (await core.rpc.call('mail.folders', {})).find((f) => f.role === 'inbox')?.id, 60_000, 50);
    await eventually(async () => (await core.rpc.call('mail.list', { folderId: inboxId, limit: 1 })).total >= COUNT, 600_000, 50);
    const elapsed = performance.now() - t;
    const peak = rss.stop();
    const rate = COUNT / (elapsed / 1000);
    record(name, 'end to end (account saved → all headers in cache)', ms(elapsed));
    record(name, 'throughput', `${rate.toFixed(0)} msg/s`, '≥ 2,000 msg/s', rate >= 2000);
    record(name, 'core peak memory (RSS)', `${peak.toFixed(0)} MB`);

    // Search the cache just filled (accent-insensitive, local).
    for (const [label, query] of [
      ['one message, no accents', `cong van so ${Math.ceil(COUNT / 2)}`],
      ['every message, no accents', 'ngan sach'],
      ['a sender, accented', 'Sở Tài chính'],
    ] as const) {
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < ROUNDS; i++) {
        t = performance.now();
        found = (await core.rpc.call('mail.search', { query, limit: 50 })).length;
        times.push(performance.now() - t);
      }
      if (found === 0) throw new Error(`mail search "${query}" found nothing`);
      const p95 = percentile(times, 95);
      record(`mail: search ${COUNT.toLocaleString('en')} messages (mail.search, 50 results)`, `${label} "${query}" (${found} shown): p50 / p95`, `${percentile(times, 50).toFixed(1)} / ${p95.toFixed(1)} ms`, 'p95 < 1 s', p95 < 1000);
    }

    // No-change resync: every folder, nothing new.
    await core.rpc.call('mail.syncNow', {});
    const resync: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      t = performance.now();
      await core.rpc.call('mail.syncNow', {});
      resync.push(performance.now() - t);
    }
    const p50 = percentile(resync, 50);
    record('mail: no-change resync (6 folders, CONDSTORE)', 'p50', ms(p50), '< 200 ms', p50 < 200);
    record('mail: no-change resync (6 folders, CONDSTORE)', 'p95', ms(percentile(resync, 95)));

    // New mail: SMTP delivery → in the core's cache (IDLE, no sync call).
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: info.smtpPort, secure: false, ignoreTLS: true, auth: { user, pass: info.password } });
    const lat: number[] = [];
    for (let i = 0; i < Math.min(ROUNDS, 10); i++) {
      const subject = `Thư mới ${i} ${randomBytes(3).toString('hex')}`;
      t = performance.now();
      await smtp.sendMail({ from: user, to: user, subject, text: 'Xin chào' });
      await eventually(async () => (await core.rpc.call('mail.list', { folderId: inboxId, limit: 5 })).items.some((m) => m.subject === subject), 10_000, 10);
      lat.push(performance.now() - t);
    }
    smtp.close();
    record('mail: new mail visible after SMTP delivery (Postfix → LMTP → IDLE → cache)', 'p50', ms(percentile(lat, 50)), '< 1 s', percentile(lat, 50) < 1000);
    record('mail: new mail visible after SMTP delivery (Postfix → LMTP → IDLE → cache)', 'max', ms(Math.max(...lat)));

    // A 100-message thread.
    const root = `thread-root-${randomBytes(4).toString('hex')}@kontum.gov.vn`;
    const thread = Array.from({ length: 100 }, (_, i) =>
      rawMessage(user, 100_000 + i, new Date(Date.now() - (100 - i) * 60_000), i === 0 ? [] : [`In-Reply-To: <${root}>`, `References: <${root}>`]).replace(/^Message-ID: <[^>]+>/mu, i === 0 ? `Message-ID: <${root}>` : `Message-ID: <reply-${i}-${root}>`),
    );
    const { ImapFlow } = await import('imapflow');
    const c = new ImapFlow({ host: '127.0.0.1', port: info.imapPort, secure: false, auth: { user, pass: info.password }, logger: false });
    c.on('error', () => {});
    await c.connect();
    for (const r of thread) await c.append('INBOX', Buffer.from(r));
    await c.logout();
    await core.rpc.call('mail.syncNow', {});
    const last = (await core.rpc.call('mail.list', { folderId: inboxId, limit: 200 })).items.find((m) => m.threadCount >= 100);
    if (!last) throw new Error('the 100-message thread is not in the list');
    const opens: number[] = [];
    for (let i = 0; i < 10; i++) {
      t = performance.now();
      const items = await core.rpc.call('mail.thread', { threadId: last.threadId });
      await core.rpc.call('mail.get', { id: items[items.length - 1]!.id, markRead: false });
      opens.push(performance.now() - t);
      if (items.length !== 100) throw new Error(`thread has ${items.length} messages`);
    }
    record('mail: open a 100-message thread (list + newest message)', 'p50', ms(percentile(opens, 50)), '< 100 ms', percentile(opens, 50) < 100);
  } finally {
    await core.kill('SIGTERM');
    await server.close();
    await dropDatabase(dbUrl);
  }
}
