/**
 * The signing keys a user signs with, and the images their signatures show
 * (OUTGOING_RPC 'outgoing.keys', 'importPkcs12', 'removeKey', 'setTokenLibrary', 'tokenKeys',
 * 'setImage'):
 *
 * - A PKCS#12 file is checked with its password when imported and kept, as it is, in the
 *   user's encrypted cache (decisions §20); the password is never kept: it is asked at each
 *   signature, like a token's PIN.
 * - A token (PKCS#11: a USB key, SoftHSM in the tests) is reached through the vendor's library,
 *   a per-user setting; its certificates are listed with the PIN and its key never leaves it.
 * - The handwritten signature (blue) and the agency's seal (red) are PNGs the user gives, or
 *   the engine's generated defaults.
 */
import fs from 'node:fs';
import { AppError } from '../../../shared/index.js';
import { sniffMime } from '../../../shared/text/fileType.js';
import type { CertificateSummary } from '../../../shared/outgoing/model.js';
import type { KeyChoice, SigningKeyInfo } from '../../../shared/outgoing/rpc.js';
import { listTokenCertificates, loadPkcs12, openTokenKey, type SigningKey } from '../../../node/pdfsign/index.js';
import { certificateSummaryOf } from '../../../node/pdfsign/certificateSummary.js';
import type { OutgoingContext } from './context.js';
import type { OutgoingHandlers } from './handlers.js';

// What the records keep of a certificate: one reading for the core and the demo seed.
export { certificateSummaryOf };

/** A key unlocked for one signature. */
export interface UnlockedKey {
  key: SigningKey;
  certificate: CertificateSummary;
  keyStore: 'file' | 'token';
  /** Logs out of the token (nothing for a file). */
  close(): Promise<void>;
}

function libraryOf(ctx: Pick<OutgoingContext, 'tokenLibrary'>): string {
  const library = ctx.tokenLibrary();
  if (library === null) throw new AppError('token_library_missing', { library: '' });
  return library;
}

/** Unlock the chosen key with its password or PIN (AppError certificate_password_wrong, token_pin_wrong…). */
export async function unlockKey(ctx: Pick<OutgoingContext, 'store' | 'tokenLibrary'>, choice: KeyChoice): Promise<UnlockedKey> {
  if (choice.store === 'file') {
    const stored = ctx.store.key(choice.id);
    if (!stored) throw new AppError('not_found');
    const key = await loadPkcs12(stored.pkcs12, choice.password);
    return { key, certificate: certificateSummaryOf(key.certificate), keyStore: 'file', close: async () => {} };
  }
  const token = await openTokenKey({ library: libraryOf(ctx), slotIndex: choice.slotIndex ?? 0, pin: choice.pin, certificateId: choice.id });
  return {
    key: token,
    certificate: certificateSummaryOf(token.certificate),
    keyStore: 'token',
    close: async () => token.close(),
  };
}

export function keyHandlers(getCtx: () => OutgoingContext | null): Pick<OutgoingHandlers, 'outgoing.keys' | 'outgoing.importPkcs12' | 'outgoing.removeKey' | 'outgoing.setTokenLibrary' | 'outgoing.tokenKeys' | 'outgoing.setImage'> {
  const need = (): OutgoingContext => {
    const ctx = getCtx();
    if (!ctx) throw new AppError('not_signed_in');
    return ctx;
  };
  return {
    'outgoing.keys': async () => {
      const ctx = need();
      return {
        keys: ctx.store.keys().map((k): SigningKeyInfo => ({ id: k.id, label: k.label, store: 'file', certificate: k.certificate })),
        tokenLibrary: ctx.tokenLibrary(),
        hasSignatureImage: ctx.store.image('signature') !== null,
        hasSealImage: ctx.store.image('seal') !== null,
      };
    },

    'outgoing.importPkcs12': async (p) => {
      const ctx = need();
      // Opened once to prove the password and to read the certificate; then only the file is kept.
      const key = await loadPkcs12(p.bytes, p.password);
      const certificate = certificateSummaryOf(key.certificate);
      const info: SigningKeyInfo = { id: `file:${certificate.sha256}`, label: p.label.trim() || certificate.subject, store: 'file', certificate };
      ctx.store.putKey({ id: info.id, label: info.label, pkcs12: p.bytes, certificate }, ctx.now().toISOString());
      return info;
    },

    'outgoing.removeKey': async (p) => {
      if (!need().store.removeKey(p.id)) throw new AppError('not_found');
      return {};
    },

    'outgoing.setTokenLibrary': async (p) => {
      const ctx = need();
      const path = p.path === null ? null : p.path.trim();
      if (path !== null && !fs.existsSync(path)) throw new AppError('token_library_missing', { library: path });
      ctx.setTokenLibrary(path === '' ? null : path);
      return {};
    },

    'outgoing.tokenKeys': async (p) => {
      const ctx = need();
      const certs = await listTokenCertificates({ library: libraryOf(ctx), slotIndex: p.slotIndex, pin: p.pin });
      // Only certificates whose key is on the token can sign (the CA certificates beside them cannot).
      return certs.filter((c) => c.hasPrivateKey).map((c): SigningKeyInfo => ({ id: c.id, label: c.label || c.info.commonName, store: 'token', certificate: certificateSummaryOf(c.certificate) }));
    },

    'outgoing.setImage': async (p) => {
      if (p.png !== null && sniffMime(p.png) !== 'image/png') throw new AppError('validation_failed', { details: 'png' });
      need().store.setImage(p.which, p.png);
      return {};
    },
  };
}
