/**
 * Birth dates embedded in 18-character document numbers (YYYYMMDD).
 *
 * "Today" is taken in China Standard Time (UTC+8, no DST) because the numbers
 * are issued in China: a browser abroad and the server must agree on whether
 * a date is in the future.
 */
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const EARLIEST_YEAR = 1900;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real Gregorian calendar date from 1900-01-01 on, written YYYYMMDD. */
export function isRealCalendarDate(yyyymmdd: string): boolean {
  if (typeof yyyymmdd !== 'string' || !/^\d{8}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < EARLIEST_YEAR || month < 1 || month > 12) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

/** The calendar date in China at `now`, as YYYYMMDD. */
export function chinaDate(now: Date): string {
  const valid = now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date();
  return new Date(valid.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** A real calendar date that is not after today (China time). */
export function isPlausibleBirthDate(yyyymmdd: string, now: Date): boolean {
  // Fixed-width digit strings compare chronologically as plain strings.
  return isRealCalendarDate(yyyymmdd) && yyyymmdd <= chinaDate(now);
}
