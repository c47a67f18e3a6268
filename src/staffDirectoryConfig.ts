import { z } from 'zod';
import { ConfigError, flag, integer } from './configFields.js';
import { parseRoleGroups, type RoleGroups } from './domain/accounts/directoryRoles.js';

/**
 * The configuration of staff sign-in with the company directory (LDAP) and an OpenID Connect provider:
 * their variables, their settings, and which variables each needs (docs/accounts.md).
 */

/** Directory groups to roles, as `admin=GROUP;agent=GROUP|GROUP;partner=GROUP`. */
const roleGroups = z.string().transform((value, context) => {
  const parsed = parseRoleGroups(value);
  if (!parsed) {
    context.addIssue({
      code: 'custom',
      message: 'must be admin=GROUP;agent=GROUP;partner=GROUP (| between groups)',
    });
    return z.NEVER;
  }
  return parsed;
});

export const staffDirectoryEnvironment = {
  LDAP_URL: z.url({ protocol: /^ldaps?$/, error: 'must be an ldap:// or ldaps:// URL' }).optional(),
  LDAP_BIND_DN: z.string().min(3).max(500).optional(),
  LDAP_BIND_PASSWORD: z.string().min(1).max(500).optional(),
  LDAP_USER_BASE: z.string().min(3).max(500).optional(),
  LDAP_USER_FILTER: z
    .string()
    .includes('{email}', { error: 'must hold {email}, where the address signed in with goes' })
    .default('(&(objectClass=inetOrgPerson)(mail={email}))'),
  LDAP_GROUP_BASE: z.string().min(3).max(500).optional(),
  LDAP_ROLE_GROUPS: roleGroups.optional(),
  LDAP_SYNC_MINUTES: integer(1, 1_440).default(15),
  LDAP_TIMEOUT_MS: integer(100, 60_000).default(5_000),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  OIDC_GROUPS_CLAIM: z.string().min(1).max(100).default('groups'),
  OIDC_ROLE_GROUPS: roleGroups.optional(),
  OIDC_NAME: z.string().min(1).max(60).default('SSO'),
  OIDC_ALLOW_HTTP: flag.default(false),
  OIDC_TIMEOUT_MS: integer(100, 60_000).default(5_000),
};

type DirectoryEnvironment = z.infer<z.ZodObject<typeof staffDirectoryEnvironment>>;

export interface LdapSettings {
  url: string;
  bindDn: string;
  bindPassword: string;
  userBase: string;
  userFilter: string;
  groupBase: string;
  roleGroups: RoleGroups;
  syncIntervalMs: number;
  timeoutMs: number;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: PUBLIC_URL's callback. */
  redirectUri: string;
  groupsClaim: string;
  roleGroups: RoleGroups;
  /** What the sign-in page's button calls the provider (Keycloak, ADFS…). */
  name: string;
  /** Plain http to the provider: only for one on the same machine or network segment. */
  allowHttp: boolean;
  timeoutMs: number;
}

/** The directory settings, or the names of the variables a directory set up by halves still needs. */
export function staffDirectorySettings(env: DirectoryEnvironment, publicUrl: string) {
  if (env.LDAP_URL) {
    const missing = (
      ['LDAP_BIND_DN', 'LDAP_BIND_PASSWORD', 'LDAP_USER_BASE', 'LDAP_GROUP_BASE', 'LDAP_ROLE_GROUPS'] as const
    ).filter((name) => !env[name]);
    if (missing.length > 0)
      throw new ConfigError(missing.map((name) => `${name}: must be set when LDAP_URL is`));
  }
  if (env.OIDC_ISSUER) {
    const missing = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ROLE_GROUPS'] as const).filter(
      (name) => !env[name],
    );
    if (missing.length > 0)
      throw new ConfigError(missing.map((name) => `${name}: must be set when OIDC_ISSUER is`));
  }
  return {
    ldap: env.LDAP_URL
      ? {
          url: env.LDAP_URL,
          bindDn: env.LDAP_BIND_DN ?? '',
          bindPassword: env.LDAP_BIND_PASSWORD ?? '',
          userBase: env.LDAP_USER_BASE ?? '',
          userFilter: env.LDAP_USER_FILTER,
          groupBase: env.LDAP_GROUP_BASE ?? '',
          roleGroups: env.LDAP_ROLE_GROUPS ?? {},
          syncIntervalMs: env.LDAP_SYNC_MINUTES * 60_000,
          timeoutMs: env.LDAP_TIMEOUT_MS,
        }
      : null,
    oidc: env.OIDC_ISSUER
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID ?? '',
          clientSecret: env.OIDC_CLIENT_SECRET ?? '',
          redirectUri: `${publicUrl.replace(/\/$/, '')}/api/v1/auth/oidc/callback`,
          groupsClaim: env.OIDC_GROUPS_CLAIM,
          roleGroups: env.OIDC_ROLE_GROUPS ?? {},
          name: env.OIDC_NAME,
          allowHttp: env.OIDC_ALLOW_HTTP,
          timeoutMs: env.OIDC_TIMEOUT_MS,
        }
      : null,
  };
}
