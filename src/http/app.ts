import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { StorageUnavailableError, StorageWriteError } from '../app/ports/fileStore.js';
import { DirectoryUnavailableError } from '../app/ports/staffDirectory.js';
import { AppError, type ErrorKind } from '../app/shared/errors.js';
import { digest } from '../app/shared/secrets.js';
import { isDatabaseUnavailable } from '../db/database.js';
import { inputFault, MAX_INPUT_DEPTH } from '../domain/controlCharacters.js';
import { negotiateLanguage, translator } from '../i18n/translator.js';
import { describeIssue } from '../i18n/validation.js';
import { createMetrics, type DeskMetrics } from '../metrics.js';
import {
  authenticate,
  bearerToken,
  requireCsrf,
  requireSecondFactorEnrolment,
  requireSignIn,
  SESSION_COOKIE,
} from './authentication.js';
import type { HttpDependencies } from './dependencies.js';
import { finishOpenApiDocument } from './openapi.js';
import { sendProblem } from './problem.js';
import { registerReplayableWrites } from './replayableWrites.js';
import { requestIdOf } from './requestId.js';
import { agentToolRoutes } from './routes/agentTools.js';
import { attachmentRoutes } from './routes/attachments.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { deskRoutes } from './routes/desk.js';
import { documentationRoutes } from './routes/documentation.js';
import { entitlementRoutes } from './routes/entitlement.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { intakeRoutes } from './routes/intake.js';
import { macroRoutes } from './routes/macros.js';
import { notificationRoutes } from './routes/notifications.js';
import { organizationRoutes } from './routes/organizations.js';
import { partnerRoutes } from './routes/partners.js';
import { personalDataRoutes } from './routes/personalData.js';
import { productRoutes } from './routes/products.js';
import { releaseRoutes } from './routes/releases.js';
import { reportRoutes } from './routes/reports.js';
import { satisfactionRoutes } from './routes/satisfaction.js';
import { secondFactorRoutes } from './routes/secondFactor.js';
import { sessionRoutes } from './routes/sessions.js';
import { singleSignOnRoutes } from './routes/singleSignOn.js';
import { slaRoutes } from './routes/sla.js';
import { tagRoutes } from './routes/tags.js';
import { teamRoutes } from './routes/team.js';
import { ticketReadRoutes } from './routes/ticketReads.js';
import { ticketRoutes } from './routes/tickets.js';
import { viewRoutes } from './routes/views.js';
import { webhookRoutes } from './routes/webhooks.js';
import { registerWeb } from './web.js';

