import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import type { AuditEvent, AuditLog, StoredAuditEvent } from '../../ports/audit-log.ts';
import { representativeWithIdNumber, type BusinessRegistry, type RegisteredEntity } from '../../ports/business-registry.ts';
import type { StoredAgentGrant } from '../../ports/entity-repository.ts';
import type { SessionTerminator, SignedInService } from '../../ports/session-terminator.ts';
import { newAccountRecord } from '../accounts/new-account.ts';
import { PiiCipher } from '../personal-data/pii-cipher.ts';
import { RateLimiter } from '../rate-limit/rate-limiter.ts';
import { EntityRegistration } from './entity-registration.ts';
import { codeOf } from '../../../test/support/app-error-outcome.ts';
import { memoryEntityRepository } from '../../../test/support/memory-entity-repository.ts';
import { RepresentativeCheck } from './representative-check.ts';

const NOW = Date.UTC(2026, 5, 1, 4, 0, 0);
const DAY = 24 * 3600 * 1000;
const CONTEXT = { ip: '127.0.0.1', userAgent: 'vitest' };

const cipher = new PiiCipher([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));

const person = (name: string, idNumber: string, phone: string): StoredAccount =>
  newAccountRecord(cipher, { name, idType: 'resident_id', idNumber, phone, username: null, passwordHash: null, assuranceLevel: 'L2' }, NOW - DAY);

