/**
 * RC2-CBC decryption (RFC 2268), for PKCS#12 files that Windows and older OpenSSL write with
 * "pbeWithSHAAnd40BitRC2-CBC" for their certificates. OpenSSL 3 (Node) and BoringSSL (Electron)
 * only offer RC2 through a legacy provider that is not loaded, so it is done here: only ever
 * to decrypt a few kilobytes of certificates in a file the user chose.
 */

// RFC 2268 §2: PITABLE, a permutation of 0..255 derived from the digits of pi.
const PI = Buffer.from(
  'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e82' +
    '54d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb6266fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed7' +
    '08e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
    '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad',
  'hex',
);

function expandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  const L = new Uint8Array(128);
  L.set(key);
  const T = key.length;
  const T8 = Math.ceil(effectiveBits / 8);
  const TM = 0xff >> (8 * T8 - effectiveBits);
  for (let i = T; i < 128; i++) L[i] = PI[(L[i - 1]! + L[i - T]!) & 0xff]!;
  L[128 - T8] = PI[L[128 - T8]! & TM]!;
  for (let i = 127 - T8; i >= 0; i--) L[i] = PI[L[i + 1]! ^ L[i + T8]!]!;
  const K = new Uint16Array(64);
  for (let i = 0; i < 64; i++) K[i] = L[2 * i]! | (L[2 * i + 1]! << 8);
  return K;
}

const S = [1, 2, 3, 5];

function decryptBlock(K: Uint16Array, block: Uint8Array, at: number, out: Uint8Array): void {
  const R = [0, 1, 2, 3].map((i) => block[at + 2 * i]! | (block[at + 2 * i + 1]! << 8));
  let j = 63;
  const mixRound = (): void => {
    for (let i = 3; i >= 0; i--) {
      const s = S[i]!;
      let r = R[i]!;
      r = ((r >>> s) | (r << (16 - s))) & 0xffff;
      r = (r - K[j]! - (R[(i + 3) & 3]! & R[(i + 2) & 3]!) - (~R[(i + 3) & 3]! & R[(i + 1) & 3]!)) & 0xffff;
      R[i] = r;
      j--;
    }
  };
  const mashRound = (): void => {
    for (let i = 3; i >= 0; i--) R[i] = (R[i]! - K[R[(i + 3) & 3]! & 63]!) & 0xffff;
  };
  for (let n = 0; n < 5; n++) mixRound();
  mashRound();
  for (let n = 0; n < 6; n++) mixRound();
  mashRound();
  for (let n = 0; n < 5; n++) mixRound();
  for (let i = 0; i < 4; i++) {
    out[at + 2 * i] = R[i]! & 0xff;
    out[at + 2 * i + 1] = R[i]! >> 8;
  }
}

/** Decrypt RC2-CBC with PKCS#5 padding; throws when the padding is wrong (a wrong key). */
export function rc2CbcDecrypt(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length === 0 || data.length % 8 !== 0) throw new Error('RC2: data is not a whole number of blocks');
  const K = expandKey(key, effectiveBits);
  const out = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at += 8) {
    decryptBlock(K, data, at, out);
    const prev = at === 0 ? iv : data.subarray(at - 8, at);
    for (let i = 0; i < 8; i++) out[at + i] = out[at + i]! ^ prev[i]!;
  }
  const pad = out[out.length - 1]!;
  if (pad < 1 || pad > 8) throw new Error('RC2: bad padding');
  for (let i = out.length - pad; i < out.length; i++) if (out[i] !== pad) throw new Error('RC2: bad padding');
  return out.subarray(0, out.length - pad);
}
