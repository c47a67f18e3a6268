import { generateKeyPairSync } from 'node:crypto';
import Provider, { type JWK } from 'oidc-provider';
import { freePort } from './cli.js';

export interface ProviderAccount {
  email: string;
  name: string;
  groups: string[];
}

/**
 * A real OpenID Connect provider on loopback (the npm package oidc-provider, with its development
 * sign-in pages), knowing the given accounts by their login and the desk as one confidential client.
 */
export async function startOpenIdProvider(
  accounts: Record<string, ProviderAccount>,
  client: { id: string; secret: string; redirectUri: string },
) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    jwks: { keys: [privateKey.export({ format: 'jwk' }) as JWK] },
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [client.redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    cookies: { keys: ['supportdesk-test-cookie-key'] },
    async findAccount(_context, login) {
      const account = accounts[login];
      if (!account) return undefined;
      return {
        accountId: login,
        claims: async () => ({
          sub: login,
          email: account.email,
          email_verified: true,
          name: account.name,
          groups: account.groups,
        }),
      };
    },
  });
  const server = provider.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    issuer,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
