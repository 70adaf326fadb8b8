/**
 * A signing key: a certificate, the chain to embed, and a function that signs. The key behind
 * it may be a PKCS#8 private key in memory (from a PKCS#12 file) or a key that never leaves a
 * token (PKCS#11); the CMS builder only ever asks it to sign the DER of the signed attributes.
 */
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';

export interface SigningKey {
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** DER of the other certificates to embed (intermediates, and the root when known). */
  readonly chain: readonly Uint8Array[];
  readonly algorithm: 'RSA' | 'ECDSA';
  /** Signs `data` (the DER of the CMS signed attributes) with SHA-256: PKCS#1 v1.5 or DER-encoded ECDSA. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** A SigningKey over a private key held in memory (PKCS#8 DER). */
export function keyFromPkcs8(pkcs8: Uint8Array, certificate: Uint8Array, chain: readonly Uint8Array[]): SigningKey {
  const key: KeyObject = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const type = key.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'ec') throw new Error(`unsupported key type ${String(type)}`);
  return {
    certificate,
    chain,
    algorithm: type === 'rsa' ? 'RSA' : 'ECDSA',
    sign: (data) => Promise.resolve(new Uint8Array(nodeSign('sha256', data, type === 'ec' ? { key, dsaEncoding: 'der' } : key))),
  };
}
