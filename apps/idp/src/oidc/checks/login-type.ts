import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { parseAccountId } from '../../services/entities/acting-principal.ts';

/**
 * The request's `login_type=entity`: the relying party takes entity logins only.
 * Only together with the `entity` scope: without it the parameter is ignored, so
 * a service that did not request (or may not request) the scope never gets an
 * entity login through it.
 */
export function requestsEntityLoginOnly(params: Record<string, unknown> | undefined): boolean {
  return params?.login_type === 'entity' && acceptsEntityLogin(params);
}

/** The request's scopes include `entity`: the relying party can receive an entity login. */
export function acceptsEntityLogin(params: Record<string, unknown> | undefined): boolean {
  return typeof params?.scope === 'string' && params.scope.split(' ').includes('entity');
}

/**
 * 法人登录 and 个人登录 are different principals. A personal session does not
 * serve a request for entity login only, and an entity session does not
 * serve a service that cannot receive one (it would get a subject without
 * the entity it stands for): both meet the login prompt.
 */
export function sessionIsWrongLoginType(ctx: KoaContextWithOIDC): boolean {
  const accountId = ctx.oidc.session?.accountId;
  if (!accountId) return false;
  const actsForEntity = parseAccountId(accountId).entityId !== null;
  const params = ctx.oidc.params;
  if (requestsEntityLoginOnly(params)) return !actsForEntity;
  return actsForEntity && !acceptsEntityLogin(params);
}

export const loginTypeCheck = () =>
  new interactionPolicy.Check('login_type', 'the session is not the kind of login this request asks for', (ctx) =>
    sessionIsWrongLoginType(ctx) ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
  );
