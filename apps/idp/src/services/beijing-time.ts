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
