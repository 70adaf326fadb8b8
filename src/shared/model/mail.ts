import { z } from 'zod';
import { FileRef, IncomingMetadata } from '../incoming/model.js';
import { fileName, isoDateTime, sha256Hex } from './primitives.js';

/**
 * Mail as the UI sees it (three panes: folders, a keyset-paged list, the message).
 * The core owns IMAP/SMTP; the UI only reads these shapes and asks for actions.
 */

export const MailSecurity = z.enum(['tls', 'starttls', 'none']);
export type MailSecurity = z.infer<typeof MailSecurity>;

const host = z.string().trim().min(1).max(255).regex(/^[A-Za-z0-9.:\-[\]]+$/u, 'expected a host name or an IP address');
const port = z.number().int().min(1).max(65535);

/** Account settings. The password is never part of what is stored or returned. */
export const MailAccountSettings = z.object({
  email: z.string().trim().email().max(254),
  displayName: z.string().overwrite((s) => s.normalize('NFC').trim()).max(100),
  user: z.string().trim().min(1).max(254),
  imap: z.object({ host, port, security: MailSecurity }),
  smtp: z.object({ host, port, security: MailSecurity }),
  /** The SMTP server files a copy in Sent itself (e.g. some hosted services): do not APPEND one. */
  smtpSavesSent: z.boolean().default(false),
  /** Bodies of messages newer than this many days are fetched during sync; older ones on open. */
  bodyWindowDays: z.number().int().min(0).max(3650).default(30),
});
export type MailAccountSettings = z.infer<typeof MailAccountSettings>;

export const MailAccountView = MailAccountSettings.extend({ hasPassword: z.boolean() });
export type MailAccountView = z.infer<typeof MailAccountView>;

export const MailFolderRole = z.enum(['inbox', 'sent', 'drafts', 'trash', 'junk', 'archive']);
export type MailFolderRole = z.infer<typeof MailFolderRole>;

export const MailFolder = z.object({
  id: z.number().int(),
  path: z.string(),
  name: z.string(),
  role: MailFolderRole.nullable(),
  unread: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  lastSyncAt: isoDateTime.nullable(),
});
export type MailFolder = z.infer<typeof MailFolder>;

export const MailAddress = z.object({ name: z.string(), address: z.string() });
export type MailAddress = z.infer<typeof MailAddress>;

export const MailListItem = z.object({
  id: z.number().int(),
  folderId: z.number().int(),
  from: MailAddress.nullable(),
  to: z.array(MailAddress),
  subject: z.string(),
  date: isoDateTime,
  snippet: z.string(),
  seen: z.boolean(),
  flagged: z.boolean(),
  answered: z.boolean(),
  hasAttachments: z.boolean(),
  threadId: z.string(),
  threadCount: z.number().int().positive(),
  /** Local actions on this message are waiting to reach the server. */
  pending: z.boolean(),
});
export type MailListItem = z.infer<typeof MailListItem>;

/** A forwarded message (a message/rfc822 attachment), read by the core so the UI can show it inline. */
export const MailEmbeddedMessage = z.object({
  subject: z.string(),
  from: MailAddress.nullable(),
  to: z.array(MailAddress),
  cc: z.array(MailAddress),
  date: isoDateTime.nullable(),
  text: z.string(),
});
export type MailEmbeddedMessage = z.infer<typeof MailEmbeddedMessage>;

export const MailAttachment = z.object({
  id: z.string(),
  /** Safe to show and to save under: made once by the core when it stored the message (safeAttachmentName). */
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  inline: z.boolean(),
  /** Set once the bytes are in the local cache. */
  sha256: sha256Hex.nullable(),
  /** For a forwarded message: its headers and text (absent for bodies stored before issue #7). */
  message: MailEmbeddedMessage.nullable().optional(),
});
export type MailAttachment = z.infer<typeof MailAttachment>;

export const MailMessageView = MailListItem.extend({
  messageId: z.string().nullable(),
  cc: z.array(MailAddress),
  replyTo: z.array(MailAddress),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  /** Sanitised HTML (no scripts, forms, handlers, frames; remote images replaced unless allowed), or null. */
  html: z.string().nullable(),
  text: z.string(),
  remoteImagesBlocked: z.boolean(),
  attachments: z.array(MailAttachment),
  /** Things the reader should know: a missing sender or date, a broken structure… (Vietnamese). */
  notes: z.array(z.string()),
  /** False when only headers and a snippet are here (offline, body never fetched). */
  bodyAvailable: z.boolean(),
});
export type MailMessageView = z.infer<typeof MailMessageView>;

