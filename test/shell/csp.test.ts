import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, parseCsp, securityHeaders } from '../../src/main/web/policy/csp.js';
import { APP_CSP } from '../../src/main/shell/protocols.js';

describe('the Content-Security-Policy', () => {
  it('has exactly the directives the issue asks for (plus frame-ancestors and font-src), strict where it matters', () => {
    const csp = parseCsp(contentSecurityPolicy());
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'worker-src': ["'self'", 'blob:'],
      'object-src': ["'none'"],
      'frame-src': ["'none'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('never allows inline script, eval or remote code', () => {
    for (const policy of [contentSecurityPolicy(), APP_CSP, contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4000'] })]) {
      const script = parseCsp(policy).get('script-src')!;
      expect(script).toEqual(["'self'"]);
      expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|https?:(?!\/\/127)/u);
    }
  });

  it('the web host adds only its own WebSocket; the shell adds only its file scheme', () => {
    expect(parseCsp(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4000'] })).get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4000']);
    const app = parseCsp(APP_CSP);
    expect(app.get('connect-src')).toEqual(["'self'", 'ioffice-file:']);
    expect(app.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'ioffice-file:']);
  });

  it('refuses a source that would widen the policy', () => {
    for (const bad of ['*', "'unsafe-eval'", 'https://evil.example', "ws://127.0.0.1:1; script-src *", 'ws://evil.example:80', 'http:', ''])
      expect(() => contentSecurityPolicy({ connectSrc: [bad] })).toThrow(/refusing/u);
  });

  it('goes out with nosniff, no-referrer and no framing', () => {
    const h = securityHeaders('x');
    expect(h['Content-Security-Policy']).toBe('x');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('no-referrer');
    expect(h['X-Frame-Options']).toBe('DENY');
  });
});
