import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import { RateLimiter } from '../rate-limit/rate-limiter.ts';
import { FACE_CHALLENGE_LIMITS, FACE_CHALLENGE_POLICY, FaceChallenges, pickActions } from './face-challenges.ts';

function challenges() {
  const clock = { now: 1_700_000_000_000 };
  const now = () => clock.now;
  const store = new MemoryKeyValueStore(now);
  return { clock, store, service: new FaceChallenges({ store, rateLimiter: new RateLimiter(store), now, capture: { kind: 'frames' } }) };
}
const refused = expect.objectContaining({ code: 'FACE_CHALLENGE_INVALID', status: 400 });

describe('pickActions', () => {
  it('picks two distinct actions of blink / shake / nod, every ordered pair reachable', () => {
    const seen = new Set<string>();
    // Every sequence of the generator's choices: 3 for the first place, 2 for the second.
    for (let first = 0; first < 3; first++) {
      for (let second = 0; second < 2; second++) {
        const choices = [first, second];
        const actions = pickActions(2, () => choices.shift()!);
        expect(new Set(actions).size).toBe(2);
        seen.add(actions.join());
      }
    }
    expect(seen.size).toBe(6);
    expect(pickActions(1)).toHaveLength(1);
    expect(FACE_CHALLENGE_POLICY.actions).toEqual(['blink', 'shake', 'nod']);
  });
});

describe('FaceChallenges', () => {
  it('issues a challenge that can be taken exactly once, with its actions', async () => {
    const { service } = challenges();
    const issued = await service.issue({ ip: '192.0.2.1' });
    expect(issued).toEqual({ challengeId: expect.stringMatching(/^fc_[\w-]{22}$/), actions: expect.any(Array), expiresIn: 120, capture: { kind: 'frames' } });
    expect(await service.take(issued.challengeId)).toEqual({ id: issued.challengeId, actions: issued.actions });
    await expect(service.take(issued.challengeId)).rejects.toEqual(refused);
  });

  it('refuses unknown, malformed and empty ids without asking the store for odd keys', async () => {
    const { service } = challenges();
    for (const id of ['', 'fc_', `fc_${'A'.repeat(22)}`, 'c_AAAAAAAAAAAAAAAAAAAAAA', `fc_${'A'.repeat(21)}*`]) {
      await expect(service.take(id)).rejects.toEqual(refused);
    }
  });

  it('expires after 120 s by the service clock, and is kept under a hash of its id', async () => {
    const { clock, store, service } = challenges();
    const late = await service.issue({ ip: '192.0.2.1' });
    const inTime = await service.issue({ ip: '192.0.2.1' });
    expect(await store.get(`face:challenge:${late.challengeId}`)).toBeNull();
    clock.now += 119_999;
    await expect(service.take(inTime.challengeId)).resolves.toMatchObject({ id: inTime.challengeId });
    clock.now += 1;
    await expect(service.take(late.challengeId)).rejects.toEqual(refused);
  });

  it('limits challenges per address', async () => {
    const { service } = challenges();
    for (let n = 0; n < FACE_CHALLENGE_LIMITS.perIp.limit; n++) await service.issue({ ip: '192.0.2.1' });
    await expect(service.issue({ ip: '192.0.2.1' })).rejects.toEqual(expect.objectContaining({ code: 'RATE_LIMITED', status: 429 }));
    await expect(service.issue({ ip: '192.0.2.2' })).resolves.toMatchObject({ expiresIn: 120 });
  });
});
