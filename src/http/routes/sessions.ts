import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { endOtherSessions, endOwnSession, listOwnSessions } from '../../app/ownSessions.js';
import { ownSessionSchema } from '../../contract/agents.js';
import { problems } from '../../contract/problem.js';
import type { HttpDependencies } from '../app.js';
import { SESSION_COOKIE, signedIn } from '../authentication.js';

/** The session the request came in, if it came with one (a program with a token has none). */
const currentSession = (request: FastifyRequest) =>
  request.authMethod === 'session' ? request.cookies[SESSION_COOKIE] : undefined;

/** Everyone's own sessions: where they are signed in, and signing out the others. */
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
};
