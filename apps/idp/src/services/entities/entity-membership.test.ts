import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import type { StoredAgentGrant, StoredEntity } from '../../ports/entity-repository.ts';
import { EntityMembership } from './entity-membership.ts';
import { codeOf } from '../../../test/support/app-error-outcome.ts';
import { memoryEntityRepository } from '../../../test/support/memory-entity-repository.ts';
import type { RepresentativeCheck } from './representative-check.ts';

const NOW = Date.UTC(2026, 5, 1, 4, 0, 0);
const DAY = 24 * 3600 * 1000;

const ENTITY: StoredEntity = {
  id: 'entity-1',
  uscc: '91110105MA01XH3R44',
  name: '北京演示科技有限公司',
  accountName: 'demotech',
  legalRepAccountId: 'rep',
  createdAt: NOW - DAY,
  updatedAt: NOW - DAY,
};
const OTHER_ENTITY: StoredEntity = { ...ENTITY, id: 'entity-2', uscc: '91110108MA02PL8K7Q', name: '北京演示教育咨询有限公司', accountName: null };

function grant(overrides: Partial<StoredAgentGrant>): StoredAgentGrant {
  return {
    id: `grant-${Math.random()}`,
    entityId: ENTITY.id,
    accountId: 'agent',
    services: null,
    expiresAt: NOW + 30 * DAY,
    grantedBy: 'rep',
    grantedAt: NOW - DAY,
    revokedAt: null,
    revokedBy: null,
    ...overrides,
  };
}

const fakeRepository = (entities: StoredEntity[], grants: StoredAgentGrant[]) => memoryEntityRepository(entities, grants).repository;

/** The registry still names whoever the platform has as representative (or, with `false`, nobody). */
const registrySays = (agrees: boolean) => ({ stillRepresents: async () => agrees }) as unknown as RepresentativeCheck;
const REGISTRY_AGREES = registrySays(true);

describe('EntityMembership.standing', () => {
  it('the legal representative stands for every service, with no grant', async () => {
    const membership = new EntityMembership(fakeRepository([ENTITY], []), REGISTRY_AGREES);
    for (const clientId of ['edu-portal', 'tax-portal', null]) {
      expect(await membership.standing(ENTITY.id, 'rep', clientId, NOW)).toEqual({ entity: ENTITY, role: 'legal_representative', grant: null });
    }
  });

  it('an agent for all business stands for every service until the grant expires', async () => {
    const all = grant({ services: null });
    const membership = new EntityMembership(fakeRepository([ENTITY], [all]), REGISTRY_AGREES);
    expect(await membership.standing(ENTITY.id, 'agent', 'tax-portal', NOW)).toEqual({ entity: ENTITY, role: 'agent', grant: all });
    expect(await membership.standing(ENTITY.id, 'agent', null, NOW)).toMatchObject({ role: 'agent' });
    expect(await codeOf(membership.standing(ENTITY.id, 'agent', 'edu-portal', all.expiresAt))).toBe('403 ENTITY_GRANT_EXPIRED');
    expect(await membership.standing(ENTITY.id, 'agent', 'edu-portal', all.expiresAt - 1)).toMatchObject({ role: 'agent' });
  });

  it('an agent for named services stands only for those: ENTITY_SERVICE_NOT_GRANTED elsewhere and without a service', async () => {
    const membership = new EntityMembership(fakeRepository([ENTITY], [grant({ services: ['edu-portal'] })]), REGISTRY_AGREES);
    expect(await membership.standing(ENTITY.id, 'agent', 'edu-portal', NOW)).toMatchObject({ role: 'agent' });
    expect(await codeOf(membership.standing(ENTITY.id, 'agent', 'tax-portal', NOW))).toBe('403 ENTITY_SERVICE_NOT_GRANTED');
    expect(await codeOf(membership.standing(ENTITY.id, 'agent', null, NOW))).toBe('403 ENTITY_SERVICE_NOT_GRANTED');
  });

  it('tells an expired grant before a service it does not cover', async () => {
    const membership = new EntityMembership(fakeRepository([ENTITY], [grant({ services: ['edu-portal'], expiresAt: NOW - 1 })]), REGISTRY_AGREES);
    expect(await codeOf(membership.standing(ENTITY.id, 'agent', 'tax-portal', NOW))).toBe('403 ENTITY_GRANT_EXPIRED');
  });

  it('refuses a revoked agent, a stranger and the agent of another entity with ENTITY_NOT_AUTHORIZED', async () => {
    const membership = new EntityMembership(
      fakeRepository([ENTITY, OTHER_ENTITY], [grant({ accountId: 'revoked', revokedAt: NOW - 1, revokedBy: 'rep' }), grant({ entityId: OTHER_ENTITY.id, accountId: 'elsewhere' })]),
      REGISTRY_AGREES,
    );
    for (const person of ['revoked', 'stranger', 'elsewhere', '']) {
      expect(await codeOf(membership.standing(ENTITY.id, person, 'edu-portal', NOW)), person).toBe('403 ENTITY_NOT_AUTHORIZED');
    }
  });

  it('refuses an unknown entity with ENTITY_NOT_FOUND', async () => {
    const membership = new EntityMembership(fakeRepository([ENTITY], []), REGISTRY_AGREES);
    expect(await codeOf(membership.standing('no-such-entity', 'rep', 'edu-portal', NOW))).toBe('404 ENTITY_NOT_FOUND');
  });
});

