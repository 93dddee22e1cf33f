import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import { representativeWithIdNumber, type BusinessRegistry, type RegisteredEntity } from '../../ports/business-registry.ts';
import type { StoredEntity } from '../../ports/entity-repository.ts';
import { idNumberIndex } from '../accounts/account-lookup.ts';
import { PII_CONTEXT } from '../accounts/account-profile.ts';
import { PiiCipher } from '../personal-data/pii-cipher.ts';
import { RepresentativeCheck } from './representative-check.ts';

const cipher = new PiiCipher([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));
const ZHANGSAN = { name: '张三', idType: 'resident_id' as const, idNumber: '11010519491231002X' };
const LISI = { name: '李四', idType: 'resident_id' as const, idNumber: '34052419800101001X' };
const ENTITY = { id: 'e1', uscc: '91110105MA01XH3R44', name: '北京演示科技有限公司', accountName: null, legalRepAccountId: 'zhang', createdAt: 0, updatedAt: 0 } satisfies StoredEntity;

const accounts = {
  findById: async (id: string) =>
    id === 'zhang'
      ? ({
          id,
          idType: ZHANGSAN.idType,
          idNumberIndex: idNumberIndex(cipher, ZHANGSAN.idType, ZHANGSAN.idNumber),
          idNumberCipher: cipher.encrypt(ZHANGSAN.idNumber, PII_CONTEXT.idNumber),
        } as StoredAccount)
      : null,
} as AccountRepository;

/** A registry whose answer can change, counting how often it is asked. */
function registry(representative: typeof ZHANGSAN | null) {
  const state = { representative, asked: 0, down: false };
  const port: BusinessRegistry = {
    lookup: async (uscc) => {
      state.asked += 1;
      if (state.down) throw new Error('registry unreachable');
      return state.representative ? ({ uscc, name: ENTITY.name, legalRepresentative: representativeWithIdNumber(state.representative) } satisfies RegisteredEntity) : null;
    },
  };
  return { state, port };
}

describe('RepresentativeCheck', () => {
  it("confirms the registry's representative and asks the registry at most once an hour", async () => {
    const { state, port } = registry(ZHANGSAN);
    let now = Date.UTC(2026, 10, 26, 8, 0, 0);
    const check = new RepresentativeCheck({ registry: port, accounts, cipher, store: new MemoryKeyValueStore(() => now) });
    expect(await check.stillRepresents(ENTITY, 'zhang')).toBe(true);
    state.representative = LISI;
    now += 3599_000;
    expect(await check.stillRepresents(ENTITY, 'zhang')).toBe(true);
    expect(state.asked).toBe(1);
    // The hour passed: the registry is asked again and its new answer counts.
    now += 2_000;
    expect(await check.stillRepresents(ENTITY, 'zhang')).toBe(false);
    expect(state.asked).toBe(2);
  });

  it('refuses when the registry no longer knows the code, or the person is unknown', async () => {
    const { port } = registry(null);
    const check = new RepresentativeCheck({ registry: port, accounts, cipher, store: new MemoryKeyValueStore() });
    expect(await check.stillRepresents(ENTITY, 'zhang')).toBe(false);
    expect(await new RepresentativeCheck({ registry: registry(ZHANGSAN).port, accounts, cipher, store: new MemoryKeyValueStore() }).stillRepresents(ENTITY, 'nobody')).toBe(false);
  });

  it('fails closed with ENTITY_REGISTRY_UNAVAILABLE (503) when the registry cannot be asked', async () => {
    const { state, port } = registry(ZHANGSAN);
    state.down = true;
    const check = new RepresentativeCheck({ registry: port, accounts, cipher, store: new MemoryKeyValueStore() });
    await expect(check.stillRepresents(ENTITY, 'zhang')).rejects.toMatchObject({ code: 'ENTITY_REGISTRY_UNAVAILABLE', status: 503 });
  });

  it('keeps no personal data in the store: the cached answer is the blind ID index', async () => {
    const store = new MemoryKeyValueStore();
    await new RepresentativeCheck({ registry: registry(ZHANGSAN).port, accounts, cipher, store }).stillRepresents(ENTITY, 'zhang');
    const cached = await store.get(`entity:representative:${ENTITY.uscc}`);
    expect(cached).toBe(idNumberIndex(cipher, ZHANGSAN.idType, ZHANGSAN.idNumber));
  });
});
