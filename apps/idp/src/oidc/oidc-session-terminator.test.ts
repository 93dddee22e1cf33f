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

/** A login of `accountId` at edu-portal (oidc-provider's Session), under `grantId`. */
const eduSession = (id: string, accountId: string, sid: string, grantId: string) => record('Session', id, { accountId, authorizations: { 'edu-portal': { sid, grantId } } });
/** What `accountId` let edu-portal have (oidc-provider's Grant). */
const eduGrant = (id: string, accountId: string) => record('Grant', id, { clientId: 'edu-portal', accountId });

/** The store as the SQL adapter fills it: every model of the person, entity logins included, under the person's id. */
function storeWith(models: OidcModelRecord[]): OidcModelStore {
  return { findByAccount: async (model: string) => models.filter((m) => m.model === model) } as unknown as OidcModelStore;
}

const terminator = (models: OidcModelRecord[]) => new OidcSessionTerminator({ provider: {} as Provider, models: storeWith(models), onError: () => undefined });

describe('OidcSessionTerminator.signedInServices', () => {
  it('tells a service about each subject it knows: the personal session and an entity grant without a live session', async () => {
    const services = await terminator([eduSession('s1', PERSON, 'sid-1', 'g-personal'), eduGrant('g-personal', PERSON), eduGrant('g-entity', ENTITY_SUB)]).signedInServices(PERSON);
    expect(services).toEqual([
      { clientId: 'edu-portal', sid: 'sid-1', grantId: 'g-personal', sub: PERSON },
      { clientId: 'edu-portal', sid: null, grantId: 'g-entity', sub: ENTITY_SUB },
    ]);
  });

  it('names an entity session by its entity subject, and tells each (service, subject) once', async () => {
    const services = await terminator([eduSession('s1', ENTITY_SUB, 'sid-e', 'g-entity'), eduGrant('g-entity', ENTITY_SUB), eduGrant('g-entity-old', ENTITY_SUB)]).signedInServices(PERSON);
    expect(services).toEqual([{ clientId: 'edu-portal', sid: 'sid-e', grantId: 'g-entity', sub: ENTITY_SUB }]);
  });
});
