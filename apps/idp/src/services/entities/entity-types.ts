/** Who asks, for the audit log of the user center's entity and agent changes. */
export interface EntityRequestContext {
  ip: string;
  userAgent?: string;
}

/** A relying party as the user center names it. */
export interface ServiceRef {
  id: string;
  name: string;
}
