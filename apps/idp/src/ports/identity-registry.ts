import type { IdType } from '@uia/validators';

export type RegistryVerdict = 'match' | 'mismatch' | 'not_found';

/** The authority that confirms a name belongs to an ID number (实名核验). */
export interface IdentityRegistry {
  readonly simulated: boolean;
  verify(person: { name: string; idType: IdType; idNumber: string }): Promise<RegistryVerdict>;
}