describe('EntityMembership.entitiesOf', () => {
  const grants = [grant({ entityId: OTHER_ENTITY.id, accountId: 'agent', services: ['tax-portal'] }), grant({ accountId: 'agent', services: null })];
  const membership = new EntityMembership(fakeRepository([ENTITY, OTHER_ENTITY], grants), REGISTRY_AGREES);

  it('lists represented entities and current grants; for a service, only grants that cover it', async () => {
    expect((await membership.entitiesOf('agent', NOW)).map((s) => [s.entity.id, s.role])).toEqual([
      [OTHER_ENTITY.id, 'agent'],
      [ENTITY.id, 'agent'],
    ]);
    expect((await membership.entitiesOf('agent', NOW, 'edu-portal')).map((s) => s.entity.id)).toEqual([ENTITY.id]);
    expect((await membership.entitiesOf('agent', NOW, 'tax-portal')).map((s) => s.entity.id)).toEqual([OTHER_ENTITY.id, ENTITY.id]);
    expect((await membership.entitiesOf('rep', NOW, 'edu-portal')).map((s) => [s.entity.id, s.role])).toEqual([
      [ENTITY.id, 'legal_representative'],
      [OTHER_ENTITY.id, 'legal_representative'],
    ]);
  });

  it('leaves out expired grants', async () => {
    expect(await membership.entitiesOf('agent', NOW + 31 * DAY)).toEqual([]);
  });
});

describe('EntityMembership.parseReference', () => {
  it('reads a valid USCC (normalized), or else an account name (lower-cased; null when no valid name)', () => {
    expect(EntityMembership.parseReference(' 91110105ma01xh3r44 ')).toEqual({ uscc: '91110105MA01XH3R44' });
    expect(EntityMembership.parseReference('DemoTech')).toEqual({ accountName: 'demotech' });
    expect(EntityMembership.parseReference('不是账号')).toEqual({ accountName: null });
    expect(EntityMembership.parseReference('9111010')).toEqual({ accountName: null });
  });

  it("throws the validators' USCC_* code (field entity) for 18 letters and digits that fail GB 32100", () => {
    for (const [typed, code] of [
      ['91110105MA01XH3R45', 'USCC_CHECKSUM'],
      ['91110105MA01XH3R4O', 'USCC_FORMAT'],
      ['eduConsulting2026x', 'USCC_FORMAT'],
    ] as const) {
      let thrown: unknown;
      try {
        EntityMembership.parseReference(typed);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, typed).toBeInstanceOf(AppError);
      expect((thrown as AppError).code).toBe(code);
      expect((thrown as AppError).field).toBe('entity');
    }
  });
});

describe('EntityMembership.standingAtLogin', () => {
  it('refuses a representative the registry no longer names (ENTITY_NOT_AUTHORIZED); agents are judged by their grant alone', async () => {
    const membership = new EntityMembership(fakeRepository([ENTITY], [grant({})]), registrySays(false));
    expect(await codeOf(membership.standingAtLogin(ENTITY.id, 'rep', 'edu-portal', NOW))).toBe('403 ENTITY_NOT_AUTHORIZED');
    expect((await membership.standingAtLogin(ENTITY.id, 'agent', 'edu-portal', NOW)).role).toBe('agent');
    // Later uses of an existing login (SSO, refresh) do not ask the registry.
    expect((await membership.standing(ENTITY.id, 'rep', 'edu-portal', NOW)).role).toBe('legal_representative');
  });

  it("lets the registry's representative log in", async () => {
    const membership = new EntityMembership(fakeRepository([ENTITY], []), REGISTRY_AGREES);
    expect((await membership.standingAtLogin(ENTITY.id, 'rep', null, NOW)).role).toBe('legal_representative');
  });
});
