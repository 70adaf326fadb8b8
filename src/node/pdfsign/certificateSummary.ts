/**
 * What an outgoing document's record keeps of a certificate (shared CertificateSummary), as the
 * engine reads it: the core records it with each signature it makes, the demo seed with the
 * signatures it makes for the demo agency's documents. One reading, so both agree.
 */
import type { CertificateSummary } from '../../shared/outgoing/model.js';
import { certificateInfo } from './certificates.js';

export function certificateSummaryOf(der: Uint8Array): CertificateSummary {
  const c = certificateInfo(der);
  return {
    subject: c.commonName.slice(0, 300),
    organisation: (c.organisation ?? '').slice(0, 300),
    issuer: c.issuerCommonName.slice(0, 300),
    serial: c.serialNumber,
    sha256: c.fingerprintSha256,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
  };
}
