/** Times shown to people are Beijing time, written as they read them: 11月26日 23:22. */
export function formatBeijingMinute(epochMs: number): string {
  const at = new Date(epochMs);
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour12: false, ...options }).format(at);
  return `${part({ month: 'numeric' })}月${part({ day: 'numeric' })}日 ${part({ hour: '2-digit', minute: '2-digit' })}`;
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The Beijing calendar day of a moment (`2026-11-26`) and the seconds left in it. */
export function beijingDay(at: number): { day: string; secondsLeft: number } {
  const shifted = at + BEIJING_OFFSET_MS;
  const day = new Date(shifted).toISOString().slice(0, 10);
  const msIntoDay = ((shifted % DAY_MS) + DAY_MS) % DAY_MS;
  return { day, secondsLeft: Math.max(1, Math.ceil((DAY_MS - msIntoDay) / 1000)) };
}

/** When a Beijing calendar day (`YYYY-MM-DD`) ends: the next Beijing midnight, epoch ms. Null for no such date. */
export function endOfBeijingDay(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const start = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(start).toISOString().slice(0, 10) !== day) return null;
  return start + DAY_MS - BEIJING_OFFSET_MS;
}

/** When the same Beijing calendar date `years` after `at` ends (29 February: 1 March). */
export function endOfBeijingDayYearsAhead(at: number, years: number): number {
  const today = new Date(at + BEIJING_OFFSET_MS);
  return Date.UTC(today.getUTCFullYear() + years, today.getUTCMonth(), today.getUTCDate()) + DAY_MS - BEIJING_OFFSET_MS;
}
