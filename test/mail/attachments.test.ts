/**
 * Hostile and unusual attachments through the real Dovecot/Postfix (issue #7):
 * path-like names are made safe once, when stored, and the safe name is what is
 * shown, registered and forwarded; a forwarded message (message/rfc822) is read
 * inline and searchable; cached files are served with their real type by both
 * hosts (inline only for PDF and raster images, else a download with the safe name).
 */
import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileProtocolHandler } from '../../src/main/shell/protocols.js';
import { buildAppInfo, DEMO_OFF } from '../../src/main/web/policy/demo.js';
import { startWebHost, type WebHost } from '../../src/main/web/server.js';
import { makePdf, sha256 } from '../helpers/api.js';
import { eventually } from '../helpers/core.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { appendMessages, freshAddress, otherClient, rawMessage, startMailCore, type MailCore } from '../helpers/mail.js';

/** 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

function part(headers: string[], body: Buffer): string {
  return [...headers, 'Content-Transfer-Encoding: base64', '', body.toString('base64').replace(/.{76}/gu, '$&\r\n')].join('\r\n');
}

function hostileMessage(to: string, pdf: Uint8Array): string {
  const inner = rawMessage({
    from: 'Sở Nội vụ <snv@kontum.gov.vn>',
    to: 'vanthu@kontum.gov.vn',
    subject: '=?UTF-8?B?' + Buffer.from('Công văn gốc về cải cách hành chính').toString('base64') + '?=',
    date: new Date('2026-11-02T03:00:00Z'),
    text: 'Đề nghị các đơn vị đôn đốc triển khai kế hoạch số hóa hồ sơ.',
  });
  return [
    rawMessage({ from: 'Người lạ <la@kontum.gov.vn>', to, subject: 'Tệp đính kèm lạ', headers: ['Content-Type: multipart/mixed; boundary="H"'], body: '' }).replace(/\r\n\r\n$/u, ''),
    '',
    '--H',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Xem các tệp đính kèm.',
    '--H',
    part(['Content-Type: application/pdf; name="../../../../etc/passwd"', 'Content-Disposition: attachment; filename="../../../../etc/passwd"'], Buffer.from(pdf)),
    '--H',
    part(['Content-Type: application/x-msdownload', "Content-Disposition: attachment; filename*=UTF-8''..%5C..%5CWindows%5CSystem32%5Cevil.exe"], EXE),
    '--H',
    part(['Content-Type: image/png', 'Content-Disposition: attachment; filename="ảnh chụp.png"'], PNG),
    '--H',
    part(['Content-Type: image/svg+xml', 'Content-Disposition: attachment; filename="hinh.svg"'], SVG),
    '--H',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment',
    '',
    inner,
    '--H--',
    '',
  ].join('\r\n');
}

function get(port: number, path: string, cookie: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('attachments', () => {
  let server: TestServer;
  let mc: MailCore;
  let host: WebHost;
  let cookie: string;
  const pdf = makePdf('Cong van dinh kem');
  let messageId: number;

  beforeAll(async () => {
    server = await startTestServer();
    const email = freshAddress();
    await appendMessages(email, 'INBOX', [hostileMessage(email, pdf)]);
    mc = await startMailCore({ email, server });
    messageId = (await eventually(async () => (await mc.list('inbox')).items[0])).id;
    const rendererDir = mkdtempSync(join(tmpdir(), 'ioffice-mail-web-'));
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>iOffice</title>');
    host = await startWebHost({
      attach: (t) => mc.core.attach(t),
      rpc: mc.rpc,
      rendererDir,
      appInfo: () => buildAppInfo({ host: 'web', version: '0.1.0', platform: process.platform, serverUrl: null, preferDemo: false, demo: DEMO_OFF }),
    });
    const login = new URL(host.loginUrl()!);
    const r = await get(host.port, `${login.pathname}${login.search}`, '');
    cookie = String(r.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await mc?.close();
    await server?.close();
  });

  it('stores, shows and registers path-like names as their safe last component', async () => {
    const view = (await mc.rpc.call('mail.get', { id: messageId }))!;
    const names = view.attachments.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['passwd', 'evil.exe', 'ảnh chụp.png', 'hinh.svg']));
    expect(names.join('|')).not.toMatch(/[/\\]|\.\./u);
    const passwd = view.attachments.find((a) => a.name === 'passwd')!;
    // "Vào sổ văn bản đến" gets a prefilled form, not an error.
    const pre = await mc.rpc.call('mail.registerPrefill', { messageId, attachmentId: passwd.id });
    expect(pre.file).toMatchObject({ name: 'passwd.pdf', sha256: sha256(pdf) });
    expect(pre.metadata.issuer).toBe('Người lạ');
  });

  it('forwards with the safe names', async () => {
    const to = freshAddress();
    const draft = await mc.rpc.call('mail.composeFrom', { messageId, kind: 'forward' });
    await mc.rpc.call('mail.send', { ...draft, to: [{ name: '', address: to }] });
    const source = await eventually(
      async () => {
        const c = await otherClient(to);
        try {
          const mb = await c.mailboxOpen('INBOX');
          if (mb.exists === 0) return null;
          const m = await c.fetchOne('1', { source: true });
          return m && m.source ? m.source.toString('latin1') : null;
        } finally {
          await c.logout().catch(() => c.close());
        }
      },
      30_000,
    );
    expect(source).toMatch(/filename="?passwd"?/u);
    expect(source).toMatch(/filename="?evil\.exe"?/u);
    expect(source).not.toContain('../');
    expect(source).not.toContain('..\\');
    expect(source).not.toMatch(/System32/u);
  });

  it('reads a forwarded message inline, and finds it by its text', async () => {
    const view = (await mc.rpc.call('mail.get', { id: messageId }))!;
    const fwd = view.attachments.find((a) => a.mime === 'message/rfc822');
    expect(fwd, JSON.stringify(view.attachments)).toBeTruthy();
    expect(fwd!.name).toBe('Công văn gốc về cải cách hành chính.eml');
    expect(fwd!.message).toMatchObject({
      subject: 'Công văn gốc về cải cách hành chính',
      from: { name: 'Sở Nội vụ', address: 'snv@kontum.gov.vn' },
      to: [{ address: 'vanthu@kontum.gov.vn' }],
      date: '2026-11-02T03:00:00.000Z',
    });
    expect(fwd!.message!.text).toContain('đôn đốc triển khai kế hoạch số hóa hồ sơ');
    const found = await mc.rpc.call('mail.search', { query: 'don doc trien khai so hoa' });
    expect(found.map((i) => i.id)).toContain(messageId);
  });

  it('serves each cached file with its real type: inline only for PDF and raster images, else a download', async () => {
    const view = (await mc.rpc.call('mail.get', { id: messageId }))!;
    const byName = (n: string) => view.attachments.find((a) => a.name === n)!;
    const shell = fileProtocolHandler((sha) => mc.rpc.call('files.open', { sha256: sha }));
    const cases: { name: string; type: string; disposition: RegExp }[] = [
      { name: 'passwd', type: 'application/pdf', disposition: /^inline/u },
      { name: 'ảnh chụp.png', type: 'image/png', disposition: /^inline/u },
      { name: 'evil.exe', type: 'application/x-msdownload', disposition: /^attachment; filename="evil\.exe"; filename\*=UTF-8''evil\.exe$/u },
      { name: 'hinh.svg', type: 'image/svg+xml', disposition: /^attachment; filename="hinh\.svg"/u },
      { name: 'Công văn gốc về cải cách hành chính.eml', type: 'message/rfc822', disposition: /^attachment; filename="[^"/\\]*\.eml"; filename\*=UTF-8''C%C3%B4ng%20v%C4%83n%20g%E1%BB%91c%20v%E1%BB%81%20c%E1%BA%A3i%20c%C3%A1ch%20h%C3%A0nh%20ch%C3%ADnh\.eml$/u },
    ];
    for (const c of cases) {
      const opened = await mc.rpc.call('mail.attachment.open', { messageId, attachmentId: byName(c.name).id });
      const web = await get(host.port, `/files/${opened.sha256}`, cookie);
      const desk = await shell(new Request(`ioffice-file://${opened.sha256}`));
      for (const [label, status, h] of [
        ['web', web.status, (k: string) => web.headers[k.toLowerCase()]],
        ['shell', desk.status, (k: string) => desk.headers.get(k)],
      ] as const) {
        expect(status, `${label} ${c.name}`).toBe(200);
        expect(String(h('Content-Type')), `${label} ${c.name}`).toBe(c.type);
        expect(String(h('Content-Disposition')), `${label} ${c.name}`).toMatch(c.disposition);
        expect(h('X-Content-Type-Options'), label).toBe('nosniff');
      }
    }
  });
});