/** The largest JSON body the API takes; files go as multipart, with their own limits. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** What a client is told to wait while the database is away. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

export async function buildHttpApp(deps: HttpDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    // Fastify's own reading of the header would take anything: requestIdOf checks it first.
    requestIdHeader: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustEnrolSecondFactor', false);
  app.decorateRequest('language', 'ru');

  // Every JSON body and query is checked once, here, for what no field may hold (a NUL cannot even be
  // stored, and a body nested thousands of levels deep would exhaust whatever walks it next).
  app.addHook('preValidation', async (request, reply) => {
    for (const [part, value] of [
      ['body', request.body],
      ['query', request.query],
    ] as const) {
      const fault = inputFault(value);
      if (!fault) continue;
      const field = part === 'body' ? fault.path.join('.') : ['query', ...fault.path].join('.');
      const message = translator(request.language)(`validation.${fault.code}`, { depth: MAX_INPUT_DEPTH });
      return sendProblem(request, reply, 400, 'validation_failed', {
        field,
        errors: [{ field, code: fault.code, message }],
      });
    }
  });
  const metrics = deps.metrics ?? createMetrics();
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.ctx.files.maxBytes, files: 1, fields: 10 },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    ...(deps.limitStore
      ? { redis: deps.limitStore, nameSpace: `${deps.config.redisPrefix}limit:`, skipOnError: true }
      : {}),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Supportdesk API',
        version: '1',
        description:
          'Support desk for software vendors that sell support by certificate. Errors are ' +
          'application/problem+json with a stable `code`. Writes made with a session cookie need the ' +
          'X-CSRF-Token header returned by login and me.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description: 'The csrfToken answered by login and me; needed with the session cookie for writes',
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token from `supportdesk token create`',
          },
        },
      },
      security: [{ session: [], csrf: [] }, { bearer: [] }],
      servers: [
        { url: '/', description: 'This desk: the paths are relative to the address it is served at' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => finishOpenApiDocument(jsonSchemaTransformObject(document)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.addHook('onRequest', async (request) => {
    await authenticate(deps, request);
    request.language = request.headers['accept-language']
      ? negotiateLanguage(request.headers['accept-language'])
      : request.actor?.type === 'system' || !request.actor
        ? 'ru'
        : request.actor.language;
  });
  const tokenLimit = app.createRateLimit({
    max: deps.config.apiTokenRateLimitPerMinute,
    timeWindow: '1 minute',
    // The token's digest names it in the shared store: a token itself is never written anywhere.
    keyGenerator: (request) => `token:${digest(bearerToken(request) ?? '')}`,
  });
  // A program holding a token is limited by the token, wherever it calls from and however many it runs.
  app.addHook('onRequest', async (request, reply) => {
    if (request.authMethod !== 'token') return;
    const limit = await tokenLimit(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', String(limit.ttlInSeconds));
    return sendProblem(request, reply, 429, 'rate_limited', {
      params: { retryAfterSeconds: limit.ttlInSeconds },
    });
  });
  app.addHook('preValidation', requireCsrf);
  registerReplayableWrites(app, deps.ctx);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(request, reply, STATUS_OF[error.kind], error.code, {
        field: error.field,
        params: error.params,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = error.validationContext ?? 'body';
      const errors = error.validation.map((issue) => {
        const described = describeIssue(
          {
            code: issue.keyword,
            path: issue.instancePath.split('/').filter(Boolean),
            message: issue.message,
            params: issue.params,
          },
          request.language,
        );
        // Path and query parameters are named with their part, body fields by their own path.
        const field = part === 'body' ? described.field : [part, described.field].filter(Boolean).join('.');
        return { ...described, field: field || part };
      });
      return sendProblem(request, reply, 400, 'validation_failed', { field: errors[0]?.field, errors });
    }
    if (error.statusCode === 429) {
      return sendProblem(request, reply, 429, 'rate_limited', {
        params: { retryAfterSeconds: Number(reply.getHeader('retry-after') ?? 60) },
      });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(request, reply, 415, 'unsupported_media_type');
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return sendProblem(request, reply, 413, 'body_too_large', {
        params: { maxKilobytes: Math.floor(BODY_LIMIT_BYTES / 1024) },
      });
    }
    if (error.code?.startsWith('FST_ERR_CTP_') || error.statusCode === 400) {
      return sendProblem(request, reply, 400, 'invalid_json');
    }
    if (error instanceof StorageUnavailableError) {
      request.log.warn({ err: error }, 'file storage unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(request, reply, 503, 'storage_unavailable');
    }
    if (error instanceof StorageWriteError) {
      request.log.error({ err: error }, 'file storage refused a write');
      return sendProblem(request, reply, 507, 'storage_full');
    }
    if (error instanceof DirectoryUnavailableError) {
      request.log.warn({ err: { message: error.message } }, 'staff directory unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(request, reply, 503, 'directory_unavailable');
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(request, reply, 503, 'database_unavailable');
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, 500, 'internal_error');
  });
  const web = await registerWeb(app);
  app.setNotFoundHandler((request, reply) =>
    web?.wantsPage(request) ? web.sendPage(reply) : sendProblem(request, reply, 404, 'route_not_found'),
  );

  await app.register(healthRoutes, {
    database: deps.database,
    metrics,
    metricsToken: config.metricsToken,
    metricsPublic: config.metricsPublic,
  });
  await app.register(
    async (api) => {
      api.addHook('onRequest', requireSignIn);
      api.addHook('onRequest', requireSecondFactorEnrolment);
      await api.register(authRoutes, deps);
      await api.register(secondFactorRoutes, deps);
      await api.register(personalDataRoutes, deps);
      await api.register(singleSignOnRoutes, deps);
      await api.register(productRoutes, deps);
      await api.register(organizationRoutes, deps);
      await api.register(entitlementRoutes, deps);
      await api.register(auditRoutes, deps);
      await api.register(slaRoutes, deps);
      await api.register(ticketReadRoutes, deps);
      await api.register(ticketRoutes, deps);
      await api.register(agentToolRoutes, deps);
      await api.register(macroRoutes, deps);
      await api.register(tagRoutes, deps);
      await api.register(webhookRoutes, deps);
      await api.register(satisfactionRoutes, deps);
      await api.register(viewRoutes, deps);
      await api.register(teamRoutes, deps);
      await api.register(sessionRoutes, deps);
      await api.register(attachmentRoutes, deps);
      await api.register(notificationRoutes, deps);
      await api.register(eventRoutes, deps);
      await api.register(partnerRoutes, deps);
      await api.register(intakeRoutes, deps);
      await api.register(deskRoutes, deps);
      await api.register(reportRoutes, deps);
      await api.register(releaseRoutes, deps);
      await api.register(documentationRoutes, deps);
    },
    { prefix: '/api/v1' },
  );
  app.get('/', { schema: { hide: true } }, (_request, reply) =>
    web ? web.sendPage(reply) : reply.redirect('/api/docs'),
  );
  return app;
}

/** What a worker instance serves: its health and its metrics, for the orchestrator and Prometheus. */
export async function buildHealthApp(
  deps: Pick<HttpDependencies, 'database' | 'config' | 'logger'> & { metrics: DeskMetrics },
): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger, genReqId: requestIdOf, requestIdHeader: false });
  await app.register(healthRoutes, {
    database: deps.database,
    metrics: deps.metrics,
    metricsToken: deps.config.metricsToken,
    metricsPublic: deps.config.metricsPublic,
  });
  return app;
}
