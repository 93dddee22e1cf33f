import { describe, expect, it } from 'vitest';
import { spokenMark, timeInWords } from './time-left.tsx';

describe('a countdown in words', () => {
  it('says seconds, whole minutes, or minutes and seconds', () => {
    expect(timeInWords(58)).toBe('58秒');
    expect(timeInWords(59.2)).toBe('1分钟');
    expect(timeInWords(60)).toBe('1分钟');
    expect(timeInWords(180)).toBe('3分钟');
    expect(timeInWords(270)).toBe('4分30秒');
    expect(timeInWords(61)).toBe('1分1秒');
    expect(timeInWords(-3)).toBe('0秒');
  });
});

describe('when a screen reader hears a countdown', () => {
  const ends = (seconds: number[], marks: number[]) => seconds.map((s) => spokenMark(s, marks));

  it('a 3-minute QR: each whole minute, then at 30 and at 10 seconds', () => {
    const said: number[] = [];
    for (let s = 180; s >= 0; s -= 1) {
      const mark = spokenMark(s, [30, 10]);
      if (said.at(-1) !== mark) said.push(mark);
    }
    expect(said).toEqual([180, 120, 60, 30, 10, 0]);
  });

  it('the SMS wait: when it starts and when it ends', () => {
    expect(new Set(ends([60, 59, 31, 30, 1], []))).toEqual(new Set([60]));
    expect(spokenMark(0, [])).toBe(0);
    // A longer wait from the server speaks again each minute.
    expect(ends([90, 61, 60], [])).toEqual([120, 120, 60]);
  });
});
