import { fillTemplate, ui } from '@uia/i18n';

export const fill = fillTemplate;

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A server time (ISO string or epoch ms) as Beijing time, `2026-05-01 08:30`; null when unreadable. */
export function toDate(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function beijingTime(value: string | number | null | undefined): string {
  const date = toDate(value);
  if (!date) return ui.app.confirm.unknown;
  const parts = Object.fromEntries(BEIJING.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** （剩余N天） / （剩余N小时） / （剩余N分钟） until `value`, '' when past or unknown. */
export function remaining(value: string | number | null | undefined, now = Date.now()): string {
  const date = toDate(value);
  if (!date) return '';
  const ms = date.getTime() - now;
  if (ms <= 0) return '';
  const minutes = Math.ceil(ms / 60_000);
  if (minutes >= 48 * 60) return fill(ui.app.me.remainingDays, { days: Math.floor(minutes / (24 * 60)) });
  if (minutes >= 120) return fill(ui.app.me.remainingHours, { hours: Math.floor(minutes / 60) });
  return fill(ui.app.me.remainingMinutes, { minutes });
}

/** 实人认证（L3） */
export function levelText(level: string | null | undefined): string {
  if (!level) return ui.app.confirm.unknown;
  const label = ui.app.levels[level];
  return label ? fill(ui.app.levelWithCode, { label, level }) : level;
}
