import type { IdType } from '@uia/validators';
import { representativeWithIdNumber, type BusinessRegistry, type RegisteredEntity } from '../../ports/business-registry.ts';

/** A demo entity as seeded: its representative's ID number in clear. */
export interface SeededEntity {
  uscc: string;
  name: string;
  legalRepresentative: { name: string; idType: IdType; idNumber: string };
}

/**
 * 演示用企业登记信息模拟器 — a stand-in for the market-regulation registry.
 * It knows only the seeded entities (docs/demo.md); every other USCC, valid
 * or not, is "not registered". Unlike the person registry it never makes an
 * answer up: who represents an entity is exactly what decides who may act for it.
 */
export class SimulatedBusinessRegistry implements BusinessRegistry {
  private readonly seeded: Map<string, RegisteredEntity>;

  constructor(seededEntities: readonly SeededEntity[]) {
    this.seeded = new Map(seededEntities.map((entity) => [entity.uscc, { ...entity, legalRepresentative: representativeWithIdNumber(entity.legalRepresentative) }]));
  }

  async lookup(uscc: string): Promise<RegisteredEntity | null> {
    return this.seeded.get(uscc) ?? null;
  }
}
