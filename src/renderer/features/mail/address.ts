/**
 * Recipient fields as people type them: "Nguyễn Văn A <a@kontum.gov.vn>; b@kontum.gov.vn".
 * Pure (unit-tested). The core validates again with the shared schema.
 */
import type { MailAddress } from '../../../shared/model/mail.js';

/** A practical address check (what the core's zod `.email()` accepts, without its edge cases). */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/u;

export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s) && !s.includes('..');
}

export interface ParsedRecipients {
  valid: MailAddress[];
  /** The pieces that are not addresses, as typed. */
  invalid: string[];
}

/** Split on , or ; outside quotes and angle brackets. */
function split(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = false;
  for (const ch of input) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if ((ch === ',' || ch === ';' || ch === '\n') && !quoted && !angle) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** One "Name <address>", "<address>" or "address". */
export function parseOne(piece: string): MailAddress | null {
  const m = /^(.*?)<\s*([^<>\s]+)\s*>$/u.exec(piece.trim());
  const name = (m ? (m[1] ?? '') : '').trim().replace(/^"(.*)"$/u, '$1').trim().normalize('NFC');
  const address = (m ? (m[2] ?? '') : piece.trim()).trim();
  return isEmail(address) ? { name, address } : null;
}

export function parseRecipients(input: string): ParsedRecipients {
  const valid: MailAddress[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const piece of split(input)) {
    const a = parseOne(piece);
    if (!a) invalid.push(piece);
    else if (!seen.has(a.address.toLowerCase())) {
      seen.add(a.address.toLowerCase());
      valid.push(a);
    }
  }
  return { valid, invalid };
}

/** "Name <address>" (quoted when the name has a separator), or the bare address. */
export function formatAddress(a: MailAddress): string {
  if (!a.name) return a.address;
  const name = /[,;<>"]/u.test(a.name) ? `"${a.name.replace(/"/gu, '')}"` : a.name;
  return `${name} <${a.address}>`;
}

export function formatRecipients(list: readonly MailAddress[]): string {
  return list.map(formatAddress).join('; ');
}

/** What a list shows for a person: the display name, else the address. */
export function personLabel(a: MailAddress | null | undefined): string {
  return a ? a.name || a.address : '';
}
