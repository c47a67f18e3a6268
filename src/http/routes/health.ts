import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { sameSecret } from '../../app/shared/secrets.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { DeskMetrics } from '../../metrics.js';

interface HealthOptions {
  database: DatabaseHandle;
  metrics: DeskMetrics;
  metricsToken: string | null;
  metricsPublic: boolean;
}

const READY_TIMEOUT_MS = 1_500;

function withinTime<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work(), late]).finally(() => clearTimeout(timer));
}

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (
  app,
  { database, metrics, metricsToken, metricsPublic },
) => {
  app.get('/health/live', { schema: { hide: true } }, () => ({ status: 'live' }));

  /**
   * Ready means: the database answers and carries every migration this build ships. A balancer asks
   * often and waits briefly, so a database that does not answer in time counts as unreachable.
   */
  app.get('/health/ready', { schema: { hide: true } }, async (request, reply) => {
    try {
      const migrations = await withinTime(READY_TIMEOUT_MS, async () => {
        await database.db.execute(sql`select 1`);
        return database.migrationState();
      });
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
    if (!metricsPublic) {
      if (!metricsToken)
        return reply
          .code(403)
          .send('metrics are closed: set METRICS_TOKEN, or METRICS_PUBLIC=true to open them\n');
      const presented = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
      if (!sameSecret(presented, metricsToken)) return reply.code(401).send('metrics token required\n');
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
};
