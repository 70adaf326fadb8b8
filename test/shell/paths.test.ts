import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppRoute, resolveStaticPath } from '../../src/main/web/policy/paths.js';

const ROOT = '/srv/ioffice/dist/renderer';

describe('static path resolution (shared by app:// and the web host)', () => {
  it('maps clean paths inside the built renderer', () => {
    expect(resolveStaticPath(ROOT, '/')).toMatchObject({ ok: true, file: `${ROOT}/index.html`, relative: 'index.html' });
    expect(resolveStaticPath(ROOT, '/assets/index-Ab12Cd34.js')).toMatchObject({ ok: true, file: `${ROOT}/assets/index-Ab12Cd34.js` });
    expect(resolveStaticPath(ROOT, '/assets/')).toMatchObject({ ok: true, relative: 'assets/index.html' });
    expect(resolveStaticPath(ROOT, '/index.html?v=1#x')).toMatchObject({ ok: true, relative: 'index.html' });
    expect(resolveStaticPath(ROOT, '/fonts/Be%20Vietnam.woff2')).toMatchObject({ ok: true, relative: 'fonts/Be Vietnam.woff2' });
    expect(resolveStaticPath(ROOT, '/t%E1%BB%87p.pdf')).toMatchObject({ ok: true, relative: 'tệp.pdf' });
  });

  it.each([
    ['/../etc/passwd', 403],
    ['/assets/../../etc/passwd', 403],
    ['/..', 403],
    ['/.', 403],
    ['/%2e%2e/etc/passwd', 403],
    ['/%2E%2E/%2E%2E/etc/passwd', 403],
    ['/..%2fetc%2fpasswd', 403],
    ['/assets/..%2f..%2f..%2fetc/passwd', 403],
    ['/%252e%252e/%252e%252e/etc/passwd', 403],
    ['/..%5c..%5cwindows%5cwin.ini', 403],
    ['/..\\..\\windows\\win.ini', 400],
    ['/assets\\..\\..\\secret', 400],
    ['//etc/passwd', 403],
    ['/%2f%2fserver/share', 403],
    ['/C:/Windows/win.ini', 403],
    ['/c%3a/windows/win.ini', 403],
    ['/index.html::$DATA', 403],
    ['/index.html%00.js', 403],
    ['/.env', 403],
    ['/.git/config', 403],
    ['/assets/.hidden', 403],
    ['/index.html.', 403],
    ['/index.html%20', 403],
    ['/..%20/x', 403],
    ['/a//b', 403],
    ['/%', 400],
    ['/%E0%A4%A', 400],
    ['etc/passwd', 400],
    ['', 400],
    [`/${'a/'.repeat(600)}`, 400],
  ] as const)('refuses %s', (raw, status) => {
    const r = resolveStaticPath(ROOT, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toBe(status);
  });

  it('holds on Windows paths too', () => {
    const root = 'C:\\Program Files\\iOffice\\resources\\app\\dist\\renderer';
    expect(resolveStaticPath(root, '/assets/a.js', path.win32)).toMatchObject({ ok: true, file: `${root}\\assets\\a.js`, relative: 'assets/a.js' });
    for (const raw of ['/..\\..\\x', '/%5c..%5cx', '/C:/x', '/%2e%2e/x', '//server/share/x']) expect(resolveStaticPath(root, raw, path.win32).ok, raw).toBe(false);
  });

  it('knows the app routes that get index.html', () => {
    expect(isAppRoute('/documents/123')).toBe(true);
    expect(isAppRoute('/')).toBe(true);
    expect(isAppRoute('/assets/missing.js')).toBe(false);
    expect(isAppRoute('/favicon.ico?x')).toBe(false);
  });
});
