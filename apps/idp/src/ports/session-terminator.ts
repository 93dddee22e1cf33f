/** One relying party a person is signed in to through a platform session. */
export interface SignedInService {
  clientId: string;
  /** The session id that relying party knows (the ID token's `sid`); null for a grant without a live session. */
  sid: string | null;
  grantId: string | null;
  /** The subject that relying party knows: the person, or the person acting for an entity. */
  sub: string;
}

/** One platform (browser) session of a person, as stored. */
export interface PlatformSession {
  /** oidc-provider's Session uid: stable for the browser's session, never its cookie value. */
  uid: string;
  /** The session's subject: the person, or the person acting for an entity. */
  sub: string;
  /** Epoch seconds of its login. */
  loginTs: number;
  /** The services it is signed in to. */
  services: SignedInService[];
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

/** A person's platform (browser) sessions one by one, as 登录设备与会话 lists and ends them. */
export interface PlatformSessions {
  /** The person's live platform sessions. */
  platformSessions(accountId: string): Promise<PlatformSession[]>;
  /**
   * Ends one of the person's platform sessions (its grants and refresh tokens
   * go with it), then tells its services; false when the person has no live
   * session with that uid.
   */
  endPlatformSession(accountId: string, uid: string): Promise<boolean>;
}
