/**
 * Who may talk to the web host (pure: no sockets, no files).
 *
 *  - The host prints `http://127.0.0.1:PORT/?token=T`. T works ONCE: it becomes an
 *    HttpOnly, SameSite=Strict session cookie and is spent; a copied URL opened
 *    later (another user of the machine, a browser history sync) gets the 403 page.
 *  - Every request must name this host in `Host` (127.0.0.1:PORT or localhost:PORT):
 *    a DNS-rebinding page (evil.example resolving to 127.0.0.1) is refused even
 *    before cookies matter.
 *  - The WebSocket also checks `Origin` against the host's own origin: browsers
 *    send cookies on cross-site WebSocket handshakes, SameSite aside for old ones.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}

/** Cookies are not separated by port: two hosts on 127.0.0.1 must not overwrite each other's. */
export const sessionCookieName = (port: number): string => `ioffice_web_${port}`;

export function sessionCookie(name: string, value: string): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict`;
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return LOOPBACK_NAMES.some((n) => hostHeader.toLowerCase() === `${n}:${port}`);
}

/** The page's own origin only: `http://` + the Host it was served from. */
export function isAllowedOrigin(origin: string | undefined, hostHeader: string | undefined, port: number): boolean {
  if (!origin || !isAllowedHost(hostHeader, port)) return false;
  return origin.toLowerCase() === `http://${hostHeader!.toLowerCase()}`;
}

/** The one-time token and the sessions it turned into. */
export class HostAccess {
  private token: string | null;
  private readonly sessions = new Set<string>();

  constructor(private readonly random: (n: number) => Buffer = randomBytes) {
    this.token = random(24).toString('base64url');
  }

  /** The token to print, until it is spent. */
  get pendingToken(): string | null {
    return this.token;
  }

  /** Spend the token: a new session id, or null when it is wrong or already used. */
  redeem(candidate: string | null | undefined): string | null {
    if (!candidate || this.token === null || !sameSecret(candidate, this.token)) return null;
    this.token = null;
    const id = this.random(32).toString('base64url');
    this.sessions.add(id);
    return id;
  }

  isSession(id: string | undefined): boolean {
    if (!id) return false;
    for (const s of this.sessions) if (sameSecret(id, s)) return true;
    return false;
  }

  /** A fresh token (e.g. the user lost the tab and asks the terminal for a new link); old sessions stay valid. */
  reissue(): string {
    this.token = this.random(24).toString('base64url');
    return this.token;
  }
}
