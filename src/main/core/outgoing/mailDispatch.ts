/**
 * Dispatch of an issued document by official mail (OUTGOING_RPC 'outgoing.sendByMail'): the
 * issued PDF attached, one message per recipient (each delivery has its own result and
 * Message-ID, and one agency does not see another's address), through the user's mail
 * account and its exactly-once outbox (core/mail). Each result is recorded as an
 * `outgoing.deliver` action through the same path `mutate` uses: sent with the Message-ID,
 * or failed with the mail server's reason.
 */
import { AppError, errorMessage, formatDateVi } from '../../../shared/index.js';
import { formatNumberSymbol } from '../../../shared/domain/documentNumber.js';
import type { ComposeInput } from '../../../shared/model/mail.js';
import { isOutgoingClerk, OUTGOING_STATUS_LABELS, type OutgoingDocument } from '../../../shared/outgoing/index.js';
import type { MailOutcome, OutgoingContext } from './context.js';

/** How long to wait for the mail server's answer to one message before leaving it to the mail outbox. */
const WAIT_MS = 60_000;

function messageOf(doc: OutgoingDocument, agencyName: string, recipient: { name: string; email: string }, file: { sha256: string; name: string }): ComposeInput {
  const num = doc.number!;
  const symbol = formatNumberSymbol(num.codeNumber, num.codeNotation);
  const date = formatDateVi(num.issuedAt);
  return {
    to: [{ name: recipient.name, address: recipient.email }],
    cc: [],
    bcc: [],
    subject: `Văn bản số ${symbol} ngày ${date}: ${doc.subject}`.slice(0, 998),
    text: [
      `Kính gửi: ${recipient.name}`,
      '',
      `${agencyName} gửi ${doc.documentType.toLocaleLowerCase('vi')} số ${symbol} ngày ${date} "${doc.subject}".`,
      'Văn bản điện tử có chữ ký số của người có thẩm quyền và của cơ quan, đính kèm thư này.',
      '',
      'Trân trọng.',
      agencyName,
    ].join('\n'),
    html: null,
    attachments: [{ kind: 'file', sha256: file.sha256, name: file.name }],
    reference: null,
    draftId: null,
  };
}

export async function sendByMail(ctx: OutgoingContext, p: { documentId: string; recipientIds: string[] }): Promise<{ sent: string[]; failed: { recipientId: string; error: string }[] }> {
  const doc = ctx.overlaid(p.documentId)?.state;
  if (!doc) throw new AppError('outgoing_not_found');
  if (!isOutgoingClerk(ctx.user)) throw new AppError('not_clerk_outgoing');
  if (doc.status !== 'issued' || doc.number === null) throw new AppError('outgoing_wrong_status', { status: OUTGOING_STATUS_LABELS[doc.status].vi });
  const recipients = [...new Set(p.recipientIds)].map((id) => {
    const r = doc.recipients.find((x) => x.id === id);
    if (!r || r.kind !== 'mail') throw new AppError('outgoing_recipient_invalid', { name: r?.name ?? id });
    if (r.email === null) throw new AppError('outgoing_recipient_email_missing', { name: r.name });
    return { id: r.id, name: r.name, email: r.email };
  });
  if (!(await ctx.hasMailAccount())) throw new AppError('mail_account_missing');
  const issued = doc.versions.findLast((v) => v.kind === 'issued');
  if (!issued) throw new AppError('outgoing_wrong_status', { status: OUTGOING_STATUS_LABELS[doc.status].vi });
  // Here before the first message is queued: a file the server holds is fetched once.
  await ctx.files.open(issued.file.sha256);

  const sent: string[] = [];
  const failed: { recipientId: string; error: string }[] = [];
  for (const r of recipients) {
    let outcome: MailOutcome;
    try {
      outcome = await ctx.sendMail(messageOf(doc, ctx.agency.name, r, issued.file), WAIT_MS);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcome = { state: 'failed', messageId: '', code: err.code, reason: errorMessage(err.code, err.params).vi };
    }
    if (outcome.state === 'failed') {
      failed.push({ recipientId: r.id, error: outcome.code });
      const messageId = outcome.messageId === '' ? null : outcome.messageId;
      await ctx.mutate('outgoing.deliver', { documentId: doc.id, recipientId: r.id, state: 'failed', note: outcome.reason.slice(0, 1000), messageId });
      continue;
    }
    // 'pending': in the mail outbox, which sends it exactly once when the mail server answers.
    const note = outcome.state === 'pending' ? 'Đã chuyển vào hộp thư đi, chờ máy chủ thư nhận' : '';
    sent.push(r.id);
    await ctx.mutate('outgoing.deliver', { documentId: doc.id, recipientId: r.id, state: 'sent', note, messageId: outcome.messageId });
  }
  return { sent, failed };
}
