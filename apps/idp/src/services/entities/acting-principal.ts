/**
 * Who a platform login is: a person, or a person acting for a legal entity.
 * The latter is its own OIDC subject, `entity:<entityId>:<personId>`, so a
 * relying party never mistakes a company's login for the person's own, and
 * findAccount can check the person's standing with the entity at every use.
 */
export type ActingPrincipal = { personId: string; entityId: null } | { personId: string; entityId: string };

const ENTITY_PREFIX = 'entity:';

export function entityAccountId(entityId: string, personId: string): string {
  return `${ENTITY_PREFIX}${entityId}:${personId}`;
}

export function parseAccountId(accountId: string): ActingPrincipal {
  if (!accountId.startsWith(ENTITY_PREFIX)) return { personId: accountId, entityId: null };
  const rest = accountId.slice(ENTITY_PREFIX.length);
  const separator = rest.indexOf(':');
  // Ids are UUIDs: a malformed composite names nobody.
  if (separator <= 0) return { personId: '', entityId: null };
  return { entityId: rest.slice(0, separator), personId: rest.slice(separator + 1) };
}

/** The person behind any platform account id (what sessions are revoked and logged out by). */
export function personIdOf(accountId: string): string {
  return parseAccountId(accountId).personId;
}
