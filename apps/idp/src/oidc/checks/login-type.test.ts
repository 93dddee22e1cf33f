import type { KoaContextWithOIDC } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import { acceptsEntityLogin, requestsEntityLoginOnly, sessionIsWrongLoginType } from './login-type.ts';

const ENTITY_SESSION = 'entity:3f1c7f0e-8d7a-4a55-9a3e-2b1f0c9d8e7a:b6a0e6c2-1f4d-4c1e-8f7b-5d2a9c3e4f10';
const PERSONAL_SESSION = 'b6a0e6c2-1f4d-4c1e-8f7b-5d2a9c3e4f10';

const ctx = (accountId: string | undefined, params: Record<string, unknown>) => ({ oidc: { session: accountId ? { accountId } : undefined, params } }) as unknown as KoaContextWithOIDC;

describe('login type of an authorization request', () => {
  it('accepts entity logins only with the entity scope', () => {
    expect(acceptsEntityLogin({ scope: 'openid entity' })).toBe(true);
    expect(acceptsEntityLogin({ scope: 'openid entityx' })).toBe(false);
    expect(acceptsEntityLogin({ scope: 'openid' })).toBe(false);
    expect(acceptsEntityLogin(undefined)).toBe(false);
  });

  it('asks for entity login only with login_type=entity and the entity scope together', () => {
    expect(requestsEntityLoginOnly({ scope: 'openid entity', login_type: 'entity' })).toBe(true);
    expect(requestsEntityLoginOnly({ scope: 'openid', login_type: 'entity' })).toBe(false);
    expect(requestsEntityLoginOnly({ scope: 'openid entity', login_type: 'personal' })).toBe(false);
    expect(requestsEntityLoginOnly({ scope: 'openid entity' })).toBe(false);
  });
});

describe('sessionIsWrongLoginType', () => {
  it('sends a personal session to the login page only for entity-only requests', () => {
    expect(sessionIsWrongLoginType(ctx(PERSONAL_SESSION, { scope: 'openid entity', login_type: 'entity' }))).toBe(true);
    expect(sessionIsWrongLoginType(ctx(PERSONAL_SESSION, { scope: 'openid entity' }))).toBe(false);
    expect(sessionIsWrongLoginType(ctx(PERSONAL_SESSION, { scope: 'openid', login_type: 'entity' }))).toBe(false);
  });

  it('sends an entity session to the login page wherever the entity scope is missing', () => {
    expect(sessionIsWrongLoginType(ctx(ENTITY_SESSION, { scope: 'openid profile' }))).toBe(true);
    expect(sessionIsWrongLoginType(ctx(ENTITY_SESSION, { scope: 'openid profile', login_type: 'entity' }))).toBe(true);
    expect(sessionIsWrongLoginType(ctx(ENTITY_SESSION, { scope: 'openid entity' }))).toBe(false);
    expect(sessionIsWrongLoginType(ctx(ENTITY_SESSION, { scope: 'openid entity', login_type: 'entity' }))).toBe(false);
  });

  it('has nothing to say without a session', () => {
    expect(sessionIsWrongLoginType(ctx(undefined, { scope: 'openid entity', login_type: 'entity' }))).toBe(false);
  });
});
