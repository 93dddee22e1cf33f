import type { z } from 'zod';
import { AppError } from '../errors.ts';

/** Validates a JSON body against a shared schema; the first problem becomes a field-level AppError. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('BODY_INVALID');
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  // Unknown keys first: a request with extra fields is refused as such, whatever else is wrong.
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? undefined : issue.path.map(String).join('.') || undefined;
  const options = field ? { field } : {};
  switch (issue.code) {
    case 'unrecognized_keys':
      throw new AppError('UNKNOWN_FIELD');
    case 'too_big':
      throw new AppError('FIELD_TOO_LONG', options);
    case 'too_small':
      throw new AppError('FIELD_REQUIRED', options);
    case 'invalid_type':
      throw new AppError(issue.path.length === 1 && (body as Record<PropertyKey, unknown>)[issue.path[0]!] === undefined ? 'FIELD_REQUIRED' : 'FIELD_INVALID', options);
    case 'invalid_value':
      throw new AppError(field === 'idType' ? 'ID_TYPE_INVALID' : 'FIELD_INVALID', options);
    default:
      throw new AppError('FIELD_INVALID', options);
  }
}
