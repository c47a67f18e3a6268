import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { sameSecret } from '../../app/auth.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { HttpMetrics } from '../metrics.js';

interface HealthOptions {
  database: DatabaseHandle;
  metrics: HttpMetrics;
  metricsToken: string | null;
}

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (
  app,
  { database, metrics, metricsToken },
) => {
  app.get('/health/live', { schema: { hide: true } }, () => ({ status: 'live' }));

  /** Ready means: the database answers and carries every migration this build ships. */
  app.get('/health/ready', { schema: { hide: true } }, async (request, reply) => {
    try {
      await database.db.execute(sql`select 1`);
      const migrations = await database.migrationState();
      const ready = migrations.applied >= migrations.expected;
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_migrated', database: database.kind, migrations });
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'database_unreachable', database: database.kind });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (metricsToken) {
      const presented = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
      if (!sameSecret(presented, metricsToken)) return reply.code(401).send('metrics token required\n');
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
};
