import { CONSOLE_CLIENT_ID, CONSOLE_LOGIN_PATHS, CONSOLE_PATHS, PORTAL_CLIENT_ID, PORTAL_LOGIN_PATHS } from '@uia/schemas';
import type { ClientRepository } from '../../ports/client-repository.ts';

/**
 * The portal's own relying party (see routes/portal-self-login.ts): the user
 * center logs in through it, never a service an agent grant names. Kept in
 * step with PUBLIC_URL at every start.
 */
export async function ensurePortalClient(clients: ClientRepository, publicUrl: string) {
  await clients.upsert({
    clientId: PORTAL_CLIENT_ID,
    clientName: '统一身份认证平台',
    clientSecret: null,
    enabled: true,
    metadata: {
      redirect_uris: [`${publicUrl}${PORTAL_LOGIN_PATHS.callback}`],
      post_logout_redirect_uris: [`${publicUrl}/`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      // `entity`: the login page at / offers 个人登录 and 法人登录 (DESIGN.md §2), and either opens the user center.
      scope: 'openid profile entity',
    },
  });
}

/**
 * Client metadata (the platform's own, beside RFC 7591's): true = a password
 * alone does not log in to this client, the SMS code to the bound phone must
 * follow (or 扫码登录, face + mca). A client setting rather than an acr_values
 * value: acr here is the assurance level of the identity (L1–L4), a different
 * axis from the number of factors, and the relying party cannot forget to ask.
 */
export const REQUIRE_TWO_FACTORS = 'uia_require_two_factors';

/**
 * The operator console's own relying party (routes/console-login.ts). Kept in
 * step with PUBLIC_URL at every start, like the portal's.
 */
export async function ensureConsoleClient(clients: ClientRepository, publicUrl: string) {
  await clients.upsert({
    clientId: CONSOLE_CLIENT_ID,
    clientName: '管理控制台',
    clientSecret: null,
    enabled: true,
    metadata: {
      redirect_uris: [`${publicUrl}${CONSOLE_LOGIN_PATHS.callback}`],
      post_logout_redirect_uris: [`${publicUrl}${CONSOLE_PATHS.page}`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: 'openid profile',
      [REQUIRE_TWO_FACTORS]: true,
    },
  });
}

/** The platform's own relying parties: never a service in an agent grant or in the person's list of services. */
export function isBuiltinClient(clientId: string): boolean {
  return clientId === PORTAL_CLIENT_ID || clientId === CONSOLE_CLIENT_ID;
}
