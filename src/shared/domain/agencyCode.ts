/**
 * Agency identifier codes (mã định danh), QCVN 102:2016 and QĐ 20/2020 (DOMAIN.md §7).
 * Codes are opaque keys of an agency directory; we only check their shape.
 */

/**
 * The level-1 group letters of QCVN 102:2016 (DOMAIN.md §7): A Party bodies, B the
 * President's Office, C National Assembly, D Supreme Court, E Supreme Procuracy,
 * F State Audit, G ministries, H provincial People's Committees, I central
 * socio-political organisations, K provincial People's Councils (there is no J).
 * A level-1 code is one of them and two digits ("H41"); its number need not be in
 * our directory (codes are opaque keys), but its shape must be right.
 */
const LEVEL1 = '[A-IK]\\d{2}';
/** Legacy: V1V2V3.Z1Z2.Y1Y2.MX1X2, 13 characters, level 1 on the right. */
const LEGACY = new RegExp(`^(\\d{3})\\.(\\d{2})\\.(\\d{2})\\.(${LEVEL1})$`, 'u');
/**
 * Newer (QĐ 20/2020): groups left to right, starting with the level-1 code
 * ("H41", "H41.22", "G22.01.A3"), up to 35 characters of 0-9A-Z and dots.
 * "UBND", "1" or a legacy-looking "000.00.00.Z34" are not codes.
 */
const MODERN = new RegExp(`^${LEVEL1}(?:\\.[0-9A-Z]+)*$`, 'u');

export type AgencyCodeFormat = 'legacy' | 'modern';

export interface AgencyCodeInfo {
  readonly format: AgencyCodeFormat;
  readonly code: string;
  /** Legacy only: the level-1 group letter and number, e.g. "H41". */
  readonly level1?: string;
  /** Legacy only: how deep the code goes (1 = the level-1 body itself). */
  readonly depth?: number;
}

export function parseAgencyCode(raw: string): AgencyCodeInfo | null {
  const code = raw.trim().toUpperCase();
  const legacy = LEGACY.exec(code);
  if (legacy) {
    const [, v, z, y, level1] = legacy as unknown as [string, string, string, string, string];
    const depth = v !== '000' ? 4 : z !== '00' ? 3 : y !== '00' ? 2 : 1;
    // A lower level may only be set when the level above it is set.
    if ((v !== '000' && (z === '00' || y === '00')) || (z !== '00' && y === '00')) return null;
    return { format: 'legacy', code, level1, depth };
  }
  if (code.length <= 35 && MODERN.test(code)) return { format: 'modern', code };
  return null;
}

export function isValidAgencyCode(raw: string): boolean {
  return parseAgencyCode(raw) !== null;
}
