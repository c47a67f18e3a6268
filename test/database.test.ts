import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { expectedMigrationCount } from '../src/db/database.js';
import { systemClock } from '../src/domain/calendar/clock.js';
import { buildHttpApp } from '../src/http/app.js';
import { createAppContext } from '../src/wiring.js';
import { databaseBackends } from './support/databases.js';

describe.each(databaseBackends)('the database on $name', (backend) => {
  it('is not ready until migrated, and migrating twice changes nothing', async () => {
    const database = await backend.open();
    try {
      const app = await buildHttpApp({
        ctx: createAppContext(database.db, loadConfig({}), systemClock),
        database,
        config: loadConfig({}),
        logger: pino({ level: 'silent' }),
      });
      const unready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(unready.statusCode).toBe(503);
      expect(unready.json()).toMatchObject({ status: 'not_migrated', migrations: { applied: 0 } });

      await database.migrate();
      await database.migrate();
      expect(await database.migrationState()).toEqual({
        applied: expectedMigrationCount(),
        expected: expectedMigrationCount(),
      });
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready', database: backend.name });
      await app.close();
    } finally {
      await database.close();
    }
  });

  it('reports an unreachable database as not ready', async () => {
    const database = await backend.open();
    await database.migrate();
    const app = await buildHttpApp({
      ctx: createAppContext(database.db, loadConfig({}), systemClock),
      database,
      config: loadConfig({}),
      logger: pino({ level: 'silent' }),
    });
    await database.close();
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'database_unreachable' });
    await app.close();
  });
});
