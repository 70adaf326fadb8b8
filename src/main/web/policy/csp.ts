/**
 * The Content-Security-Policy and the other security headers, shared by both
 * hosts (the Electron shell's app:// protocol and the web host). Pure.
 *
 * Why each directive (docs/hosts.md has the long form):
 *  - script-src 'self': no inline script, no eval, no remote code; the renderer is
 *    untrusted content's neighbour (mail HTML, PDFs).
 *  - style-src 'self' 'unsafe-inline': antd (CSS-in-JS) injects <style> elements at
 *    run time; without 'unsafe-inline' it renders unstyled. Inline *styles* cannot
 *    run code, and script-src stays strict, so this is the accepted trade-off.
 *  - worker-src 'self' blob:: pdf.js runs its parser in a worker (from the bundle or a blob).
 *  - img-src data: blob:: icons inlined by the bundler, pages rendered by pdf.js.
 *  - frame-src 'none' for now: mail will need one sandboxed frame (a srcdoc or a
 *    dedicated scheme) and widens this one directive then.
 *  - frame-ancestors 'none' (beyond the list): nobody may frame the app.
 *  - font-src 'self' data: (beyond the list, as the renderer's own <meta> policy has
 *    it): pdf.js may hand embedded PDF fonts to the page as data: URLs. Fonts run no code.
 */

export interface CspOptions {
  /** Extra sources for connect-src: the web host's ws://127.0.0.1:PORT, the shell's ioffice-file:. */
  connectSrc?: readonly string[];
  /** Extra sources for img-src (e.g. the shell's ioffice-file: for thumbnails). */
  imgSrc?: readonly string[];
}

/**
 * The only extra sources a host may add: the app's own file scheme, or a loopback
 * host with a port. Never a keyword, a wildcard, a network scheme (http:, ws:…)
 * or a remote host smuggled in from a caller.
 */
const SOURCE_RE = /^(?:ioffice-file:|(?:https?|wss?):\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d{1,5})$/u;

function checkSources(sources: readonly string[]): string[] {
  for (const s of sources) if (!SOURCE_RE.test(s)) throw new Error(`CSP: refusing the source ${JSON.stringify(s)}`);
  return [...sources];
}

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...checkSources(opts.imgSrc ?? [])]],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...checkSources(opts.connectSrc ?? [])]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Parse a policy back into directive → sources (tests, and checking a served header). */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/u);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

/** Headers every response of either host carries. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
  };
}
