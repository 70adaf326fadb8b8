import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { formatDateTimeVi } from '../../../shared/index.js';
import { MailRecipient, type ComposeInput, type MailAccountSettings, type MailAddress } from '../../../shared/model/mail.js';
import type { MessageRow } from './store.js';

export interface ResolvedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface BuiltMessage {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

export function newMessageId(s: MailAccountSettings): string {
  const domain = s.email.split('@')[1] ?? 'ioffice.local';
  return `${randomUUID()}@${domain}`;
}

const fmt = (a: { name: string; address: string }): { name: string; address: string } => ({ name: a.name, address: a.address });

/**
 * Addresses from a received message as compose recipients: names cut to what the
 * contract takes, and an address it would refuse (a group's empty name, a broken
 * header) left out — one odd address must not make the whole reply-all fail.
 */
function recipients(list: readonly MailAddress[]): { name: string; address: string }[] {
  const out: { name: string; address: string }[] = [];
  const seen = new Set<string>();
  for (const a of list) {
    const r = MailRecipient.safeParse({ name: a.name.slice(0, 200), address: a.address });
    if (!r.success || seen.has(r.data.address.toLowerCase())) continue;
    seen.add(r.data.address.toLowerCase());
    out.push(r.data);
  }
  return out;
}

/** Build the MIME message once, at queue time: the bytes sent (and retried) never change, nor does the Message-ID. */
export async function buildMessage(
  s: MailAccountSettings,
  input: ComposeInput,
  atts: ResolvedAttachment[],
  ref: { inReplyTo: string | null; references: string[] } | null,
  opts: { messageId?: string; date?: Date; draft?: boolean } = {},
): Promise<BuiltMessage> {
  const messageId = opts.messageId ?? newMessageId(s);
  const composer = new MailComposer({
    from: { name: s.displayName, address: s.email },
    to: input.to.map(fmt),
    cc: input.cc.map(fmt),
    // Bcc stays out of the headers (nodemailer drops it unless keepBcc); it is in the envelope.
    bcc: input.bcc.map(fmt),
    subject: input.subject,
    text: input.text,
    ...(input.html ? { html: input.html } : {}),
    messageId: `<${messageId}>`,
    date: opts.date ?? new Date(),
    ...(ref?.inReplyTo ? { inReplyTo: `<${ref.inReplyTo}>` } : {}),
    ...(ref && ref.references.length > 0 ? { references: ref.references.map((r) => `<${r}>`) } : {}),
    attachments: atts.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    textEncoding: 'quoted-printable',
    ...(opts.draft ? { headers: { 'X-Uniform-Type-Identifier': 'com.apple.mail-draft' } } : {}),
  });
  const raw = await new Promise<Buffer>((resolve, reject) => composer.compile().build((err, msg) => (err ? reject(err) : resolve(msg))));
  const to = [...input.to, ...input.cc, ...input.bcc].map((r) => r.address);
  return { raw, messageId, envelope: { from: s.email, to: [...new Set(to)] } };
}

function quote(text: string): string {
  return text
    .split(/\r?\n/u)
    .map((l) => `> ${l}`)
    .join('\n');
}

const prefixed = (subject: string, prefix: 'Re' | 'Fwd'): string => {
  const re = prefix === 'Re' ? /^\s*(re|trả lời|tl)\s*:/iu : /^\s*(fwd?|chuyển tiếp|tt)\s*:/iu;
  return re.test(subject) ? subject : `${prefix}: ${subject}`;
};

/** The compose skeleton for a reply, reply-all or forward of a stored message. */
export function composeFrom(
  kind: 'reply' | 'replyAll' | 'forward',
  m: MessageRow,
  body: { text: string; replyTo: MailAddress[]; attachments: { id: string }[] },
  me: MailAccountSettings,
  messageLocalId: number,
): ComposeInput {
  const from = m.from_json ? (JSON.parse(m.from_json) as MailAddress) : null;
  const to = JSON.parse(m.to_json) as MailAddress[];
  const cc = JSON.parse(m.cc_json) as MailAddress[];
  const when = formatDateTimeVi(m.date);
  const mine = (a: MailAddress): boolean => a.address.toLowerCase() === me.email.toLowerCase();
  const base: ComposeInput = { to: [], cc: [], bcc: [], subject: '', text: '', html: null, attachments: [], reference: { messageId: messageLocalId, kind }, draftId: null };
  if (kind === 'forward') {
    const header = [
      '---------- Thư chuyển tiếp ----------',
      `Từ: ${from ? `${from.name} <${from.address}>` : ''}`,
      `Ngày: ${when}`,
      `Tiêu đề: ${m.subject}`,
      `Đến: ${to.map((a) => a.address).join(', ')}`,
    ].join('\n');
    return {
      ...base,
      subject: prefixed(m.subject, 'Fwd'),
      text: `\n\n${header}\n\n${body.text}`,
      attachments: body.attachments.map((a) => ({ kind: 'mail' as const, messageId: messageLocalId, attachmentId: a.id })),
    };
  }
  const replyTarget = body.replyTo.length > 0 ? body.replyTo : from ? [from] : [];
  const toList = replyTarget.filter((a) => !mine(a));
  const ccList = kind === 'replyAll' ? [...to, ...cc].filter((a) => !mine(a) && !toList.some((t) => t.address === a.address)) : [];
  return {
    ...base,
    to: recipients(toList.length > 0 ? toList : replyTarget),
    cc: recipients(ccList).filter((a) => !toList.some((t) => t.address.toLowerCase() === a.address.toLowerCase())),
    subject: prefixed(m.subject, 'Re'),
    text: `\n\nVào ${when}, ${from ? from.name || from.address : 'người gửi'} đã viết:\n${quote(body.text)}\n`,
  };
}

/** In-Reply-To and References for a reply to (or forward of) a stored message. */
export function referencesFor(m: MessageRow): { inReplyTo: string | null; references: string[] } {
  const refs = JSON.parse(m.refs) as string[];
  if (!m.message_id) return { inReplyTo: null, references: refs };
  return { inReplyTo: m.message_id, references: [...refs.filter((r) => r !== m.message_id), m.message_id].slice(-20) };
}
