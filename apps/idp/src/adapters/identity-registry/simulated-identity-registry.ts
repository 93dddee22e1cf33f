import type { IdentityRegistry, RegistryVerdict } from '../../ports/identity-registry.ts';
import type { IdType } from '@uia/validators';

/**
 * 演示用实名核验模拟器 — a stand-in for the real registry (e.g. the public
 * security population database). Its rules, documented in docs/demo.md:
 * - a seeded citizen's ID number matches only with exactly the seeded name;
 * - any other well-formed ID number matches any well-formed name, except
 * - numbers whose sequence code (characters 15–17) is `999` are "not found",
 *   and a name containing `不符` is a "mismatch" (to demo the failure paths).
 */
export class SimulatedIdentityRegistry implements IdentityRegistry {
  readonly simulated = true;
  private readonly seeded: Map<string, string>;

  constructor(seededCitizens: { name: string; idType: IdType; idNumber: string }[]) {
    this.seeded = new Map(seededCitizens.map((c) => [`${c.idType}:${c.idNumber}`, c.name]));
  }

  async verify(person: { name: string; idType: IdType; idNumber: string }): Promise<RegistryVerdict> {
    const seededName = this.seeded.get(`${person.idType}:${person.idNumber}`);
    if (seededName !== undefined) return seededName === person.name ? 'match' : 'mismatch';
    if (person.idNumber.length === 18 && person.idNumber.slice(14, 17) === '999') return 'not_found';
    if (person.name.includes('不符')) return 'mismatch';
    return 'match';
  }
}
