import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { endOtherSessions, endOwnSession, listOwnSessions } from '../../app/accounts/ownSessions.js';
import { createOwnToken, listOwnTokens, revokeOwnToken } from '../../app/accounts/ownTokens.js';
import { ownSessionSchema, ownTokenInput, ownTokenSchema } from '../../contract/agents.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { SESSION_COOKIE, signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** The session the request came in, if it came with one (a program with a token has none). */
const currentSession = (request: FastifyRequest) =>
  request.authMethod === 'session' ? request.cookies[SESSION_COOKIE] : undefined;

/** Everyone's own sessions and API tokens: where they are signed in, what their integrations use. */
export const sessionRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/me/sessions',
    {
      schema: {
        operationId: 'listOwnSessions',
        tags: ['auth'],
        summary: "The signed-in person's sessions, the latest seen first",
        response: { 200: z.array(ownSessionSchema), ...problems(401) },
      },
    },
    (request) => listOwnSessions(ctx, signedIn(request), currentSession(request)),
  );

  api.delete(
    '/me/sessions/:sessionId',
    {
      schema: {
        operationId: 'endOwnSession',
        tags: ['auth'],
        summary: 'End one of your own sessions',
        params: z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) }),
        response: { 204: z.null(), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await endOwnSession(ctx, signedIn(request), request.params.sessionId);
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/me/sessions',
    {
      schema: {
        operationId: 'endOtherSessions',
        tags: ['auth'],
        summary: 'End every session of yours but this one',
        response: { 200: z.object({ ended: z.int() }), ...problems(401) },
      },
    },
    (request) => endOtherSessions(ctx, signedIn(request), currentSession(request)),
  );

  api.get(
    '/me/tokens',
    {
      schema: {
        operationId: 'listOwnTokens',
        tags: ['auth'],
        summary: "The signed-in person's API tokens, newest first, never their secrets",
        response: { 200: z.array(ownTokenSchema), ...problems(401, 403) },
      },
    },
    (request) => listOwnTokens(ctx, signedIn(request)),
  );

  api.post(
    '/me/tokens',
    {
      schema: {
        operationId: 'createOwnToken',
        tags: ['auth'],
        summary: 'Make an API token acting as you; its secret is in this answer only',
        body: ownTokenInput,
        response: {
          201: z.object({ id, name: z.string(), token: z.string() }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOwnToken(ctx, signedIn(request), request.body.name)),
  );

  api.delete(
    '/me/tokens/:tokenId',
    {
      schema: {
        operationId: 'revokeOwnToken',
        tags: ['auth'],
        summary: 'Revoke one of your API tokens for good',
        params: z.object({ tokenId: id }),
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeOwnToken(ctx, signedIn(request), request.params.tokenId);
      return reply.code(204).send(null);
    },
  );
};
