/** One relying party a person is signed in to through a platform session. */
export interface SignedInService {
  clientId: string;
  /** The session id that relying party knows (the ID token's `sid`); null for a grant without a live session. */
  sid: string | null;
  grantId: string | null;
  /** The subject that relying party knows: the person, or the person acting for an entity. */
  sub: string;
}

/**
 * Ending a person's sessions everywhere. Deleting them is part of the
 * account's own transaction; this port reads them beforehand and afterwards
 * tells the relying parties (OIDC back-channel logout) and drops short-lived
 * tokens. Telling is best effort: it never throws.
 */
export interface SessionTerminator {
  signedInServices(accountId: string): Promise<SignedInService[]>;
  announceSignedOut(services: SignedInService[]): Promise<void>;
}
