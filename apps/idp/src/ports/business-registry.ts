import type { IdType } from '@uia/validators';

/** What the business registration authority (市场监管部门) records for an entity. */
export interface RegisteredEntity {
  uscc: string;
  name: string;
  legalRepresentative: { name: string; idType: IdType; idNumber: string };
}

/**
 * The authority that says which entity a USCC belongs to and who its legal
 * representative (法定代表人) is. Null: the code is not registered.
 * Throws when the registry cannot be reached (ENTITY_REGISTRY_UNAVAILABLE).
 */
export interface BusinessRegistry {
  lookup(uscc: string): Promise<RegisteredEntity | null>;
}
