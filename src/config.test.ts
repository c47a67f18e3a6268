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
