import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppContext } from '../app/context.js';
import type { Actor } from '../app/shared/actor.js';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import type { Language } from '../domain/people.js';
import type { DeskMetrics } from '../metrics.js';

/** What the HTTP app and each of its routes are built from, and what a request carries once authenticated. */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** true for the one operation that comes before any session: signing in. */
    public?: boolean;
    /** Open to a staff member who must enrol an authenticator first: their session, enrolment, signing out. */
    whileEnrolling?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    authMethod: 'session' | 'token' | null;
    csrfToken: string | null;
    language: Language;
    mustEnrolSecondFactor: boolean;
  }
}

export interface HttpDependencies {
  ctx: AppContext;
  database: DatabaseHandle;
  config: Config;
  logger: FastifyBaseLogger;
  /** The server's metrics, shared with its jobs; a registry of its own when not given. */
  metrics?: DeskMetrics;
  /** Where request limits are counted across instances (REDIS_URL); each process's memory when absent. */
  limitStore?: Redis | null;
}
