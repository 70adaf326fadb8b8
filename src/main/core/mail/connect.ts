import { ImapFlow } from 'imapflow';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { AppError } from '../../../shared/index.js';
import type { MailAccountSettings } from '../../../shared/model/mail.js';

/** Loopback only for unencrypted connections. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/gu, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/u.test(h);
}

export function checkSettings(s: MailAccountSettings): void {
  for (const side of [s.imap, s.smtp]) if (side.security === 'none' && !isLoopback(side.host)) throw new AppError('mail_insecure_not_loopback');
}

const CERT_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REVOKED', 'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const NET_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'NoConnection', 'ECONNECTION', 'EADDRNOTAVAIL', 'ESOCKET', 'ClosedAfterConnectTLS', 'ClosedAfterConnectText']);

/** Any IMAP/SMTP failure as a translated mail_* AppError. */
export function mailError(err: unknown, host: string, port: number): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as { code?: string; authenticationFailed?: boolean; responseCode?: number; response?: string; responseText?: string; serverResponseCode?: string; message?: string; reason?: unknown };
  const code = String(e.code ?? '');
  const msg = String(e.message ?? '');
  const text = `${msg} ${e.responseText ?? ''} ${e.response ?? ''}`;
  if (e.authenticationFailed || code === 'EAUTH' || e.serverResponseCode === 'AUTHENTICATIONFAILED' || /AUTHENTICATIONFAILED|authentication failed|535 /iu.test(text)) return new AppError('mail_auth_failed');
  if (CERT_CODES.has(code) || /certificate|self[- ]signed|ssl routines|wrong version number/iu.test(text)) return new AppError('mail_certificate', { details: code || msg.slice(0, 120) });
  if (/timed? ?out|ETIMEDOUT|ETIMEOUT|CONNECT_TIMEOUT|GREETING_TIMEOUT/iu.test(`${code} ${text}`)) return new AppError('mail_timeout');
  if (NET_CODES.has(code) || /ECONNREFUSED|ENOTFOUND|ECONNRESET|EHOSTUNREACH|Connection not available|connection closed|socket hang up|closed unexpectedly/iu.test(text)) return new AppError('mail_host_unreachable', { host, port });
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return new AppError('mail_send_rejected', { details: (e.response ?? msg).slice(0, 200) });
  return new AppError('mail_protocol', { details: (msg || code || 'unknown').slice(0, 200) });
}

/** Failures worth retrying later (network, timeouts, server trouble) rather than telling the user at once. */
export function isTransientMail(err: AppError): boolean {
  return err.code === 'mail_host_unreachable' || err.code === 'mail_timeout' || err.code === 'mail_protocol' || err.code === 'mail_offline';
}

export interface ImapOptions {
  maxIdleTimeMs?: number;
  socketTimeoutMs?: number;
  connectionTimeoutMs?: number;
  onError?: (err: unknown) => void;
  /** Abandons the attempt when aborted (the engine stopping, e.g. at sign-out), instead of waiting out a hung server's time-outs. */
  signal?: AbortSignal;
}

/**
 * A NEW client per connection (an ImapFlow cannot be reused after close), with its
 * `error` listener attached before connect(): a socket timeout without one would
 * kill the process.
 */
export async function connectImap(s: MailAccountSettings, password: string, o: ImapOptions = {}): Promise<ImapFlow> {
  checkSettings(s);
  const client = new ImapFlow({
    host: s.imap.host,
    port: s.imap.port,
    secure: s.imap.security === 'tls',
    doSTARTTLS: s.imap.security === 'starttls' ? true : s.imap.security === 'none' ? false : undefined,
    auth: { user: s.user, pass: password },
    logger: false,
    qresync: true,
    disableAutoIdle: true,
    connectionTimeout: o.connectionTimeoutMs ?? 15_000,
    greetingTimeout: o.connectionTimeoutMs ?? 15_000,
    socketTimeout: o.socketTimeoutMs ?? 5 * 60_000,
    ...(o.maxIdleTimeMs ? { maxIdleTime: o.maxIdleTimeMs } : {}),
    tls: { servername: s.imap.host, minVersion: 'TLSv1.2' },
    clientInfo: { name: 'iOffice Desktop' },
  });
  client.on('error', (err: unknown) => o.onError?.(err));
  // Closing rejects a pending connect() at once (ImapFlow rejects it from close()).
  const abandon = (): void => client.close();
  if (o.signal?.aborted) throw new AppError('mail_offline');
  o.signal?.addEventListener('abort', abandon, { once: true });
  try {
    await client.connect();
  } catch (err) {
    client.close();
    if (o.signal?.aborted) throw new AppError('mail_offline');
    throw mailError(err, s.imap.host, s.imap.port);
  } finally {
    o.signal?.removeEventListener('abort', abandon);
  }
  return client;
}

export interface SmtpOptions {
  timeoutMs?: number;
  /** Abandons connecting and logging in when aborted (nothing is sent yet: safe to drop, unlike a transaction). */
  signal?: AbortSignal;
}

/** An authenticated SMTP connection (nodemailer's SMTPConnection, so the transaction can be recorded step by step). */
export async function connectSmtp(s: MailAccountSettings, password: string, o: SmtpOptions = {}): Promise<SMTPConnection> {
  checkSettings(s);
  const t = o.timeoutMs ?? 30_000;
  const conn = new SMTPConnection({
    host: s.smtp.host,
    port: s.smtp.port,
    secure: s.smtp.security === 'tls',
    ignoreTLS: s.smtp.security === 'none',
    requireTLS: s.smtp.security === 'starttls',
    connectionTimeout: t,
    greetingTimeout: t,
    socketTimeout: t * 4,
    name: 'ioffice.local',
    tls: { servername: s.smtp.host, minVersion: 'TLSv1.2' },
  });
  // SMTPConnection reports a failed connect as an 'error' event (the callback is never called).
  let failWith: ((err: unknown) => void) | null = null;
  conn.on('error', (err: unknown) => failWith?.(err));
  conn.on('end', () => failWith?.(Object.assign(new Error('connection closed'), { code: 'ECONNECTION' })));
  const fail = (err: unknown): AppError => {
    try {
      conn.close();
    } catch {
      /* already closed */
    }
    return mailError(err, s.smtp.host, s.smtp.port);
  };
  const step = (run: (done: (err?: Error | null) => void) => void): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err?: unknown): void => {
        if (settled) return;
        settled = true;
        failWith = null;
        if (err) reject(fail(err));
        else resolve();
      };
      failWith = finish;
      run((err) => finish(err ?? undefined));
    });
  if (o.signal?.aborted) throw new AppError('mail_offline');
  const abandon = (): void => failWith?.(new AppError('mail_offline'));
  o.signal?.addEventListener('abort', abandon, { once: true });
  try {
    await step((done) => conn.connect(() => done()));
    if (o.signal?.aborted) throw fail(new AppError('mail_offline'));
    await step((done) => conn.login({ user: s.user, pass: password }, (err?: Error | null) => done(err)));
  } finally {
    o.signal?.removeEventListener('abort', abandon);
  }
  return conn;
}

export function smtpSend(conn: SMTPConnection, envelope: { from: string; to: string[] }, raw: Buffer, s: MailAccountSettings): Promise<string> {
  return new Promise((resolve, reject) =>
    conn.send(envelope, raw, (err, info) => (err ? reject(mailError(err, s.smtp.host, s.smtp.port)) : resolve(String(info?.response ?? '')))),
  );
}

export function smtpClose(conn: SMTPConnection): void {
  try {
    conn.quit();
  } catch {
    /* gone */
  }
}
