/**
 * Headers in a charset nobody knows and a broken MIME structure (issue #7): the
 * subject is decoded by a Vietnamese-aware guess, not shown as "Th�ng b�o", and a
 * note says so; a multipart message cut before its closing boundary gets the note
 * docs/mail.md promises.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { eventually } from '../helpers/core.js';
import { appendMessages, freshAddress, rawMessage, startMailCore } from '../helpers/mail.js';

/** Vietnamese as Windows-1258 writes it: vowel letters precomposed, tone marks combining. */
function cp1258(s: string): Buffer {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/gu;
  const text = [...s.normalize('NFC')].map((c) => {
    const d = c.normalize('NFD');
    return d.replace(tones, '').normalize('NFC') + (d.match(tones) ?? []).join('');
  });
  return iconv.encode(text.join(''), 'windows-1258');
}
const qEncode = (b: Buffer): string => [...b].map((x) => (x < 0x80 && /[A-Za-z0-9]/u.test(String.fromCharCode(x)) ? String.fromCharCode(x) : `=${x.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

describe('unknown charsets and broken structure', () => {
  it('guesses the subject, says so, and notes a broken structure', async () => {
    const email = freshAddress();
    const vn = 'Thông báo lịch tiếp công dân tháng 12';
    const unknownVn = rawMessage({ to: email, subject: `=?x-unknown?Q?${qEncode(cp1258(vn))}?=`, text: 'Nội dung.' });
    const unknownLatin = rawMessage({ to: email, subject: `=?x-mac-unheard?Q?${qEncode(iconv.encode('Réunion à Paris', 'windows-1252'))}?=`, text: 'Bonjour.' });
    const raw8bit = Buffer.concat([Buffer.from(`From: Sở Tài chính <stc@kontum.gov.vn>\r\nTo: ${email}\r\nSubject: `), cp1258('Giấy mời họp'), Buffer.from(`\r\nDate: ${new Date().toUTCString()}\r\nMessage-ID: <raw8-${Date.now()}@kontum.gov.vn>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNội dung.\r\n`)]);
    const broken = rawMessage({ to: email, subject: 'MIME hỏng', headers: ['Content-Type: multipart/mixed; boundary="abc"'], body: '--abc\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPhần đầu còn đọc được\r\n--abc\r\nContent-Type: application/pdf; name="cut.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK%%%%not base64' });
    const bodyVn = 'Kính gửi các phòng, ban: đề nghị báo cáo tiến độ trước ngày 15/12.';
    const unknownBody = Buffer.concat([
      Buffer.from(rawMessage({ to: email, subject: 'Nội dung bảng mã lạ', headers: ['Content-Type: text/plain; charset=x-unknown', 'Content-Transfer-Encoding: 8bit'], body: '' })),
      cp1258(bodyVn),
      Buffer.from('\r\n'),
    ]);
    await appendMessages(email, 'INBOX', [unknownVn, unknownLatin, raw8bit, broken, unknownBody]);
    const mc = await startMailCore({ email });
    try {
      const list = await eventually(async () => {
        const l = await mc.list('inbox');
        return l.total === 5 ? l : null;
      }, 30_000);
      const subjects = list.items.map((i) => i.subject);
      expect(subjects).toEqual(expect.arrayContaining([vn, 'Réunion à Paris', 'Giấy mời họp', 'MIME hỏng']));
      expect(subjects.join('')).not.toContain('\uFFFD');
      const by = (s: string) => list.items.find((i) => i.subject === s)!;
      const v = (await mc.rpc.call('mail.get', { id: by(vn).id }))!;
      expect(v.subject).toBe(vn);
      expect(v.notes.join(' ')).toMatch(/Tiêu đề.*bảng mã.*x-unknown.*windows-1258/u);
      const l = (await mc.rpc.call('mail.get', { id: by('Réunion à Paris').id }))!;
      expect(l.notes.join(' ')).toMatch(/Tiêu đề.*windows-1252/u);
      expect((await mc.rpc.call('mail.search', { query: 'lich tiep cong dan' })).map((i) => i.id)).toContain(by(vn).id);
      // A body in an unknown charset: the same guess, and a note.
      const ub = (await mc.rpc.call('mail.get', { id: by('Nội dung bảng mã lạ').id }))!;
      expect(ub.text.trim()).toBe(bodyVn);
      expect(ub.notes.join(' ')).toMatch(/Nội dung thư.*x-unknown.*windows-1258/u);
      expect(by('Nội dung bảng mã lạ').snippet).toContain('đề nghị báo cáo tiến độ');
      const b = (await mc.rpc.call('mail.get', { id: by('MIME hỏng').id }))!;
      expect(b.text).toContain('Phần đầu còn đọc được');
      expect(b.notes.join(' ')).toContain('Cấu trúc MIME của thư bị hỏng');
    } finally {
      await mc.close();
    }
  }, 90_000);
});