export const MAIL_ACTIONS = ['read', 'unread', 'flag', 'unflag', 'move', 'delete', 'archive'] as const;
export const MailActionName = z.enum(MAIL_ACTIONS);
export type MailActionName = z.infer<typeof MailActionName>;

export const MailActionParams = z.object({
  ids: z.array(z.number().int()).min(1).max(1000),
  action: MailActionName,
  /** Target folder for 'move'. */
  folderId: z.number().int().optional(),
});

/**
 * Recipients of one message, To + Cc + Bcc together. Government circulars go to
 * whole agencies (a thousand people is ordinary); the engine sends in transactions
 * of MAIL_RECIPIENTS_PER_TRANSACTION, so the SMTP server's own limit does not apply.
 */
export const MAX_MAIL_RECIPIENTS = 5000;
/** RFC 5321 §4.5.3.1.8: every server must take at least 100 recipients in one transaction. */
export const MAIL_RECIPIENTS_PER_TRANSACTION = 100;

export const MailRecipient = z.object({ name: z.string().max(200).default(''), address: z.string().trim().email().max(254) });
const recipient = MailRecipient;

export const ComposeAttachment = z.union([
  z.object({ kind: z.literal('bytes'), name: fileName, mime: z.string().max(200).default('application/octet-stream'), bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' }) }),
  /** A file of the core's file cache (a document's PDF). */
  z.object({ kind: z.literal('file'), sha256: sha256Hex, name: fileName }),
  /** An attachment of a stored message (forwarding). */
  z.object({ kind: z.literal('mail'), messageId: z.number().int(), attachmentId: z.string().max(100) }),
]);
export type ComposeAttachment = z.infer<typeof ComposeAttachment>;

export const ComposeInput = z.object({
  to: z.array(recipient).max(MAX_MAIL_RECIPIENTS).default([]),
  cc: z.array(recipient).max(MAX_MAIL_RECIPIENTS).default([]),
  bcc: z.array(recipient).max(MAX_MAIL_RECIPIENTS).default([]),
  subject: z.string().overwrite((s) => s.normalize('NFC')).max(998).default(''),
  text: z.string().overwrite((s) => s.normalize('NFC')).max(2_000_000).default(''),
  /** Optional HTML body written by the UI's editor (sanitised again before it is sent). */
  html: z.string().max(5_000_000).nullable().default(null),
  attachments: z.array(ComposeAttachment).max(50).default([]),
  /** Reply, reply-all or forward of this stored message: headers and quoting follow it. */
  reference: z.object({ messageId: z.number().int(), kind: z.enum(['reply', 'replyAll', 'forward']) }).nullable().default(null),
  /** The stored draft this replaces (removed from Drafts once the new one is saved or sent). */
  draftId: z.number().int().nullable().default(null),
}).refine((c) => c.to.length + c.cc.length + c.bcc.length <= MAX_MAIL_RECIPIENTS, { message: `at most ${MAX_MAIL_RECIPIENTS} recipients`, path: ['to'] });
export type ComposeInput = z.infer<typeof ComposeInput>;

export const MailOutboxItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  state: z.enum(['queued', 'sending', 'sent', 'uncertain', 'failed']),
  subject: z.string(),
  messageId: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
});
export type MailOutboxItem = z.infer<typeof MailOutboxItem>;

export const MailConnectionState = z.enum(['not_configured', 'connecting', 'online', 'offline', 'auth_failed']);
export const MailStatus = z.object({
  state: MailConnectionState,
  lastError: z.object({ code: z.string(), message: z.object({ vi: z.string(), en: z.string() }) }).nullable(),
  pendingCount: z.number().int().nonnegative(),
  nextRetryAt: isoDateTime.nullable(),
  lastSyncAt: isoDateTime.nullable(),
});
export type MailStatus = z.infer<typeof MailStatus>;

/** What the register form is prefilled with from a mail attachment. */
export const MailRegisterPrefill = z.object({
  metadata: IncomingMetadata.partial(),
  file: FileRef,
  source: z.object({ messageId: z.number().int(), messageIdHeader: z.string().nullable(), from: MailAddress.nullable(), date: isoDateTime, attachmentId: z.string(), subject: z.string() }),
});
export type MailRegisterPrefill = z.infer<typeof MailRegisterPrefill>;
