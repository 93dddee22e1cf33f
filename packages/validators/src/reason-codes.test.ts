import { errorMessages, type ErrorCode } from '@uia/i18n';
import { describe, expect, it } from 'vitest';
import { REASON_CODES, type ReasonCode } from './index.ts';

// Compile-time: every reason code is a catalogue key (tsc fails otherwise).
const asErrorCode = (code: ReasonCode): ErrorCode => code;

describe('reason codes', () => {
  it('all have a Chinese message in the shared catalogue', () => {
    for (const code of REASON_CODES) {
      expect(Object.hasOwn(errorMessages, asErrorCode(code))).toBe(true);
    }
  });
});
