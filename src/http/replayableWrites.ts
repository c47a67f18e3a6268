import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { digest } from '../app/shared/secrets.js';
import { recordAnswer, releaseWrite, reserveWrite } from '../app/tickets/replayableWrites.js';
import { intakeKeyOf } from './idempotency.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A changing action a client may retry with the same Idempotency-Key and get the first answer. */
    replayable?: boolean;
  }
  interface FastifyRequest {
    /** The key this request's answer is kept under, once it has reserved it. */
    replayKey: string | null;
  }
}

/** What a key was first sent with: another write under the same key is refused, not answered. */
const fingerprintOf = (request: FastifyRequest) =>
  digest(
    JSON.stringify([request.method, request.routeOptions.url, request.params ?? null, request.body ?? null]),
  );

/**
 * `Idempotency-Key` on every changing action on a request (routes marked `replayable`): the first
 * attempt runs and its answer is kept; a retry with the same key gets that answer again (marked
 * `Idempotent-Replayed: true`) rather than resolving, splitting or assigning a second time; a retry
 * while the first still runs answers 409. A new request and a message keep their keys in the row they
 * write instead, in the same transaction.
 */
export function registerReplayableWrites(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('replayKey', null);
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.routeOptions.config.replayable || !request.actor) return;
    const key = intakeKeyOf(request, request.actor);
    if (!key) return;
    const reservation = await reserveWrite(ctx, key, fingerprintOf(request));
    if (reservation.kind === 'reserved') {
      request.replayKey = key;
      return;
    }
    reply.code(reservation.statusCode).header('idempotent-replayed', 'true');
    if (reservation.answer === null) return reply.send();
    // A kept answer is JSON already: sent as it was, not serialized again.
    const type = reservation.statusCode >= 400 ? 'application/problem+json' : 'application/json';
    return reply.type(`${type}; charset=utf-8`).send(reservation.answer);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.replayKey;
    if (!key) return payload;
    request.replayKey = null;
    if (reply.statusCode >= 500) await releaseWrite(ctx, key);
    else await recordAnswer(ctx, key, reply.statusCode, typeof payload === 'string' ? payload : null);
    return payload;
  });
}
