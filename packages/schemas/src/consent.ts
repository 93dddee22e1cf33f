import { z } from 'zod';
import { redirectResponse } from './shared-fields.ts';
import { interactionClient } from './login-interaction.ts';

/** 授权确认 of `prompt=consent`: the service, the scopes it asks for, and the person's answer. Paths: CONSENT_PATHS (paths.ts). */

export const consentDetailsResponse = z.object({ uid: z.string(), client: interactionClient, scopes: z.array(z.string()) });
export type ConsentDetails = z.infer<typeof consentDetailsResponse>;

export const consentDecisionResponse = redirectResponse;
export type ConsentDecisionResponse = z.infer<typeof consentDecisionResponse>;
