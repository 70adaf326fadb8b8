/**
 * What the PDF viewer tells a reader of a file's signatures (src/renderer/components/pdf/
 * signatures.ts), pure.
 */
import { describe, expect, it } from 'vitest';
import { changeOf, inSigningOrder, overallState } from '../../src/renderer/components/pdf/signatures.js';
import type { SignatureCheck } from '../../src/shared/outgoing/index.js';

const check = (over: Partial<SignatureCheck> = {}): SignatureCheck => ({
  fieldName: 'Signature1',
  signerName: 'Trần Minh Quang',
  organisation: 'Ủy ban nhân dân tỉnh Hòa Bình',
  issuerName: 'Cơ quan chứng thực thử nghiệm',
  serialNumber: '01',
  signingTime: '2026-05-12T02:30:00.000Z',
  integrity: 'intact',
  coversWholeFile: true,
  laterRevisions: 0,
  laterChanges: 'none',
  chain: 'trusted',
  validity: 'valid',
  expiredNow: false,
  revocation: 'not_checked_offline',
  status: 'valid',
  problems: [],
  ...over,
});

describe('the viewer badge: the state of a signed file', () => {
  it('an unsigned file says so; one intact signature from a trusted CA is valid', () => {
    expect(overallState([])).toBe('none');
    expect(overallState([check()])).toBe('valid');
  });

  it('an issued document (the signer, then the number and the agency signature) is valid, not "with additions"', () => {
    const signer = check({ laterRevisions: 2, laterChanges: 'additions', coversWholeFile: false, status: 'valid_with_later_additions' });
    const agency = check({ fieldName: 'Signature2', signerName: 'UBND tỉnh Hòa Bình' });
    expect(overallState([signer, agency])).toBe('valid');
    // Content added after the last signature and signed by no one is worth saying.
    expect(overallState([signer])).toBe('valid_with_later_additions');
  });

  it('one altered or unknown signature decides the file, the altered one first', () => {
    const broken = check({ integrity: 'broken', status: 'invalid' });
    const stranger = check({ chain: 'unknown_ca', status: 'untrusted' });
    expect(overallState([check(), stranger])).toBe('untrusted');
    expect(overallState([stranger, broken, check()])).toBe('invalid');
  });
});

describe('one signature', () => {
  it('a signature that no longer matches its bytes reads as modified, whatever came after it', () => {
    expect(changeOf({ integrity: 'broken', laterChanges: 'none' })).toBe('modified');
    expect(changeOf({ integrity: 'intact', laterChanges: 'additions' })).toBe('additions');
  });

  it('signatures are listed in the order they were applied', () => {
    const agency = check({ fieldName: 'agency', laterRevisions: 0 });
    const signer = check({ fieldName: 'signer', laterRevisions: 2 });
    expect(inSigningOrder([agency, signer]).map((c) => c.fieldName)).toEqual(['signer', 'agency']);
  });
});