const ZHANG = { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' } as const;
const LI = { name: '李四', idType: 'resident_id', idNumber: '340104199203040011' } as const;
const zhang = person(ZHANG.name, ZHANG.idNumber, '13800000001');
const li = person(LI.name, LI.idNumber, '13800000002');
const wang = person('王五', '110108198506120033', '13800000003');

const EDU = { uscc: '91110108MA02PL8K7Q', name: '北京演示教育咨询有限公司' };

/** Accounts by id: all EntityRegistration reads. */
function fakeAccounts(accounts: StoredAccount[]): AccountRepository {
  const unused = async (): Promise<never> => {
    throw new Error('not used');
  };
  return {
    findById: async (id) => accounts.find((account) => account.id === id) ?? null,
    findByUsername: unused,
    findByIdNumberIndex: unused,
    findByPhoneIndex: unused,
    create: unused,
    previousPasswordHashes: unused,
    inTransaction: unused,
    raiseAssuranceLevel: unused,
    changePhone: unused,
  };
}

/** The registry's answer for EDU, changed by the test between registrations. */
function fakeRegistry(representative: typeof ZHANG | typeof LI) {
  const registry = {
    representative,
    lookup: async (uscc: string): Promise<RegisteredEntity | null> => (uscc === EDU.uscc ? { ...EDU, legalRepresentative: representativeWithIdNumber(registry.representative) } : null),
  };
  return registry satisfies BusinessRegistry;
}

function memoryAudit() {
  const events: StoredAuditEvent[] = [];
  const audit: AuditLog = {
    append: async (event: AuditEvent) => {
      events.push({ ...event, id: String(events.length + 1), at: NOW });
    },
    recent: async (limit) => events.slice(-limit).reverse(),
  };
  return { audit, events };
}

function agentGrant(entityId: string, accountId: string): StoredAgentGrant {
  return {
    id: `grant-${accountId}`,
    entityId,
    accountId,
    services: null,
    expiresAt: NOW + 30 * DAY,
    grantedBy: zhang.id,
    grantedAt: NOW - DAY,
    revokedAt: null,
    revokedBy: null,
  };
}

/** Services the predecessor is logged in at: one for the entity, one personal (which must stay). */
function fakeSessions(predecessorEntitySub: () => string) {
  const announced: SignedInService[][] = [];
  const sessions: SessionTerminator = {
    signedInServices: async (accountId) => [
      { clientId: 'edu-portal', sid: 'sid-entity', grantId: 'g-entity', sub: predecessorEntitySub() },
      { clientId: 'edu-portal', sid: 'sid-own', grantId: 'g-own', sub: accountId },
    ],
    announceSignedOut: async (services) => void announced.push(services),
  };
  return { sessions, announced };
}

function setup() {
  const entities = memoryEntityRepository();
  const registry = fakeRegistry({ ...ZHANG });
  const { audit, events } = memoryAudit();
  const accounts = fakeAccounts([zhang, li, wang]);
  const representatives = new RepresentativeCheck({ registry, accounts, cipher, store: new MemoryKeyValueStore() });
  const { sessions, announced } = fakeSessions(() => `entity:${entities.entities[0]?.id}:${zhang.id}`);
  const registration = new EntityRegistration({
    entities: entities.repository,
    accounts,
    cipher,
    registry,
    representatives,
    sessions,
    rateLimiter: new RateLimiter(new MemoryKeyValueStore()),
    audit,
    now: () => NOW,
  });
  return { registration, registry, entities, events, representatives, announced };
}

describe('EntityRegistration: the registry names a new legal representative', () => {
  it('moves the entity to the new representative, audits it, revokes their own grant; the old one is refused from then on', async () => {
    const { registration, registry, entities, events, representatives, announced } = setup();
    const first = await registration.register(zhang.id, EDU, CONTEXT);
    expect(first).toMatchObject({ ...EDU, legalRepAccountId: zhang.id });
    // 张三's logins have the registry's answer cached: 张三 represents EDU.
    expect(await representatives.stillRepresents(first, zhang.id)).toBe(true);
    // 张三 authorised 李四 and 王五 as agents while he represented the entity.
    await entities.repository.grant(agentGrant(first.id, li.id), { maxCurrent: 5, now: NOW });
    await entities.repository.grant(agentGrant(first.id, wang.id), { maxCurrent: 5, now: NOW });

    registry.representative = { ...LI };
    const moved = await registration.register(li.id, EDU, CONTEXT);

    // The same entity, answered as now represented by 李四.
    expect(moved).toEqual({ ...first, legalRepAccountId: li.id, updatedAt: NOW });
    expect(entities.entities).toHaveLength(1);
    expect(await entities.repository.findByUscc(EDU.uscc)).toMatchObject({ id: first.id, legalRepAccountId: li.id });
    expect(events.at(-1)).toMatchObject({
      type: 'entity.registered',
      outcome: 'success',
      accountId: li.id,
      detail: { uscc: EDU.uscc, entityId: first.id, representativeChanged: true },
    });
    // The cached answer follows the takeover at once: 李四 can log in for EDU and grant agents now.
    expect(await representatives.stillRepresents({ ...first, legalRepAccountId: li.id }, li.id)).toBe(true);
    expect(await representatives.stillRepresents(first, zhang.id)).toBe(false);
    // The services hear that 张三's entity login ended, not his own.
    expect(announced).toEqual([[{ clientId: 'edu-portal', sid: 'sid-entity', grantId: 'g-entity', sub: `entity:${first.id}:${zhang.id}` }]]);
    // 李四's own agent grant is revoked (by himself, now); the predecessor's other agents stay until revoked.
    expect(entities.grants.find((grant) => grant.accountId === li.id)).toMatchObject({ revokedAt: NOW, revokedBy: li.id });
    expect(await entities.repository.listStandingGrants(first.id)).toEqual([agentGrant(first.id, wang.id)]);

    // 张三 is no longer the registry's representative; 李四 registering again is a repeat.
    expect(await codeOf(registration.register(zhang.id, EDU, CONTEXT))).toBe('403 ENTITY_NOT_LEGAL_REPRESENTATIVE');
    expect(await codeOf(registration.register(li.id, EDU, CONTEXT))).toBe('409 ENTITY_ALREADY_REGISTERED');
    await expect(entities.repository.findByUscc(EDU.uscc)).resolves.toMatchObject({ legalRepAccountId: li.id });
    expect(events.slice(-2).map((event) => [event.outcome, event.detail?.reason])).toEqual([
      ['failure', 'ENTITY_NOT_LEGAL_REPRESENTATIVE'],
      ['failure', 'ENTITY_ALREADY_REGISTERED'],
    ]);
  });

  it('a new representative without a grant takes the entity over and revokes nothing', async () => {
    const { registration, registry, entities } = setup();
    const first = await registration.register(zhang.id, EDU, CONTEXT);
    await entities.repository.grant(agentGrant(first.id, wang.id), { maxCurrent: 5, now: NOW });
    registry.representative = { ...LI };
    expect(await registration.register(li.id, EDU, CONTEXT)).toMatchObject({ id: first.id, legalRepAccountId: li.id });
    expect(entities.grants.every((grant) => grant.revokedAt === null)).toBe(true);
  });
});
