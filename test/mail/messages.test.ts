/**
 * The messy-message set, through the real Dovecot: broken MIME, a 25 MB attachment,
 * Windows-1258 and encoded-word Vietnamese, hostile HTML, missing Date/From — each
 * shown readably or with a note, none stopping the sync; and registerPrefill of a PDF.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/core.js';
import { makePdf, sha256 } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { appendMessages, freshAddress, rawMessage, startMailCore } from '../helpers/mail.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

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

describe('messy messages', () => {
  it('decodes, sanitises and notes every kind of messy message without breaking the sync', async () => {
    const email = freshAddress();
    const subject1258 = 'Thông báo lịch tiếp công dân tháng 12';
    const body1258 = 'Kính gửi các phòng, ban: Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân.';
    const win1258 = Buffer.concat([
      Buffer.from(rawMessage({ to: email, subject: `=?windows-1258?Q?${qEncode(cp1258(subject1258))}?=`, body: '' }).replace(/\r\n\r\n$/u, '')),
      Buffer.from('\r\nContent-Type: text/plain; charset=windows-1258\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      cp1258(body1258),
      Buffer.from('\r\n'),
    ]);
    const encodedWord = rawMessage({ to: email, subject: '=?UTF-8?B?' + Buffer.from('Giấy mời: Hội nghị tổng kết năm 2026').toString('base64') + '?=', headers: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'], body: 'C=C3=B4ng v=C4=83n =C4=91=E1=BA=BFn\r\n' });
    const hostile = rawMessage({
      to: email,
      subject: 'Bản tin có mã độc',
      headers: ['Content-Type: text/html; charset=utf-8'],
      body: `<html><head><script>alert(1)</script><style>body{background:url(https://track.example/bg.png)}</style></head><body onload="steal()">
<p onclick="x()">Xin chào <b>đồng chí</b></p><img src="https://track.example/pixel.gif?id=42" width="1"><img src="http://track.example/b.png" onerror="alert(2)">
<form action="https://evil.example/login"><input name="password"><button>Gửi</button></form><iframe src="https://evil.example"></iframe>
<a href="javascript:alert(3)">bấm</a> <a href="https://congbao.kontum.gov.vn">Công báo</a><div style="background-image:url('https://t.example/x')">nền</div>
<svg><script>alert(4)</script></svg><object data="x.swf"></object></body></html>`,
    });
    const broken = rawMessage({ to: email, subject: 'MIME hỏng', headers: ['Content-Type: multipart/mixed; boundary="abc"'], body: '--abc\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPhần đầu còn đọc được\r\n--abc\r\nContent-Type: application/pdf; name="cut.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK%%%%not base64' });
    const noDateNoFrom = rawMessage({ from: '', date: null as unknown as Date, to: email, subject: 'Thư không người gửi', text: 'Không có ngày, không có người gửi.' });
    const big = Buffer.alloc(25 * 1024 * 1024, 7);
    const bigMsg = [
      rawMessage({ to: email, subject: 'Tệp lớn 25 MB', headers: ['Content-Type: multipart/mixed; boundary="BIG"'], body: '' }).replace(/\r\n\r\n$/u, ''),
      '',
      '--BIG',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Gửi kèm tệp lớn.',
      '--BIG',
      'Content-Type: application/octet-stream; name="du-lieu.bin"',
      'Content-Disposition: attachment; filename="du-lieu.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      big.toString('base64').replace(/.{76}/gu, '$&\r\n'),
      '--BIG--',
      '',
    ].join('\r\n');
    await appendMessages(email, 'INBOX', [win1258, encodedWord, hostile, broken, noDateNoFrom, bigMsg, rawMessage({ to: email, subject: 'Thư bình thường' })]);

    const mc = await startMailCore({ email, server });
    try {
      const list = await eventually(async () => {
        const l = await mc.list('inbox');
        return l.total === 7 ? l : null;
      }, 30_000);
      const by = (s: string) => list.items.find((i) => i.subject === s);
      // Windows-1258: decoded, NFC.
      const w = by(subject1258);
      expect(w, JSON.stringify(list.items.map((i) => i.subject))).toBeTruthy();
      expect(w!.subject).toBe(subject1258.normalize('NFC'));
      const wv = await mc.rpc.call('mail.get', { id: w!.id });
      expect(wv!.text.trim()).toBe(body1258);
      expect(wv!.text).toBe(wv!.text.normalize('NFC'));
      // Encoded words and quoted-printable.
      const e = by('Giấy mời: Hội nghị tổng kết năm 2026')!;
      expect((await mc.rpc.call('mail.get', { id: e.id }))!.text.trim()).toBe('Công văn đến');
      // Search finds the Windows-1258 message without accents.
      expect((await mc.rpc.call('mail.search', { query: 'tiep cong dan' })).map((i) => i.id)).toContain(w!.id);

      // Hostile HTML: nothing that runs, nothing that loads.
      const h = await mc.rpc.call('mail.get', { id: by('Bản tin có mã độc')!.id });
      const html = h!.html ?? '';
      expect(html).toContain('đồng chí');
      expect(html).not.toMatch(/<script|<form|<input|<button|<iframe|<object|<svg|<style/iu);
      expect(html).not.toMatch(/\son[a-z]+\s*=/iu);
      expect(html).not.toMatch(/javascript:/iu);
      expect(html).not.toMatch(/(src|href|background)\s*=\s*["']?(https?:)?\/\/track|url\(/iu);
      expect(html).toContain('https://congbao.kontum.gov.vn');
      expect(h!.remoteImagesBlocked).toBe(true);
      const allowed = await mc.rpc.call('mail.get', { id: h!.id, allowRemoteImages: true });
      // Allowed images are fetched by the core and inlined (the app's CSP keeps the page off the
      // network); one that cannot be fetched stays a placeholder, never a remote URL in the page.
      expect(allowed!.html).not.toContain('https://track.example/pixel.gif');
      expect(allowed!.remoteImagesBlocked).toBe(false);
      expect(allowed!.html).not.toMatch(/<script|onerror/iu);

      // Broken MIME: readable part shown.
      const b = await mc.rpc.call('mail.get', { id: by('MIME hỏng')!.id });
      expect(b!.text).toContain('Phần đầu còn đọc được');
      // No Date, no From: shown with notes.
      const nd = by('Thư không người gửi')!;
      expect(nd.from).toBeNull();
      const ndv = await mc.rpc.call('mail.get', { id: nd.id });
      expect(ndv!.notes.join(' ')).toMatch(/người gửi/u);
      expect(ndv!.notes.join(' ')).toMatch(/ngày gửi/u);
      // 25 MB: headers listed with the attachment flag; body only on open; attachment cached by content.
      const bigItem = by('Tệp lớn 25 MB')!;
      expect(bigItem.hasAttachments).toBe(true);
      const bv = await mc.rpc.call('mail.get', { id: bigItem.id });
      expect(bv!.attachments).toEqual([expect.objectContaining({ name: 'du-lieu.bin', size: big.length })]);
      const opened = await mc.rpc.call('mail.attachment.open', { messageId: bigItem.id, attachmentId: bv!.attachments[0]!.id });
      expect(opened.size).toBe(big.length);
      expect(opened.sha256).toBe(sha256(big));
      expect(readFileSync(opened.path).equals(big)).toBe(true);
      expect((await mc.rpc.call('mail.status', {})).state).toBe('online');
    } finally {
      await mc.close();
    }
  });

  it('prefills the register form from a PDF attachment', async () => {
    const email = freshAddress();
    const pdf = Buffer.from(makePdf('Cong van 123'));
    const msg = [
      rawMessage({ from: 'Sở Tài chính tỉnh Kon Tum <stc@kontum.gov.vn>', to: email, subject: 'Fwd: Công văn số 123/STC-NS về việc lập dự toán 2027', date: new Date('2026-11-20T03:00:00Z'), headers: ['Content-Type: multipart/mixed; boundary="P"'], body: '' }).replace(/\r\n\r\n$/u, ''),
      '',
      '--P',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Gửi kèm công văn.',
      '--P',
      `Content-Type: application/pdf; name="=?UTF-8?B?${Buffer.from('Công văn 123.pdf').toString('base64')}?="`,
      'Content-Disposition: attachment',
      'Content-Transfer-Encoding: base64',
      '',
      pdf.toString('base64'),
      '--P--',
      '',
    ].join('\r\n');
    await appendMessages(email, 'INBOX', [msg]);
    const mc = await startMailCore({ email, server });
    try {
      const item = await eventually(async () => (await mc.list('inbox')).items[0]);
      const view = await mc.rpc.call('mail.get', { id: item.id });
      expect(view!.attachments[0]).toMatchObject({ name: 'Công văn 123.pdf', mime: 'application/pdf' });
      const pre = await mc.rpc.call('mail.registerPrefill', { messageId: item.id, attachmentId: view!.attachments[0]!.id });
      expect(pre.metadata).toMatchObject({ issuer: 'Sở Tài chính tỉnh Kon Tum', subject: 'Công văn số 123/STC-NS về việc lập dự toán 2027', issuedDate: '2026-11-20' });
      expect(pre.file).toEqual({ sha256: sha256(pdf), name: 'Công văn 123.pdf', size: pdf.length, mime: 'application/pdf' });
      expect(pre.source).toMatchObject({ messageId: item.id, from: { address: 'stc@kontum.gov.vn' } });
      // The PDF is in the core's file cache, ready for incoming.register.
      const f = await mc.rpc.call('files.open', { sha256: pre.file.sha256 });
      expect(readFileSync(f.path).equals(pdf)).toBe(true);
    } finally {
      await mc.close();
    }
  });
});
