import { expect } from 'vitest';

/**
 * A vendor adapter's errors end up in logs and alerts: neither the message, the stack, the JSON
 * form nor the cause may carry personal data or a credential.
 */
export function expectNothingDisclosed(error: Error | null | undefined, secrets: readonly string[]): void {
  const everything = `${error?.message} ${error?.stack} ${JSON.stringify(error)} ${JSON.stringify(error?.cause)}`;
  for (const secret of secrets) expect(everything).not.toContain(secret);
}
