import type { RateLimit } from '../rate-limit/rate-limiter.ts';

/** 换绑手机号's fixed rules. */
export const CHANGE_PHONE_POLICY = {
  /** From proving the person to confirming the new phone. */
  ticketSeconds: 10 * 60,
} as const;

export const CHANGE_PHONE_LIMITS = {
  /** Face checks per account (each one a verifier call). */
  facePerAccount: { name: 'phone-change:face', limit: 5, windowSeconds: 3600 },
  /** Codes to new numbers per account: also bounds how many numbers one can probe for PHONE_TAKEN. */
  newCodesPerAccount: { name: 'phone-change:new-codes', limit: 5, windowSeconds: 24 * 3600 },
} satisfies Record<string, RateLimit>;
