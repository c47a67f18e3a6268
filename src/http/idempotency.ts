import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../app/shared/actor.js';

/**
 * `Idempotency-Key` on the requests that write what a person sent (a new request, a message): a
 * client that lost the answer (a balancer's 502, a dropped connection) sends the same write again
 * with the same key and gets the first one's result instead of a second copy.
 */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, { error: 'validation.idempotency_key' })
  .optional()
  .describe('Any 1-200 printable characters, new for each write (a UUID); a retry sends the same one');

/** The headers of a write a client may retry under the same key. */
export const retryableHeaders = z.looseObject({ 'idempotency-key': idempotencyKeyHeader });

/**
 * The intake key a write is stored under: the client's key, scoped to whoever signed in, so one
 * caller's keys never meet another's.
 */
export function intakeKeyOf(request: FastifyRequest, actor: Actor): string | undefined {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string') return undefined;
  return `http:${actor.type}:${actor.type === 'system' ? actor.name : actor.id}:${key}`;
}
