/**
 * The bundled demo agency's well-known accounts: what the sign-in screen offers and
 * the server's seed creates. Here, not in the seed, so the desktop shell can show
 * them without loading any server code (the seed runs only in the demo's own process).
 */

/** Every demo user's password. */
export const DEMO_PASSWORD = 'demo@2026';

/** Well-known demo accounts, for the README, the tests and the sign-in screen's hints. */
export const DEMO_USERS = {
  /** Văn thư, Văn phòng UBND tỉnh. */
  clerk: 'ha.nguyenthi',
  /** Chủ tịch UBND tỉnh (agency leader). */
  leader: 'quang.tranminh',
  /** Trưởng phòng Kinh tế (unit leader). */
  unitLeader: 'binh.levan',
  /** Chuyên viên, Phòng Kinh tế. */
  specialist: 'duc.phamminh',
} as const;
