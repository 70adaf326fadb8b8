/**
 * The Vietnamese lunar calendar (âm lịch), computed — no tables — so that any year's Tết
 * and Giỗ Tổ Hùng Vương (10/3 âm lịch) can be placed on the solar calendar.
 *
 * This is our own implementation of the algorithm Hồ Ngọc Đức published for the Vietnamese
 * calendar ("Thuật toán tính âm lịch", with the astronomical formulas of Jean Meeus,
 * "Astronomical Algorithms", 1998): a lunar month begins on the local day of the new moon;
 * month 11 is the month containing the winter solstice; a year with 13 months repeats
 * (as a leap month) the first month after month 11 that contains no major solar term.
 * Accuracy is about a minute for new moons and the sun's longitude, which is enough
 * except for a new moon within a minute or two of midnight (none from 1900 to 2100 is
 * known to be misplaced by it).
 *
 * Why not a library from npm: those for Vietnam are either obfuscated (unreviewable) or
 * unmaintained one-off releases, and the Chinese ones compute in Beijing time (UTC+8).
 * The time zone matters: the day of a new moon near midnight differs between UTC+7 and
 * UTC+8, which is why Vietnam's Tết fell on 20/02/1985 and 17/02/2007 while China's fell
 * on 21/02/1985 and 18/02/2007. Vietnam has used UTC+7 for its calendar since 1968.
 *
 * Days are passed as "epoch days": whole days since 1970-01-01 (a calendar day, no time).
 */

export interface LunarDate {
  /** 1..30 */
  day: number;
  /** 1..12 */
  month: number;
  /** The lunar year, named after the solar year in which it mostly falls (Tết 2025 begins lunar year 2025). */
  year: number;
  /** True for the repeated (nhuận) month of a 13-month year. */
  leap: boolean;
}

/** Vietnam's time zone for the calendar: UTC+7. */
export const VIETNAM_TIME_ZONE = 7;

/** The Julian day number of epoch day 0 (1970-01-01). */
const JD_EPOCH = 2_440_588;
const INT = Math.floor;
const PI = Math.PI;
/** Mean length of a synodic month, in days. */
const SYNODIC = 29.530588853;
/** Julian day of the new moon of 1900-01-01 (k = 0 in Meeus' series). */
const NEW_MOON_EPOCH = 2415021.076998695;

/** The Julian day (Terrestrial time, fractional) of the k-th new moon after 1900-01-01 (Meeus ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900-01-00.5
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr); // mean new moon
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 -= 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  // ΔT (terrestrial minus universal time), in days.
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude, in radians 0..2π, at Julian day `jdn` (Meeus ch. 25, low accuracy). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525; // Julian centuries from 2000-01-01 12:00 UT
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  const L = (L0 + DL) * dr;
  return L - PI * 2 * INT(L / (PI * 2));
}

/** The Julian day number of the local day on which the k-th new moon falls. */
const newMoonDay = (k: number, tz: number): number => INT(newMoon(k) + 0.5 + tz / 24);

/** Which of the 12 major-term sectors (0..11, 30° each) the sun is in at the local midnight starting Julian day `jdn`. */
const sunSector = (jdn: number, tz: number): number => INT((sunLongitude(jdn - 0.5 - tz / 24) / PI) * 6);

/** The Julian day number of solar calendar day dd/mm/yyyy (Gregorian; Julian calendar before 1582-10-15). */
function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  const jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  return jd < 2299161 ? dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083 : jd;
}

/** The Julian day number on which lunar month 11 (the one holding the winter solstice) of solar year `yy` begins. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / SYNODIC);
  const nm = newMoonDay(k, tz);
  // If the sun has already passed 270° (sector 9) at that new moon, month 11 began a month earlier.
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** In a 13-month year starting with month 11 at `a11`, the offset (from a11) of the leap month. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - NEW_MOON_EPOCH) / SYNODIC + 0.5);
  let i = 1; // start with the month after month 11
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    // The leap month is the first without a major term: its start and the next start lie in the same sector.
    last = arc;
    i += 1;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The lunar date of a solar day (epoch days), in the calendar of time zone `tz` (hours east of UTC). */
export function solarToLunar(epochDay: number, tz: number = VIETNAM_TIME_ZONE): LunarDate {
  const dayNumber = epochDay + JD_EPOCH;
  const yy = new Date(epochDay * 86_400_000).getUTCFullYear();
  const k = INT((dayNumber - NEW_MOON_EPOCH) / SYNODIC);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    year = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/**
 * The solar day (epoch days) of a lunar date in the calendar of time zone `tz`, or null
 * when it does not exist (a leap month the year does not have). Day 30 of a 29-day month
 * gives the first day of the next month; callers needing a fixed feast use days 1..29.
 */
export function lunarToSolar(date: LunarDate, tz: number = VIETNAM_TIME_ZONE): number | null {
  const { day, month, year, leap } = date;
  const [a11, b11] = month < 11 ? [lunarMonth11(year - 1, tz), lunarMonth11(year, tz)] : [lunarMonth11(year, tz), lunarMonth11(year + 1, tz)];
  const k = INT(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return newMoonDay(k + off, tz) + day - 1 - JD_EPOCH;
}
