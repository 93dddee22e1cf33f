// Pure helpers of 法人登录 and the user center (checks and display of entities and agent grants).
import { formatMessage, ui } from '@uia/i18n';
import { validateUscc } from '@uia/validators';
import type { ServiceRef } from './api.ts';

export type Checked = { value: string } | { error: string };

/**
 * 法人登录's 统一社会信用代码/单位账号: an account name goes to the server as
 * typed; 18 characters are a USCC, checked (GB 32100) before the server and
 * the captcha are spent.
 */
export function checkEntityRef(raw: string): Checked {
  const value = raw.trim();
  if (!value) return { error: ui.login.entityRequired };
  if (value.length !== 18) return { value };
  return checkUscc(value);
}

/** 注册单位's 统一社会信用代码: always a USCC. */
export function checkUscc(raw: string): Checked {
  if (!raw.trim()) return { error: ui.account.usccRequired };
  const uscc = validateUscc(raw);
  return uscc.ok ? { value: uscc.value } : { error: formatMessage(uscc.reason) };
}

/** Days are Beijing days: the platform's grants end at 24:00 China Standard Time (UTC+8, no DST). */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function ymd(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The Beijing day an instant falls in, as YYYY-MM-DD. `inclusiveEnd` for an
 * expiry: an end at exactly 00:00 is the end of the day before.
 */
export function beijingDate(iso: string, { inclusiveEnd = false } = {}): string | null {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return ymd(new Date(time + BEIJING_OFFSET_MS - (inclusiveEnd ? 1 : 0)));
}

/** An instant as Beijing date and minute, `YYYY-MM-DD HH:mm`. */
export function beijingMinute(iso: string): string | null {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Beijing day `now` plus whole years (29 February becomes 28 February) and days, YYYY-MM-DD. */
export function beijingDayFrom(now: Date, { years = 0, days = 0 }: { years?: number; days?: number }): string {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
  const year = local.getUTCFullYear() + years;
  const month = local.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return ymd(new Date(Date.UTC(year, month, Math.min(local.getUTCDate(), lastDay) + days)));
}

/** 授权范围: 全部业务, or the services' names. */
export function scopeText(services: readonly ServiceRef[] | null): string {
  if (services === null) return ui.account.scopeAll;
  return services.map((service) => service.name).join('、');
}

/** 认证等级: `L2 实名用户`; an unknown level as it came. */
export function levelText(level: string): string {
  const label = ui.account.levels[level];
  return label ? `${level} ${label}` : level;
}
