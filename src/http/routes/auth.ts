import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { confirmPasswordReset, requestPasswordReset } from '../../app/accounts/accountLinks.js';
import { login, logout } from '../../app/accounts/auth.js';
import { changePassword, updateProfile } from '../../app/accounts/profile.js';
import type { ClientInfo, SignedIn } from '../../app/accounts/sessions.js';
import type { Actor } from '../../app/shared/actor.js';
import {
  loginInput,
  passwordChangeInput,
  passwordResetConfirmation,
  passwordResetRequest,
  profileInput,
  sessionSchema,
} from '../../contract/auth.js';
import { problems } from '../../contract/problem.js';
import { abilitiesOf, areasOf } from '../../domain/accounts/areas.js';
import { SESSION_COOKIE, setSessionCookie, signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { withEvenTiming } from '../evenTiming.js';

function principalView(actor: Actor) {
  if (actor.type === 'system') throw new Error('the desk itself never signs in');
  const role = actor.type === 'agent' ? actor.role : ('contact' as const);
  return {
    type: actor.type,
    id: actor.id,
    name: actor.name,
    email: actor.email,
    language: actor.language,
    role,
    organizationId: actor.type === 'contact' ? actor.organizationId : null,
    areas: areasOf(role),
    abilities: abilitiesOf(role),
  };
}

/** "Forgot password?" answers no sooner than this, found or not: longer than the work takes when it finds. */
const RESET_ANSWER_FLOOR_MS = 400;

const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
});

export const authRoutes: FastifyPluginAsync<HttpDependencies> = async (app, deps) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const settings = { ttlMs: deps.config.sessionTtlMs };

  const startSession = (reply: FastifyReply, session: SignedIn) => {
    setSessionCookie(reply, session, deps.config.secureCookies);
    return {
      principal: principalView(session.actor),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
      secondFactorEnrolmentRequired: session.mustEnrolSecondFactor,
    };
  };

  api.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        description:
          'An account with an authenticator also needs `code`: without it the answer is 401 ' +
          'second_factor_required, with a wrong or reused one 401 second_factor_invalid.',
        security: [],
        body: loginInput,
        response: { 200: sessionSchema, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) =>
      startSession(reply, await login(deps.ctx, settings, request.body, clientOf(request))),
  );

  api.post(
    '/auth/password-reset',
    {
      config: {
        public: true,
        rateLimit: { max: deps.config.passwordResetRateLimitPerHour, timeWindow: '1 hour' },
      },
      schema: {
        operationId: 'requestPasswordReset',
        tags: ['auth'],
        summary: 'Mail a password reset link to the account with this address, if there is one',
        description:
          'Answers 202 alike, and in the same time, whether or not an account has the address. A link is ' +
          'valid for one hour and once; each address is mailed at most three an hour.',
        security: [],
        body: passwordResetRequest,
        response: { 202: z.null(), ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await withEvenTiming(RESET_ANSWER_FLOOR_MS, () => requestPasswordReset(deps.ctx, request.body.email));
      return reply.code(202).send(null);
    },
  );

  api.post(
    '/auth/password-reset/confirm',
    {
      config: {
        public: true,
        rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        operationId: 'confirmPasswordReset',
        tags: ['auth'],
        summary: 'Set the password with a mailed reset or invitation link, and sign in',
        description:
          'The link is used up; every other link and every session the account had end. A used, ' +
          'expired or replaced link answers 400 with code account_link_invalid.',
        security: [],
        body: passwordResetConfirmation,
        response: { 200: sessionSchema, ...problems(400, 429) },
      },
    },
    async (request, reply) =>
      startSession(reply, await confirmPasswordReset(deps.ctx, settings, request.body, clientOf(request))),
  );

  api.post(
    '/auth/logout',
    {
      config: { whileEnrolling: true },
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'End the current session',
        response: { 204: z.null(), ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      signedIn(request);
      const sessionToken = request.cookies[SESSION_COOKIE];
      if (request.authMethod === 'session' && sessionToken) await logout(deps.ctx, sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/me',
    {
      config: { whileEnrolling: true },
      schema: {
        operationId: 'me',
        tags: ['auth'],
        summary: 'Who is signed in, and the CSRF token of the session',
        response: { 200: sessionSchema, ...problems(401) },
      },
    },
    async (request) => ({
      principal: principalView(signedIn(request)),
      csrfToken: request.csrfToken,
      expiresAt: null,
      secondFactorEnrolmentRequired: request.mustEnrolSecondFactor,
    }),
  );

  api.patch(
    '/me',
    {
      config: { whileEnrolling: true },
      schema: {
        operationId: 'updateProfile',
        tags: ['auth'],
        summary: 'Set the language the desk speaks to the signed-in person in',
        body: profileInput,
        response: { 200: profileInput, ...problems(400, 401, 403) },
      },
    },
    async (request) => updateProfile(deps.ctx, signedIn(request), request.body),
  );

  api.post(
    '/me/password',
    {
      config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        summary: 'Change the password, proving the current one; the other sessions of the account end',
        body: passwordChangeInput,
        response: { 204: z.null(), ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const sessionToken =
        request.authMethod === 'session' ? (request.cookies[SESSION_COOKIE] ?? null) : null;
      await changePassword(deps.ctx, signedIn(request), request.body, sessionToken);
      return reply.code(204).send(null);
    },
  );
};
