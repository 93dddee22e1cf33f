import { AppError } from '../../src/errors.ts';

/** `ok`, or the AppError's `<status> <code>` a promise rejects with (any other error is rethrown). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'ok';
}
