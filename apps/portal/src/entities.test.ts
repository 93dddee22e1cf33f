import { describe, expect, it } from 'vitest';
import { loginTypesOf } from './api.ts';
import { beijingDate, beijingDayFrom, beijingMinute, checkEntityRef, checkUscc, levelText, scopeText } from './entities.ts';

describe('法人登录 tabs from /details', () => {
  it('shows what the relying party accepts, in the page order, else 个人登录 only', () => {
    expect(loginTypesOf({ loginTypes: ['personal'] })).toEqual(['personal']);
    expect(loginTypesOf({ loginTypes: ['entity', 'personal'] })).toEqual(['personal', 'entity']);
    expect(loginTypesOf({ loginTypes: ['entity'] })).toEqual(['entity']);
    expect(loginTypesOf({})).toEqual(['personal']);
    expect(loginTypesOf(null)).toEqual(['personal']);
    expect(loginTypesOf({ loginTypes: [] })).toEqual(['personal']);
    expect(loginTypesOf({ loginTypes: ['robot'] as never })).toEqual(['personal']);
  });
});

describe('统一社会信用代码/单位账号', () => {
  it('passes an account name as typed and checks 18 characters as a USCC', () => {
    expect(checkEntityRef('  demo_corp ')).toEqual({ value: 'demo_corp' });
    expect(checkEntityRef('91110000600037341L')).toEqual({ value: '91110000600037341L' });
    expect(checkEntityRef('91110000600037341l')).toEqual({ value: '91110000600037341L' });
    expect(checkEntityRef('91110000600037341A')).toEqual({ error: '统一社会信用代码校验位不正确，请核对' });
    expect(checkEntityRef('   ')).toEqual({ error: '请输入统一社会信用代码或单位账号' });
  });

  it('registration always wants a valid USCC', () => {
    expect(checkUscc('91110000600037341L')).toEqual({ value: '91110000600037341L' });
    expect(checkUscc('')).toEqual({ error: '请输入统一社会信用代码' });
    expect(checkUscc('9111000060003734')).toEqual({ error: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）' });
  });
});

describe('dates in Beijing time', () => {
  it('shows the Beijing day of an instant; an expiry at 00:00 is the end of the day before', () => {
    expect(beijingDate('2027-05-14T15:59:59.999Z', { inclusiveEnd: true })).toBe('2027-05-14');
    expect(beijingDate('2027-05-14T16:00:00.000Z', { inclusiveEnd: true })).toBe('2027-05-14');
    expect(beijingDate('2027-05-14T16:00:00.000Z')).toBe('2027-05-15');
    expect(beijingDate('2027-05-14T02:00:00+08:00')).toBe('2027-05-14');
    expect(beijingDate('not a date')).toBeNull();
  });

  it('counts days and years from today in Beijing (29 February → 28 February)', () => {
    // 2026-03-01 01:00 in Beijing is still 28 February in UTC.
    const now = new Date('2026-02-28T17:00:00Z');
    expect(beijingDayFrom(now, {})).toBe('2026-03-01');
    expect(beijingDayFrom(now, { days: 1 })).toBe('2026-03-02');
    expect(beijingDayFrom(now, { years: 1 })).toBe('2027-03-01');
    expect(beijingDayFrom(new Date('2028-02-29T04:00:00Z'), { years: 1 })).toBe('2029-02-28');
    expect(beijingDayFrom(new Date('2026-12-31T16:30:00Z'), { days: 1 })).toBe('2027-01-02');
  });
});

describe('user center labels', () => {
  it('names the grant scope and the assurance level', () => {
    expect(scopeText(null)).toBe('全部业务');
    expect(
      scopeText([
        { id: 'edu-portal', name: '义务教育入学服务平台' },
        { id: 'tax', name: '税务' },
      ]),
    ).toBe('义务教育入学服务平台、税务');
    expect(levelText('L2')).toBe('L2 实名用户');
    expect(levelText('L4')).toBe('L4 现场核验');
    expect(levelText('L9')).toBe('L9');
  });
});

describe('beijingMinute (登录设备与会话 times)', () => {
  it('shows an instant as Beijing date and minute', () => {
    expect(beijingMinute('2026-12-04T16:05:59.999Z')).toBe('2026-12-05 00:05');
    expect(beijingMinute('2026-12-04T02:00:00Z')).toBe('2026-12-04 10:00');
    expect(beijingMinute('not a time')).toBeNull();
  });
});
