import { describe, expect, it } from 'vitest';
import { MemoryPubSub } from '../../adapters/pub-sub/memory-pub-sub.ts';
import type { ClientRecord } from '../../ports/client-repository.ts';
import { StoredClients } from './test-support/stored-clients.ts';
import { CLIENT_CHANGED_CHANNEL, ClientRegistrationCache } from './client-registration-cache.ts';

const rp = (clientName: string): ClientRecord => ({ clientId: 'rp', clientName, clientSecret: 's', metadata: {}, enabled: true });

describe('ClientRegistrationCache', () => {
  it('reads a registration once, and again after a change made through any node', async () => {
    const stored = new StoredClients();
    const pubSub = new MemoryPubSub();
    const nodeA = await ClientRegistrationCache.create(stored, pubSub);
    const nodeB = await ClientRegistrationCache.create(stored, pubSub);
    await nodeA.upsert(rp('旧名称'));
    expect((await nodeB.find('rp'))?.clientName).toBe('旧名称');
    expect((await nodeB.find('rp'))?.clientName).toBe('旧名称');
    expect(stored.reads).toBe(1);

    await nodeA.upsert(rp('新名称'));
    expect((await nodeB.find('rp'))?.clientName).toBe('新名称');
    expect((await nodeA.find('rp'))?.clientName).toBe('新名称');
    expect(stored.reads).toBe(3);
  });

  it('drops an entry when the change is announced, and re-reads a registration after a minute in case an announcement was lost', async () => {
    const stored = new StoredClients();
    const pubSub = new MemoryPubSub();
    let now = 0;
    const cache = await ClientRegistrationCache.create(stored, pubSub, () => now);
    stored.rows.set('rp', rp('甲'));
    await cache.find('rp');
    stored.rows.set('rp', rp('乙'));
    now += 59_000;
    expect((await cache.find('rp'))?.clientName).toBe('甲');
    now += 1_000;
    expect((await cache.find('rp'))?.clientName).toBe('乙');
    stored.rows.set('rp', rp('丙'));
    await pubSub.publish(CLIENT_CHANGED_CHANNEL, 'rp');
    expect((await cache.find('rp'))?.clientName).toBe('丙');
  });

  it('does not remember a failed read', async () => {
    const stored = new StoredClients();
    const cache = await ClientRegistrationCache.create(stored, new MemoryPubSub());
    stored.rows.set('rp', rp('甲'));
    stored.failNext = true;
    await expect(cache.find('rp')).rejects.toThrow('database unavailable');
    expect((await cache.find('rp'))?.clientName).toBe('甲');
  });
});
