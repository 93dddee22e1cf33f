import { timingSafeEqual } from 'node:crypto';
import type { IdType } from '@uia/validators';

/**
 * The legal representative as the registry records them. The registry may
 * give the ID number in clear or only a keyed hash of it
 * (docs/business-registry-exchange.md), so the platform asks "is this their
 * ID number?" instead of reading it.
 */
export interface RegisteredRepresentative {
  name: string;
  idType: IdType;
  hasIdNumber(idNumber: string): boolean;
}

/** What the business registration authority (市场监管部门) records for an entity. */
export interface RegisteredEntity {
  uscc: string;
  name: string;
  legalRepresentative: RegisteredRepresentative;
}

/**
 * The authority that says which entity a USCC belongs to and who its legal
 * representative (法定代表人) is. Null: the code is not registered (or the
 * entity no longer operates: 吊销, 注销, …). Throws when the registry cannot
 * be reached (ENTITY_REGISTRY_UNAVAILABLE).
 */
export interface BusinessRegistry {
  lookup(uscc: string): Promise<RegisteredEntity | null>;
}

/** A representative whose ID number the registry gave in clear. */
export function representativeWithIdNumber(person: { name: string; idType: IdType; idNumber: string }): RegisteredRepresentative {
  const recorded = Buffer.from(person.idNumber, 'utf8');
  return {
    name: person.name,
    idType: person.idType,
    hasIdNumber: (idNumber) => {
      const given = Buffer.from(idNumber, 'utf8');
      return given.length === recorded.length && timingSafeEqual(given, recorded);
    },
  };
}
