import type Provider from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import type { OidcModelRecord, OidcModelStore } from '../ports/oidc-model-store.ts';
import { OidcSessionTerminator } from './oidc-session-terminator.ts';

const PERSON = '6117fa1e-9f03-407b-98e0-0e1f1e4a17bf';
const ENTITY_SUB = `entity:9179e18d-a771-48f2-8428-a7fd759073a0:${PERSON}`;

const record = (model: string, id: string, payload: Record<string, unknown>): OidcModelRecord => ({
  model,
  id,
  payload,
  grantId: null,
  uid: null,
  accountId: PERSON,
  expiresAt: null,
});

/** The store as the SQL adapter fills it: every model of the person, entity logins included, under the person's id. */
function storeWith(models: OidcModelRecord[]): OidcModelStore {
  return { findByAccount: async (model: string) => models.filter((m) => m.model === model) } as unknown as OidcModelStore;
}

const terminator = (models: OidcModelRecord[]) => new OidcSessionTerminator({ provider: {} as Provider, models: storeWith(models), onError: () => undefined });

describe('OidcSessionTerminator.signedInServices', () => {
  it('tells a service about each subject it knows: the personal session and an entity grant without a live session', async () => {
    const services = await terminator([
      record('Session', 's1', { accountId: PERSON, authorizations: { 'edu-portal': { sid: 'sid-1', grantId: 'g-personal' } } }),
      record('Grant', 'g-personal', { clientId: 'edu-portal', accountId: PERSON }),
      record('Grant', 'g-entity', { clientId: 'edu-portal', accountId: ENTITY_SUB }),
    ]).signedInServices(PERSON);
    expect(services).toEqual([
      { clientId: 'edu-portal', sid: 'sid-1', grantId: 'g-personal', sub: PERSON },
      { clientId: 'edu-portal', sid: null, grantId: 'g-entity', sub: ENTITY_SUB },
    ]);
  });

  it('names an entity session by its entity subject, and tells each (service, subject) once', async () => {
    const services = await terminator([
      record('Session', 's1', { accountId: ENTITY_SUB, authorizations: { 'edu-portal': { sid: 'sid-e', grantId: 'g-entity' } } }),
      record('Grant', 'g-entity', { clientId: 'edu-portal', accountId: ENTITY_SUB }),
      record('Grant', 'g-entity-old', { clientId: 'edu-portal', accountId: ENTITY_SUB }),
    ]).signedInServices(PERSON);
    expect(services).toEqual([{ clientId: 'edu-portal', sid: 'sid-e', grantId: 'g-entity', sub: ENTITY_SUB }]);
  });
});
