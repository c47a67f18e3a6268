import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs on embedded PGlite in ./data on port 8080 by default', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.database.kind).toBe('pglite');
    expect(config.database.kind === 'pglite' && config.database.dataDir).toMatch(/data\/pglite$/);
    expect(config.secureCookies).toBe(false);
  });

  it('uses a PostgreSQL server when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://desk@db.internal/desk',
      DATABASE_POOL_SIZE: '4',
      DATABASE_STATEMENT_TIMEOUT_MS: '15000',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://desk@db.internal/desk',
      poolSize: 4,
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 15_000,
      preparedStatements: true,
    });
  });

  it('goes through a transaction pooler with unnamed statements and a direct session connection', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://desk@pgbouncer.internal:6432/desk',
      DATABASE_PREPARED_STATEMENTS: 'false',
      DATABASE_SESSION_URL: 'postgres://desk@db.internal/desk',
    });
    expect(config.database).toMatchObject({
      url: 'postgres://desk@pgbouncer.internal:6432/desk',
      preparedStatements: false,
      sessionUrl: 'postgres://desk@db.internal/desk',
    });
  });

  it('keeps files in a bucket only when the bucket and its keys are named, and takes a role', () => {
    expect(() => loadConfig({ STORAGE: 's3', S3_BUCKET: 'supportdesk-files' })).toThrow(
      /S3_ACCESS_KEY_ID: must be set when STORAGE is s3/,
    );
    const config = loadConfig({
      STORAGE: 's3',
      S3_BUCKET: 'supportdesk-files',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
      ROLE: 'worker',
    });
    expect(config.s3).toMatchObject({
      bucket: 'supportdesk-files',
      forcePathStyle: true,
      region: 'us-east-1',
    });
    expect(config.role).toBe('worker');
    expect(config.s3?.presignedDownloads).toBeNull();
    expect(() => loadConfig({ ROLE: 'scheduler' })).toThrow(/ROLE: must be all, web or worker/);
    const bucket = {
      STORAGE: 's3',
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_BUCKET: 'supportdesk-files',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PRESIGNED_DOWNLOADS: 'true',
    };
    expect(loadConfig(bucket).s3?.presignedDownloads).toEqual({
      publicEndpoint: 'http://minio.internal:9000',
      ttlSeconds: 300,
    });
    expect(
      loadConfig({
        ...bucket,
        S3_PUBLIC_ENDPOINT: 'https://files.vendor.example',
        S3_PRESIGNED_TTL_SECONDS: '60',
      }).s3?.presignedDownloads,
    ).toEqual({ publicEndpoint: 'https://files.vendor.example', ttlSeconds: 60 });
    expect(() => loadConfig({ ...bucket, S3_PRESIGNED_TTL_SECONDS: '5' })).toThrow(
      /S3_PRESIGNED_TTL_SECONDS/,
    );
  });

  it('signs staff in with a directory only when it is described whole', () => {
    expect(() => loadConfig({ LDAP_URL: 'ldap://ldap.vendor.ru' })).toThrow(
      /LDAP_BIND_DN: must be set when LDAP_URL is/,
    );
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.vendor.ru/realms/staff' })).toThrow(
      /OIDC_CLIENT_SECRET: must be set when OIDC_ISSUER is/,
    );
    expect(() => loadConfig({ LDAP_ROLE_GROUPS: 'boss=cn=bosses' })).toThrow(
      /LDAP_ROLE_GROUPS: must be admin=GROUP/,
    );
    const config = loadConfig({
      PUBLIC_URL: 'https://desk.vendor.ru/',
      LDAP_URL: 'ldaps://ldap.vendor.ru',
      LDAP_BIND_DN: 'cn=desk,dc=vendor,dc=ru',
      LDAP_BIND_PASSWORD: 'secret',
      LDAP_USER_BASE: 'ou=people,dc=vendor,dc=ru',
      LDAP_GROUP_BASE: 'ou=groups,dc=vendor,dc=ru',
      LDAP_ROLE_GROUPS:
        'admin=cn=desk-admins,ou=groups,dc=vendor,dc=ru;agent=cn=l1,dc=vendor,dc=ru|cn=l2,dc=vendor,dc=ru',
      OIDC_ISSUER: 'https://sso.vendor.ru/realms/staff',
      OIDC_CLIENT_ID: 'supportdesk',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_ROLE_GROUPS: 'agent=support',
    });
    expect(config.ldap).toMatchObject({
      roleGroups: {
        admin: ['cn=desk-admins,ou=groups,dc=vendor,dc=ru'],
        agent: ['cn=l1,dc=vendor,dc=ru', 'cn=l2,dc=vendor,dc=ru'],
      },
      syncIntervalMs: 15 * 60_000,
    });
    expect(config.oidc).toMatchObject({
      redirectUri: 'https://desk.vendor.ru/api/v1/auth/oidc/callback',
      groupsClaim: 'groups',
      allowHttp: false,
    });
  });

  it('names every bad variable and never echoes its value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://secret-password@host/db', TRUST_PROXY: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT: must be an integer from 1 to 65535');
    expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// connection URL');
    expect(message).toContain('TRUST_PROXY: must be true or false');
    expect(message).not.toContain('secret-password');
  });

  it('marks cookies Secure when the public address is https', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://support.example.com' }).secureCookies).toBe(true);
  });
});
