import { errorMessages, type ErrorCode } from '@uia/i18n';
import { describe, expect, it } from 'vitest';
import { errorStatus } from './error-status.ts';
import { AppError } from './errors.ts';

describe('the error status table', () => {
  const codes = Object.keys(errorMessages) as ErrorCode[];

  it('gives every error code an HTTP error status, so a new code cannot go out without one', () => {
    const missing = codes.filter((code) => !Object.hasOwn(errorStatus, code));
    expect(missing).toEqual([]);
    for (const code of codes) expect(errorStatus[code], code).toSatisfy((status: number) => Number.isInteger(status) && status >= 400 && status < 600);
  });

  it('holds no code the catalogue does not know', () => {
    expect(Object.keys(errorStatus).filter((code) => !Object.hasOwn(errorMessages, code))).toEqual([]);
  });

  it('decides the status of a thrown AppError', () => {
    expect(new AppError('QR_EXPIRED').status).toBe(410);
    expect(new AppError('RATE_LIMITED').status).toBe(429);
    expect(new AppError('FIELD_INVALID', { field: 'phone' }).status).toBe(400);
  });
});
