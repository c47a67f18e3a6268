import * as oidc from 'openid-client';
import { type SingleSignOn, SingleSignOnFailed } from '../../app/ports/singleSignOn.js';
import type { OidcSettings } from '../../config.js';

const claimText = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * An OpenID Connect provider through openid-client: the authorization code flow with PKCE, a state and
 * a nonce, the client authenticated with its secret. The provider's metadata is discovered on first use
 * and again after a failure; every request to it has a timeout.
 */
export function openIdProvider(settings: OidcSettings): SingleSignOn {
  let configuration: Promise<oidc.Configuration> | null = null;
  const discovered = () => {
    configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { redirect_uris: [settings.redirectUri], response_types: ['code'] },
        oidc.ClientSecretPost(settings.clientSecret),
        {
          timeout: settings.timeoutMs / 1000,
          ...(settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : {}),
        },
      )
      .catch((error: unknown) => {
        configuration = null;
        throw new SingleSignOnFailed(error);
      });
    return configuration;
  };

  return {
    async start() {
      const config = await discovered();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state, codeVerifier, nonce };
    },
    async finish(callbackUrl, start) {
      const config = await discovered();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: start.codeVerifier,
          expectedState: start.state,
          expectedNonce: start.nonce,
          idTokenExpected: true,
        });
        const claims: Record<string, unknown> = tokens.claims() ?? {};
        // Groups ride in the ID token when the provider is set up so; otherwise userinfo has them.
        const info: Record<string, unknown> =
          settings.groupsClaim in claims || !tokens.access_token
            ? claims
            : { ...claims, ...(await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub))) };
        const groups = info[settings.groupsClaim];
        return {
          subject: String(info.sub),
          email: claimText(info.email).toLowerCase(),
          name: claimText(info.name) || claimText(info.preferred_username) || claimText(info.email),
          groups: Array.isArray(groups) ? groups.map(String) : [],
        };
      } catch (error) {
        throw new SingleSignOnFailed(error);
      }
    },
  };
}
