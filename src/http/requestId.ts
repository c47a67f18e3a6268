import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What a caller's X-Request-Id may be to be kept: a balancer's or a client's id, never log content. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The id a request is known by in every log line and in a problem answer: the one the balancer or the
 * client sent in X-Request-Id, when it looks like an id, or a new UUID (unique across instances,
 * unlike Fastify's per-process counter).
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}
