import { z } from 'zod';
import { redirectResponse } from './shared-fields.ts';
import { interactionClient } from './login-interaction.ts';

/** 授权确认 of `prompt=consent`: the service, the scopes it asks for, and the person's answer. */
export const CONSENT_PATHS = {
  page: '/interaction/:uid/consent',
  details: '/interaction/:uid/consent/details',
  confirm: '/interaction/:uid/consent/confirm',
  deny: '/interaction/:uid/consent/deny',
} as const;

export const consentDetailsResponse = z.object({ uid: z.string(), client: interactionClient, scopes: z.array(z.string()) });
export type ConsentDetails = z.infer<typeof consentDetailsResponse>;

export const consentDecisionResponse = redirectResponse;
