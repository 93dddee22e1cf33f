import { describe, expect, it } from 'vitest';
import { describeDevice } from './device-summary.ts';

describe('describeDevice', () => {
  it('names the device (or system) and the browser', () => {
    expect(describeDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1')).toBe('iPhone · Safari');
    expect(describeDevice('Mozilla/5.0 (Linux; Android 13; HUAWEI P60) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36')).toBe('Android · Chrome');
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0')).toBe('Windows · Microsoft Edge');
  });

  it('says 未知设备 when there is nothing to read', () => {
    expect(describeDevice(undefined)).toBe('未知设备');
    expect(describeDevice('')).toBe('未知设备');
    expect(describeDevice('\u0000\u0001')).toBe('未知设备');
  });
});
