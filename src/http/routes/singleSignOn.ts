import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { finishSingleSignOn, startSingleSignOn } from '../../app/accounts/singleSignOn.js';
import { AppError } from '../../app/shared/errors.js';
import { problems } from '../../contract/problem.js';
import { setSessionCookie } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** Ties a single sign-on to the browser that started it, for the ten minutes it may take. */
const ATTEMPT_COOKIE = 'sd_sso';
const CALLBACK_PATH = '/api/v1/auth/oidc';

/** Single sign-on for staff with an OpenID Connect provider, and what the sign-in page offers. */
export const singleSignOnRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx, config }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const open = { public: true, rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } };

  api.get(
    '/auth/methods',
    {
      config: { public: true },
      schema: {
        operationId: 'getSignInMethods',
        tags: ['auth'],
        summary:
          'How people can sign in here: e-mail and password always, single sign-on for staff when set up',
        security: [],
        response: {
          200: z
            .object({ singleSignOn: z.object({ name: z.string() }).nullable() })
            .meta({ id: 'SignInMethods' }),
        },
      },
    },
    async () => ({ singleSignOn: ctx.singleSignOn ? { name: ctx.singleSignOn.name } : null }),
  );

  api.get(
    '/auth/oidc/start',
    {
      config: open,
      schema: {
        operationId: 'startSingleSignOn',
        tags: ['auth'],
        summary:
          'Leave for the OpenID provider to sign in (staff); it sends the browser back to the callback',
        security: [],
        response: { 302: z.null(), ...problems(400, 404, 429) },
      },
    },
    async (_request, reply) => {
      const { url, state } = await startSingleSignOn(ctx);
      reply.setCookie(ATTEMPT_COOKIE, state, {
        path: CALLBACK_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: 600,
      });
      return reply.redirect(url, 302);
    },
  );

  api.get(
    '/auth/oidc/callback',
    {
      config: open,
      schema: {
        operationId: 'finishSingleSignOn',
        tags: ['auth'],
        summary:
          'Where the OpenID provider sends the browser back: signs the staff member in and goes to the desk, or to the sign-in page with the reason',
        security: [],
        querystring: z.object({}).passthrough(),
        response: { 302: z.null(), ...problems(429) },
      },
    },
    async (request, reply) => {
      reply.clearCookie(ATTEMPT_COOKIE, { path: CALLBACK_PATH });
      try {
        const session = await finishSingleSignOn(
          ctx,
          { ttlMs: config.sessionTtlMs },
          new URL(request.url, config.mail.webUrl),
          request.cookies[ATTEMPT_COOKIE],
          { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        );
        setSessionCookie(reply, session, config.secureCookies);
        return reply.redirect('/', 302);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return reply.redirect(`/?signInError=${encodeURIComponent(error.code)}`, 302);
      }
    },
  );
};
