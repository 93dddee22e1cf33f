import { validateForeignPermanentResidence2023 } from './gb11643-numbers.ts';
import { fail, ok, type Validation } from './validation.ts';

/**
 * Cards issued before 2023-12-01 stay valid until they expire, so both
 * numbers are accepted:
 * - 2023 card: 18 characters starting with 9 (see gb11643-numbers.ts), fully
 *   checked (region, birth date, check character).
 * - 2004/2017 cards: 15 characters, a three-letter nationality code followed
 *   by 12 digits. Only the shape is checked: the inner layout (issuing place,
 *   YYMMDD birth date, check digit) was never published as a standard we can
 *   cite, and rejecting a real card is worse than deferring to the registry.
 */
const LEGACY_15 = /^[A-Z]{3}\d{12}$/;

export function validateForeignPermanentResidenceNumber(id: string, now: Date): Validation<string> {
  if (LEGACY_15.test(id)) return ok(id);
  if (id.length !== 18) return fail('ID_NUMBER_FORMAT');
  return validateForeignPermanentResidence2023(id, now);
}
