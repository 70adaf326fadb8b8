/** Small helpers over asn1js for reading DER/BER structures by position. */
import * as asn1js from 'asn1js';

export function parseBer(bytes: Uint8Array): asn1js.AsnType {
  const r = asn1js.fromBER(bytes);
  if (r.offset === -1) throw new Error(`ASN.1: ${r.result.error || 'cannot decode'}`);
  return r.result;
}

/** The i-th element of a constructed value (SEQUENCE, SET, or a context tag). */
export function child(node: asn1js.AsnType | undefined, i: number): asn1js.AsnType {
  const v = (node as asn1js.Constructed | undefined)?.valueBlock?.value;
  if (!Array.isArray(v) || v[i] === undefined) throw new Error(`ASN.1: no element ${i}`);
  return v[i];
}

export function children(node: asn1js.AsnType): asn1js.AsnType[] {
  const v = (node as asn1js.Constructed).valueBlock?.value;
  if (!Array.isArray(v)) throw new Error('ASN.1: not a constructed value');
  return v;
}

export function oidOf(node: asn1js.AsnType): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw new Error('ASN.1: not an OBJECT IDENTIFIER');
  return node.valueBlock.toString();
}

/** The bytes of an OCTET STRING, primitive or constructed (BER, as Windows writes PKCS#12). */
export function octets(node: asn1js.AsnType): Uint8Array {
  if (node.idBlock.isConstructed) {
    const parts = children(node).map(octets);
    return Buffer.concat(parts);
  }
  return new Uint8Array((node as asn1js.OctetString).valueBlock.valueHexView);
}

export function integerOf(node: asn1js.AsnType): number {
  if (!(node instanceof asn1js.Integer)) throw new Error('ASN.1: not an INTEGER');
  return node.valueBlock.valueDec;
}

/** The DER/BER bytes a node was decoded from. */
export function encoded(node: asn1js.AsnType): Uint8Array {
  return new Uint8Array(node.toBER(false));
}

/** The bytes a decoded node was read from, exactly as they were (not re-encoded). */
export function original(node: asn1js.AsnType): Uint8Array {
  const v = (node as asn1js.BaseBlock).valueBeforeDecodeView;
  if (v.byteLength === 0) throw new Error('ASN.1: not a decoded value');
  return new Uint8Array(v);
}
