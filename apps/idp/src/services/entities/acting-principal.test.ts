import { describe, expect, it } from 'vitest';
import { entityAccountId, parseAccountId, personIdOf } from './acting-principal.ts';

const ENTITY = '3f1c7f0e-8d7a-4a55-9a3e-2b1f0c9d8e7a';
const PERSON = 'b6a0e6c2-1f4d-4c1e-8f7b-5d2a9c3e4f10';

describe('acting principal (platform account ids)', () => {
  it('composes entity:<entityId>:<personId> and parses it back', () => {
    const id = entityAccountId(ENTITY, PERSON);
    expect(id).toBe(`entity:${ENTITY}:${PERSON}`);
    expect(parseAccountId(id)).toEqual({ entityId: ENTITY, personId: PERSON });
    expect(personIdOf(id)).toBe(PERSON);
  });

  it('reads any other id as the person alone', () => {
    expect(parseAccountId(PERSON)).toEqual({ personId: PERSON, entityId: null });
    expect(personIdOf(PERSON)).toBe(PERSON);
    // Only the exact lower-case prefix marks an entity login.
    expect(parseAccountId(`Entity:${ENTITY}:${PERSON}`)).toEqual({ personId: `Entity:${ENTITY}:${PERSON}`, entityId: null });
  });

  it('names nobody for a malformed composite (no entity id, no separator)', () => {
    for (const malformed of ['entity:', `entity:${ENTITY}`, `entity::${PERSON}`, 'entity::']) {
      expect(parseAccountId(malformed), malformed).toEqual({ personId: '', entityId: null });
      expect(personIdOf(malformed)).toBe('');
    }
  });

  it('splits at the first separator: the person part keeps any further colons', () => {
    expect(parseAccountId(`entity:${ENTITY}:a:b`)).toEqual({ entityId: ENTITY, personId: 'a:b' });
    expect(parseAccountId(`entity:${ENTITY}:`)).toEqual({ entityId: ENTITY, personId: '' });
  });
});
