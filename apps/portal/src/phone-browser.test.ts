import { describe, expect, it } from 'vitest';
import { isPhoneBrowser } from './phone-browser.ts';

/** A device by its primary pointer and its screen (CSS px). */
function device(pointer: 'finger' | 'mouse', width: number, height: number) {
  return {
    matchMedia: (query: string) => ({ matches: pointer === 'finger' && query === '(pointer: coarse) and (hover: none)' }) as MediaQueryList,
    screen: { width, height } as Screen,
  };
}

describe('isPhoneBrowser', () => {
  it.each([
    ['a phone upright', device('finger', 390, 844), true],
    ['a phone sideways', device('finger', 844, 390), true],
    ['a small phone', device('finger', 320, 568), true],
    ['a tablet', device('finger', 820, 1180), false],
    ['a PC', device('mouse', 1366, 768), false],
    ['a mouse on a phone-sized screen', device('mouse', 390, 844), false],
  ])('%s → %s', (_name, env, expected) => {
    expect(isPhoneBrowser(env)).toBe(expected);
  });
});
