/** Times shown to people are Beijing time, written as they read them: 11月26日 23:22. */
export function formatBeijingMinute(epochMs: number): string {
  const at = new Date(epochMs);
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour12: false, ...options }).format(at);
  return `${part({ month: 'numeric' })}月${part({ day: 'numeric' })}日 ${part({ hour: '2-digit', minute: '2-digit' })}`;
}
