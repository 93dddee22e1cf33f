import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectIdentifierKind, validateUsername } from './index.ts';
import { username } from './test-arbitraries.ts';

describe('validateUsername', () => {
  it('accepts 6–20 letters, digits and underscores starting with a letter; value is lower-case', () => {
    expect(validateUsername('ZhangSan_01')).toEqual({ ok: true, value: 'zhangsan_01' });
    expect(validateUsername(' abcdef ')).toEqual({ ok: true, value: 'abcdef' });
    expect(validateUsername('a'.repeat(20)).ok).toBe(true);
  });

  it('rejects other shapes', () => {
    for (const raw of ['', 'abcde', 'a'.repeat(21), '1abcdef', '_abcdef', 'abc def', 'abc-def', '张三三三三三', 'ａｂｃｄｅｆ', 'abc@def.com', '13800000001', '11010519491231002X']) {
      expect(validateUsername(raw)).toEqual({ ok: false, reason: 'USERNAME_INVALID' });
    }
  });

  it('rejects document-number look-alikes', () => {
    for (const raw of ['H12345678', 'm1234567890', 'E12345678', 'EA1234567', 'G1234567', 'DE1234567', 'KAZ110090123105', 'abc1234567']) {
      expect(validateUsername(raw)).toEqual({ ok: false, reason: 'USERNAME_LOOKS_LIKE_IDENTIFIER' });
    }
    // Four letters, or an underscore, and it is clearly a name.
    expect(validateUsername('abcd1234567').ok).toBe(true);
    expect(validateUsername('H_12345678').ok).toBe(true);
  });

  it('every accepted username is detected as a username and normalizes to its value', () => {
    fc.assert(
      fc.property(username, (raw) => {
        const result = validateUsername(raw);
        if (!result.ok) return;
        expect(detectIdentifierKind(raw)).toBe('username');
        expect(result.value).toBe(raw.toLowerCase());
        expect(validateUsername(result.value)).toEqual(result);
      }),
    );
  });
});
