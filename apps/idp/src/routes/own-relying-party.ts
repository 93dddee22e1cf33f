import type { FastifyReply, FastifyRequest } from 'fastify';
import * as oidcClient from 'openid-client';

/**
 * The platform as a relying party of itself (the portal's user center, the
 * console): one built-in public client's code flow with PKCE. The discovered
 * configuration is fetched at first use and again after a failed discovery;
 * the verifier and state wait for the callback in a signed cookie scoped to
 * the callback path.
 */
export function ownRelyingParty(options: { issuer: string; publicUrl: string; clientId: string; secure: boolean; callbackPath: string; stateCookie: string }) {
  let discovered: Promise<oidcClient.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidcClient
      .discovery(new URL(options.issuer), options.clientId, undefined, oidcClient.None(), options.secure ? {} : { execute: [oidcClient.allowInsecureRequests] })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };
  const redirectUri = `${options.publicUrl}${options.callbackPath}`;

  return {
    configuration,

    /** Sends the browser to the platform's authorization endpoint with these parameters (scope, prompt, …). */
    async start(reply: FastifyReply, parameters: Record<string, string>) {
      const verifier = oidcClient.randomPKCECodeVerifier();
      const state = oidcClient.randomState();
      const url = oidcClient.buildAuthorizationUrl(await configuration(), {
        ...parameters,
        redirect_uri: redirectUri,
        code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      reply.setCookie(options.stateCookie, JSON.stringify({ verifier, state }), { path: options.callbackPath, httpOnly: true, sameSite: 'lax', secure: options.secure, signed: true, maxAge: 600 });
      return reply.redirect(url.href, 303);
    },

    /**
     * What the browser kept from `start` (null: none, or not signed by us);
     * the cookie is spent either way.
     */
    takePending(request: FastifyRequest, reply: FastifyReply): string | null {
      const raw = request.cookies[options.stateCookie];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      reply.clearCookie(options.stateCookie, { path: options.callbackPath });
      return unsigned?.valid && unsigned.value ? unsigned.value : null;
    },

    /** The callback's code exchanged for tokens, state and PKCE checked against what `start` kept; throws when refused. */
    async finish(request: FastifyRequest, pending: string) {
      const { verifier, state } = JSON.parse(pending) as { verifier: string; state: string };
      return oidcClient.authorizationCodeGrant(await configuration(), new URL(request.url, options.publicUrl), { pkceCodeVerifier: verifier, expectedState: state });
    },
  };
}
