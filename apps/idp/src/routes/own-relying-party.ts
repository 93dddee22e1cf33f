import * as oidcClient from 'openid-client';

/**
 * The platform as a relying party of itself (the portal's user center, the
 * console): the discovered configuration of one built-in public client,
 * fetched at first use and again after a failed discovery.
 */
export function ownRelyingParty(options: { issuer: string; clientId: string; secure: boolean }): () => Promise<oidcClient.Configuration> {
  let discovered: Promise<oidcClient.Configuration> | null = null;
  return () => {
    discovered ??= oidcClient
      .discovery(new URL(options.issuer), options.clientId, undefined, oidcClient.None(), options.secure ? {} : { execute: [oidcClient.allowInsecureRequests] })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };
}

/** A code flow's start: the PKCE verifier and state to keep (signed cookie), and where to send the browser. */
export async function beginCodeFlow(config: oidcClient.Configuration, parameters: Record<string, string>) {
  const verifier = oidcClient.randomPKCECodeVerifier();
  const state = oidcClient.randomState();
  const url = oidcClient.buildAuthorizationUrl(config, {
    ...parameters,
    code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  return { pending: JSON.stringify({ verifier, state }), url };
}

/** The code flow's end: exchanges the code for tokens, checking state and PKCE against what `beginCodeFlow` kept. */
export async function finishCodeFlow(config: oidcClient.Configuration, callbackUrl: URL, pending: string) {
  const { verifier, state } = JSON.parse(pending) as { verifier: string; state: string };
  return oidcClient.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
}
