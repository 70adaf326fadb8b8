/**
 * A message to 1,200 people (issue #7): reply-all gives a compose skeleton (the
 * contract's limits hold it), the reply goes out through the real Postfix to every
 * one of them although Postfix takes 1,000 recipients a transaction at most, and the
 * copy filed in Sent keeps the whole list.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/core.js';
import { appendMessages, freshAddress, rawMessage, serverMessages, startMailCore } from '../helpers/mail.js';

describe('large recipient lists', () => {
  it('reply-all to 1,200 recipients: composed, sent to each, stored whole', async () => {
    const email = freshAddress();
    const tag = randomBytes(4).toString('hex');
    const others = Array.from({ length: 1199 }, (_, i) => `t-${tag}-${i}@kontum.gov.vn`);
    const to = [email, ...others].map((a, i) => `=?UTF-8?B?${Buffer.from(`Cán bộ ${i}`).toString('base64')}?= <${a}>`).join(',\r\n ');
    await appendMessages(email, 'INBOX', [rawMessage({ to, subject: 'Thông báo toàn cơ quan', text: 'Kính gửi toàn thể cán bộ.' })]);
    const mc = await startMailCore({ email });
    try {
      const item = await eventually(async () => (await mc.list('inbox')).items[0], 30_000);
      const view = (await mc.rpc.call('mail.get', { id: item.id }))!;
      expect(view.to).toHaveLength(1200);
      const draft = await mc.rpc.call('mail.composeFrom', { messageId: item.id, kind: 'replyAll' });
      expect(draft.to.map((a) => a.address)).toEqual(['stc@kontum.gov.vn']);
      expect(draft.cc).toHaveLength(1199);
      expect(draft.cc.map((a) => a.address)).not.toContain(email);
      await mc.rpc.call('mail.send', draft);
      // Every recipient, past Postfix's 1,000 a transaction too, gets it once.
      for (const who of [others[0]!, others[998]!, others[999]!, others[1198]!]) {
        const got = await eventually(async () => {
          const l = await serverMessages(who, 'INBOX');
          return l.length > 0 ? l : null;
        }, 60_000);
        expect(got.map((m) => m.subject), who).toEqual(['Re: Thông báo toàn cơ quan']);
      }
      await eventually(async () => (await mc.rpc.call('mail.outbox', {})).length === 0, 30_000);
      const sent = await eventually(async () => (await mc.list('sent')).items[0], 30_000);
      const sentView = (await mc.rpc.call('mail.get', { id: sent.id }))!;
      expect(sentView.cc).toHaveLength(1199);
    } finally {
      await mc.close();
    }
  }, 180_000);
});
